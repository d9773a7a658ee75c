import type { CatalogIndicator } from './catalog'

/**
 * 校验规则: the plausibility checks. A value that breaks one can be saved, but the report cannot
 * be submitted until the value has a note explaining it. One rule for the entry form (live, as the
 * user types), the submit check and the reviewer's 需关注 list.
 *
 * - range: below `plausibleMin` or above `plausibleMax`.
 * - yoy: more than 3× or less than a third of last year's value, and changed by at least
 *   `yoyMinChange`, so that small numbers (1 → 4) do not trip it. Last year 0: any rise is more
 *   than 3×, so only the absolute change counts. No last-year value: no year-over-year check.
 *   "Last year" is the bureau's reported (submitted or approved) report of the year before.
 * - Booleans and derived indicators are never flagged: 是/否 has no range or trend, and a derived
 *   value is computed by the system from inputs that are checked themselves.
 */

export const FLAG_KINDS = ['range', 'yoy'] as const
export type FlagKind = (typeof FLAG_KINDS)[number]

/** The year-over-year factor: above this many times last year's value, or below its inverse. */
export const YOY_FACTOR = 3

export type PlausibilityRules = Pick<CatalogIndicator, 'name' | 'unit' | 'kind' | 'plausibleMin' | 'plausibleMax' | 'yoyMinChange'>

export interface PlausibilityCheck {
  kind: FlagKind
  /** What is wrong, without the indicator's name (the entry form shows it beside the field). */
  text: string
}

/** The value the way the form shows it: 96 件, 35%. */
function quantity(indicator: Pick<PlausibilityRules, 'unit' | 'kind'>, value: number): string {
  const n = String(Math.round(value * 100) / 100)
  if (indicator.kind === 'percent') return `${n}%`
  return indicator.unit ? `${n} ${indicator.unit}` : n
}

const rangeText = (min: number | null, max: number | null) => (min === null ? `不超过 ${max}` : max === null ? `不少于 ${min}` : `${min}–${max}`)

/** The checks `value` breaks; `previous` is last year's value of the same indicator, if any. */
export function plausibilityChecks(indicator: PlausibilityRules, value: number | boolean | null, previous: number | null | undefined): PlausibilityCheck[] {
  if (typeof value !== 'number' || indicator.kind === 'boolean' || indicator.kind === 'derived') return []
  const shown = quantity(indicator, value)
  const checks: PlausibilityCheck[] = []
  const { plausibleMin: min, plausibleMax: max, yoyMinChange } = indicator
  if ((min !== null && value < min) || (max !== null && value > max))
    checks.push({ kind: 'range', text: `${shown}超出合理范围（${rangeText(min, max)}）` })
  if (yoyMinChange !== null && previous != null && Math.abs(value - previous) >= yoyMinChange) {
    const last = quantity(indicator, previous)
    if (value > previous * YOY_FACTOR)
      checks.push({
        kind: 'yoy',
        text: previous === 0 ? `${shown}，上年为 ${last}` : `${shown}，是上年（${last}）的 ${Math.round((value / previous) * 10) / 10} 倍`,
      })
    else if (value < previous / YOY_FACTOR) checks.push({ kind: 'yoy', text: `${shown}，不足上年（${last}）的三分之一` })
  }
  return checks
}

export interface PlausibilityFlag {
  indicator: string
  kind: FlagKind
  /** 「行政复议被纠错件数」96 件超出合理范围（0–10） */
  message: string
  /** The value has a note explaining it: it no longer blocks submitting. */
  noted: boolean
}

/** Every flag of a report's values, in the order of `indicators`. */
export function plausibilityFlags(
  indicators: readonly (PlausibilityRules & { code: string })[],
  values: ReadonlyMap<string, { value: number | boolean | null; note: string | null }>,
  previousValues: Readonly<Record<string, number>>,
): PlausibilityFlag[] {
  return indicators.flatMap((ind) => {
    const v = values.get(ind.code)
    if (!v) return []
    const noted = !!v.note?.trim()
    return plausibilityChecks(ind, v.value, previousValues[ind.code]).map((c) => ({ indicator: ind.code, kind: c.kind, message: `「${ind.name}」${c.text}`, noted }))
  })
}

/** Why the flags stop a submit, or null when every flagged value is explained. */
export function unexplainedFlagsProblem(flags: readonly PlausibilityFlag[]): string | null {
  const open = flags.filter((f) => !f.noted)
  return open.length ? `以下数值超出合理范围或与上年差异过大，请在备注中说明：${open.map((f) => f.message).join('；')}` : null
}
