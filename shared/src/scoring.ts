import { CATEGORIES, type CatalogIndicator, type CategoryCode, LOWER_IS_BETTER_TOLERANCE } from './catalog'
import type { SubmissionStatus } from './constants'
import { isPublishedOnTime, isReportOnTime, type ReportTiming } from './deadlines'
import { isReported } from './submissionStatus'

/** An indicator as it applies in one year: the catalog entry with that year's target and weight. */
export type YearIndicator = Pick<CatalogIndicator, 'code' | 'category' | 'kind' | 'direction' | 'enforcementOnly' | 'derivation'> & {
  derivedAs?: CatalogIndicator['derivedAs'] | null
  target: number | null
  weight: number
}

export interface StoredValue {
  /** Numbers as entered; booleans stored as 1 / 0. null means "no value yet". */
  value: number | null
  /** An explicit 不适用 with a note: the indicator is left out of every denominator. */
  notApplicable?: boolean
}

export interface RectificationCounts {
  total: number
  done: number
  overdue: number
}

export interface ScoringContext {
  hasEnforcement: boolean
  /** The annual report was made public by the publication deadline. */
  publishedOnTime: boolean
  rectification: RectificationCounts
}

/** A 是/否 indicator (typed, or derived as one): counted, never averaged. */
export const isYesNo = (ind: { kind: string; derivedAs?: string | null }) => ind.kind === 'boolean' || ind.derivedAs === 'boolean'

/** What a bureau-year's scoring needs besides its values, built the same way wherever a score is computed. */
export function scoringContextFor(bureauYear: {
  hasEnforcement: boolean
  publishedAt: string | null
  /** The cycle's publication deadline; undefined while it is not known (the report then counts as not published on time). */
  publishDeadline: string | undefined
  rectification: RectificationCounts
}): ScoringContext {
  const { hasEnforcement, publishedAt, publishDeadline, rectification } = bureauYear
  return {
    hasEnforcement,
    publishedOnTime: publishDeadline !== undefined && isPublishedOnTime(publishedAt, publishDeadline),
    rectification: { total: rectification.total, done: rectification.done, overdue: rectification.overdue },
  }
}

export interface IndicatorResult {
  code: string
  category: CategoryCode
  value: number | null
  target: number | null
  weight: number
  applicable: boolean
  filled: boolean
  /** 0..1, null when not applicable or not scored (input-only counts). */
  attainment: number | null
  met: boolean
  /** Score points (0–100 scale) this indicator would add if fully met. */
  pointsAvailable: number
}

export interface CategoryResult {
  category: CategoryCode
  /** Weighted attainment of the category's applicable scored indicators, 0..1; null if none apply. */
  attainment: number | null
}

export interface BureauScore {
  score: number
  completion: number
  fillRate: number
  indicators: IndicatorResult[]
  categories: CategoryResult[]
}

const EPSILON = 1e-9
const round = (x: number, digits: number) => {
  const f = 10 ** digits
  return Math.round(x * f) / f
}

/** Whether an indicator counts towards the score at all (input-only counts feed derived rates). */
export const isScored = (indicator: Pick<YearIndicator, 'direction' | 'weight'>) =>
  indicator.direction !== null && indicator.weight > 0

/**
 * The value of a derived indicator, or 'n/a' when its denominator is zero, or null when an input
 * it needs is missing.
 */
export function deriveValue(
  indicator: YearIndicator,
  values: Readonly<Record<string, StoredValue | undefined>>,
  ctx: ScoringContext,
): number | null | 'n/a' {
  const d = indicator.derivation
  if (!d) return values[indicator.code]?.value ?? null
  switch (d.from) {
    case 'ratio': {
      const num = values[d.numerator]
      const den = values[d.denominator]
      // Nothing to review (denominator 0) makes the rate not applicable, whatever the numerator says.
      if (den?.notApplicable || num?.notApplicable || den?.value === 0) return 'n/a'
      if (den?.value == null || num?.value == null) return null
      return Math.min((num.value / den.value) * 100, 100)
    }
    case 'publication':
      return ctx.publishedOnTime ? 1 : 0
    case 'rectification.completion':
      return ctx.rectification.total === 0 ? 'n/a' : (ctx.rectification.done / ctx.rectification.total) * 100
    case 'rectification.overdue':
      return ctx.rectification.overdue
  }
}

/** Attainment of one value against its target, between 0 and 1. */
export function attainment(
  indicator: Pick<YearIndicator, 'kind' | 'direction' | 'target' | 'derivedAs'>,
  value: number,
  tolerance = LOWER_IS_BETTER_TOLERANCE,
): number {
  if (isYesNo(indicator)) return value >= 1 ? 1 : 0
  const target = indicator.target ?? 0
  if (indicator.direction === 'lower') {
    const excess = Math.max(0, value - target)
    return Math.max(0, 1 - excess / tolerance)
  }
  if (target <= 0) return 1
  return Math.max(0, Math.min(value / target, 1))
}

/** Score, 达标率, 填报完整率 and per-indicator detail for one bureau's submission. */
export function computeBureauScore(
  indicators: readonly YearIndicator[],
  values: Readonly<Record<string, StoredValue | undefined>>,
  ctx: ScoringContext,
): BureauScore {
  const results: IndicatorResult[] = []
  let weightSum = 0
  let weighted = 0
  let applicableCount = 0
  let metCount = 0
  let filledCount = 0

  for (const ind of indicators) {
    const derived = deriveValue(ind, values, ctx)
    const scored = isScored(ind)
    const excluded =
      (ind.enforcementOnly && !ctx.hasEnforcement) || derived === 'n/a' || values[ind.code]?.notApplicable === true
    const applicable = scored && !excluded
    const value = derived === 'n/a' ? null : derived
    const filled = value !== null
    const att = applicable ? (filled ? attainment(ind, value) : 0) : null
    const met = att !== null && att >= 1 - EPSILON
    if (applicable) {
      applicableCount++
      weightSum += ind.weight
      weighted += ind.weight * (att ?? 0)
      if (met) metCount++
      if (filled) filledCount++
    }
    results.push({
      code: ind.code,
      category: ind.category,
      value,
      target: ind.target,
      weight: ind.weight,
      applicable,
      filled,
      attainment: att,
      met,
      pointsAvailable: 0,
    })
  }

  for (const r of results) {
    if (r.applicable && weightSum > 0) r.pointsAvailable = round((100 * r.weight * (1 - (r.attainment ?? 0))) / weightSum, 2)
  }

  const categories: CategoryResult[] = CATEGORIES.map(({ code }) => {
    let w = 0
    let a = 0
    for (const r of results) {
      if (r.category !== code || !r.applicable) continue
      w += r.weight
      a += r.weight * (r.attainment ?? 0)
    }
    return { category: code, attainment: w > 0 ? round(a / w, 4) : null }
  })

  return {
    score: weightSum > 0 ? round((100 * weighted) / weightSum, 2) : 0,
    completion: applicableCount > 0 ? round(metCount / applicableCount, 4) : 0,
    fillRate: applicableCount > 0 ? round(filledCount / applicableCount, 4) : 0,
    indicators: results,
    categories,
  }
}

export interface RankInput {
  bureauId: number
  code: string
  status: SubmissionStatus | null
  score: number
  completion: number
}

/**
 * Rank among the year's submitted and approved submissions: by score, then 达标率, then bureau code.
 * Bureaus that have not reported are absent from the result (unranked).
 */
export function rankBureaus(rows: readonly RankInput[]): Map<number, number> {
  const ranked = rows
    .filter((r) => isReported(r.status))
    .sort((a, b) => b.score - a.score || b.completion - a.completion || a.code.localeCompare(b.code))
  return new Map(ranked.map((r, i) => [r.bureauId, i + 1]))
}

/** Positive when the bureau moved up. null when it was unranked either year. */
export const rankChange = (rank: number | null | undefined, previousRank: number | null | undefined) =>
  rank != null && previousRank != null ? previousRank - rank : null

export interface ReportingInput extends ReportTiming {
  status: SubmissionStatus | null
}

export interface ReportingRates {
  expected: number
  reported: number
  onTime: number
  reportingRate: number
  onTimeRate: number
}

/** 上报率 and 按时上报率 over the active bureaus of a year (one entry per active bureau). */
export function reportingRates(bureaus: readonly ReportingInput[], dueDate: string): ReportingRates {
  const expected = bureaus.length
  const reported = bureaus.filter((b) => isReported(b.status))
  const onTime = reported.filter((b) => isReportOnTime(b, dueDate)).length
  return {
    expected,
    reported: reported.length,
    onTime,
    reportingRate: expected > 0 ? round(reported.length / expected, 4) : 0,
    onTimeRate: expected > 0 ? round(onTime / expected, 4) : 0,
  }
}

export const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null)
export { round }
