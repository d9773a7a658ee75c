import { type Scheme, type SchemeDraft, schemeDraftOf } from '@fazhi/shared'
import { schemeIndicators, schemes } from '../../../server/src/db/schema'
import type { WorkflowContext } from '../workflow/helpers'

export const draftOf = schemeDraftOf

export async function schemeOf(t: WorkflowContext, year: number): Promise<Scheme> {
  const res = await t.call('office', 'GET', `/api/schemes/${year}`)
  if (res.status !== 200) throw new Error(`GET scheme ${year}: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body as Scheme
}

/** Every stored scheme row: compare two to prove nothing was written. */
export const schemeRows = async (t: WorkflowContext) => ({
  schemes: await t.db.select().from(schemes),
  indicators: await t.db.select().from(schemeIndicators),
  registry: await t.sql.get('select cast(count(*) as integer) as n from indicators'),
  audit: await t.sql.get("select cast(count(*) as integer) as n from audit_events where object_type = 'scheme'"),
})

/** A draft with one indicator changed. */
export function withIndicator(draft: SchemeDraft, code: string, patch: Partial<SchemeDraft['indicators'][number]>): SchemeDraft {
  if (!draft.indicators.some((i) => i.code === code)) throw new Error(`no indicator ${code}`)
  return { ...draft, indicators: draft.indicators.map((i) => (i.code === code ? { ...i, ...patch } : i)) }
}
