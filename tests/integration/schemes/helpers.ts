import type { Scheme, SchemeDraft } from '@fazhi/shared'
import { schemeIndicators, schemes } from '../../../server/src/db/schema'
import type { WorkflowContext } from '../workflow/helpers'

/** A scheme as the office edits it: the GET answer without what the server works out. */
export function draftOf(s: Scheme): SchemeDraft {
  return {
    categories: s.categories.map(({ code, name }) => ({ code, name })),
    indicators: s.indicators.map((i) => ({
      code: i.code,
      category: i.category,
      name: i.name,
      unit: i.unit,
      direction: i.direction,
      target: i.target,
      weight: i.weight,
      enforcementOnly: i.enforcementOnly,
      appliesTo: i.appliesTo,
      rule: i.rule,
      plausibleMin: i.plausibleMin,
      plausibleMax: i.plausibleMax,
      yoyMinChange: i.yoyMinChange,
    })),
    grades: s.grades,
    excellentQuota: s.excellentQuota,
    bonusCap: s.bonusCap,
    lateDeduction: s.lateDeduction,
    codeMap: s.codeMap,
  }
}

export async function schemeOf(t: WorkflowContext, year: number): Promise<Scheme> {
  const res = await t.call('office', 'GET', `/api/schemes/${year}`)
  if (res.status !== 200) throw new Error(`GET scheme ${year}: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body as Scheme
}

/** Every stored scheme row: compare two to prove nothing was written. */
export const schemeRows = (t: WorkflowContext) => ({
  schemes: t.db.select().from(schemes).all(),
  indicators: t.db.select().from(schemeIndicators).all(),
  registry: t.db.$client.prepare('select count(*) as n from indicators').get(),
  audit: t.db.$client.prepare("select count(*) as n from audit_events where object_type = 'scheme'").get(),
})

/** A draft with one indicator changed. */
export function withIndicator(draft: SchemeDraft, code: string, patch: Partial<SchemeDraft['indicators'][number]>): SchemeDraft {
  if (!draft.indicators.some((i) => i.code === code)) throw new Error(`no indicator ${code}`)
  return { ...draft, indicators: draft.indicators.map((i) => (i.code === code ? { ...i, ...patch } : i)) }
}
