import { CATALOG, CATEGORIES, DEFAULT_GRADES, type Rule } from '@fazhi/shared'
import type { Db } from '../server/src/db/client'
import { indicators, schemeIndicators, schemes } from '../server/src/db/schema'
import type { prng } from '../server/src/lib/prng'

type Rng = ReturnType<typeof prng>

/**
 * The demo county's 考核方案: the default catalog with the rules a county's 考核细则 states
 * (开江's "每少一次扣0.3分，累计扣分不超过1.2分" and its late deduction, 湖北's per-percentage-point
 * deduction, 连云港's per-case deduction), three bonus items with a ceiling, a veto, and grades with
 * a 优秀 quota. Every demo year has it.
 */

/** Bureau categories (bureaus.category): the scheme's indicators can apply to one of them. */
export const ENFORCEMENT_CATEGORY = '执法部门'
export const GENERAL_CATEGORY = '综合部门'
export const demoCategoryOf = (hasEnforcement: boolean) => (hasEnforcement ? ENFORCEMENT_CATEGORY : GENERAL_CATEGORY)

/** Indicators the demo scheme adds to the registry: bonus items (加分项) and a veto (一票否决). No direction and no points: they stand apart from the base score. */
export const DEMO_EXTRA_INDICATORS = [
  { code: 'lead.model_creation', category: 'lead', name: '获评法治政府建设示范创建单位', unit: '', kind: 'boolean', rule: { kind: 'bonus', points: 2 } },
  { code: 'lead.experience_promoted', category: 'lead', name: '法治建设典型经验被上级推广', unit: '项', kind: 'count', rule: { kind: 'bonus', points: 1 } },
  { code: 'lead.commended', category: 'lead', name: '法治工作受到上级表彰', unit: '', kind: 'boolean', rule: { kind: 'bonus', points: 1 } },
  { code: 'oversight.major_violation', category: 'oversight', name: '发生严重违法行政行为被通报', unit: '', kind: 'boolean', rule: { kind: 'veto', threshold: 1, gradeCap: '合格' } },
] as const satisfies readonly { code: string; category: string; name: string; unit: string; kind: 'boolean' | 'count'; rule: Rule }[]

/** The rules of the catalog's indicators that are not scored by attainment. */
export const DEMO_RULES: Readonly<Record<string, Rule>> = {
  'study.collective_sessions': { kind: 'perUnit', points: 0.3, cap: 1.2 },
  'disclosure.request_on_time_rate': { kind: 'perPercentPoint', points: 0.5 },
  'oversight.litigation_lost': { kind: 'perViolation', points: 1, cap: 3 },
}
/** Indicators that apply to one bureau category only. */
export const DEMO_APPLIES_TO: Readonly<Record<string, string[]>> = {
  'oversight.head_appearance_rate': [ENFORCEMENT_CATEGORY],
}

export const DEMO_SETTINGS = { excellentQuota: 0.3, bonusCap: 3, lateDeduction: 0.5 }

/**
 * 2025's bonus items and veto, so a new user sees them at work: 司法局's bonuses go past the
 * ceiling, 卫健委 and 市场监管局 claim some, and a well-scoring 公安局 is vetoed. Other years draw
 * theirs from their own generator (the county's other figures stay as they were).
 */
const EXTRAS_2025: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  sfj: { 'lead.model_creation': 1, 'lead.experience_promoted': 1, 'lead.commended': 1 },
  wjw: { 'lead.experience_promoted': 2 },
  scjgj: { 'lead.commended': 1 },
  gaj: { 'oversight.major_violation': 1 },
}

/** A reported bureau-year's values of the extra indicators (0: not claimed, not triggered). */
export function demoExtraValues(rng: Rng, code: string, year: number): Record<string, number> {
  const drawn: Record<string, number> = {
    'lead.model_creation': rng.chance(0.06) ? 1 : 0,
    'lead.experience_promoted': rng.chance(0.1) ? rng.int(1, 2) : 0,
    'lead.commended': rng.chance(0.1) ? 1 : 0,
    'oversight.major_violation': rng.chance(0.02) ? 1 : 0,
  }
  if (year !== 2025) return drawn
  return Object.fromEntries(DEMO_EXTRA_INDICATORS.map((x) => [x.code, EXTRAS_2025[code]?.[x.code] ?? 0]))
}

/** Adds the extra indicators to the registry (after the default catalog) and writes each year's scheme. */
export async function addDemoScheme(db: Db, years: readonly number[]): Promise<void> {
  await db.insert(indicators)
    .values(DEMO_EXTRA_INDICATORS.map((x, i) => ({ code: x.code, category: x.category, name: x.name, unit: x.unit, kind: x.kind, direction: null, defaultTarget: null, defaultWeight: 0, sortOrder: CATALOG.length + i + 1 })))
  const catalogRows = [
    ...CATALOG.map((c) => ({
      indicatorCode: c.code,
      category: c.category as string,
      name: c.name,
      unit: c.unit,
      direction: c.direction,
      target: c.defaultTarget,
      weight: c.defaultWeight,
      enforcementOnly: c.enforcementOnly,
      appliesTo: DEMO_APPLIES_TO[c.code] ? JSON.stringify(DEMO_APPLIES_TO[c.code]) : null,
      rule: JSON.stringify(DEMO_RULES[c.code] ?? { kind: 'attainment' }),
      plausibleMin: c.plausibleMin,
      plausibleMax: c.plausibleMax,
      yoyMinChange: c.yoyMinChange,
    })),
    ...DEMO_EXTRA_INDICATORS.map((x) => ({
      indicatorCode: x.code,
      category: x.category as string,
      name: x.name,
      unit: x.unit,
      direction: null,
      target: x.kind === 'count' ? 0 : null,
      weight: 0,
      enforcementOnly: false,
      appliesTo: null,
      rule: JSON.stringify(x.rule),
      plausibleMin: x.kind === 'count' ? 0 : null,
      plausibleMax: x.kind === 'count' ? 10 : null,
      yoyMinChange: null,
    })),
  ]
  // Each extra indicator at the end of its category.
  const order = (category: string) => CATEGORIES.findIndex((c) => c.code === category)
  const rows = catalogRows.map((r, i) => ({ r, i })).sort((a, b) => order(a.r.category) - order(b.r.category) || a.i - b.i).map(({ r }) => r)
  for (const year of years) {
    await db.insert(schemes)
      .values({ year, categories: JSON.stringify(CATEGORIES.map(({ code, name }) => ({ code, name }))), grades: JSON.stringify(DEFAULT_GRADES), ...DEMO_SETTINGS })
    await db.insert(schemeIndicators)
      .values(rows.map((r, i) => ({ ...r, year, sortOrder: i + 1 })))
  }
}
