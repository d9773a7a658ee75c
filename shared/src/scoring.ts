import { CATEGORIES, type CatalogIndicator, type CategoryCode, LOWER_IS_BETTER_TOLERANCE } from './catalog'
import type { SubmissionStatus } from './constants'
import { isPublishedOnTime, isReportOnTime, type ReportTiming } from './deadlines'
import {
  appliesToBureau,
  bonusPoints,
  DEFAULT_SETTINGS,
  deductionText,
  type Grade,
  isBaseRule,
  pointsText,
  type Rule,
  ruleDeduction,
  type SchemeSettings,
  vetoes,
  worseGrade,
} from './scheme'
import { EPSILON, round } from './numbers'
import { isReported } from './submissionStatus'

/** An indicator as it applies in one year: the year's scheme entry (target, points as weight, applicability, rule). */
export type YearIndicator = Pick<CatalogIndicator, 'code' | 'category' | 'kind' | 'direction' | 'enforcementOnly' | 'derivation'> & {
  derivedAs?: CatalogIndicator['derivedAs'] | null
  target: number | null
  weight: number
  /** The scoring rule; absent: attainment. */
  rule?: Rule
  /** Bureau categories it applies to; absent, null or empty: all. */
  appliesTo?: readonly string[] | null
  /** Shown in the rules' sentences ("少1次"). */
  unit?: string
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
  /** The bureau's category in the scheme (which indicators apply); null: none set. */
  category?: string | null
  /** The annual report was made public by the publication deadline. */
  publishedOnTime: boolean
  /** The report was submitted, and not on time (`isReportOnTime`): the scheme's late deduction applies. */
  late?: boolean
  rectification: RectificationCounts
}

/** A 是/否 indicator (typed, or derived as one): counted, never averaged. */
export const isYesNo = (ind: { kind: string; derivedAs?: string | null }) => ind.kind === 'boolean' || ind.derivedAs === 'boolean'

/** What a bureau-year's scoring needs besides its values, built the same way wherever a score is computed. */
export function scoringContextFor(bureauYear: {
  hasEnforcement: boolean
  category: string | null
  publishedAt: string | null
  /** The cycle's publication deadline; undefined while it is not known (the report then counts as not published on time). */
  publishDeadline: string | undefined
  /** The report's timing and the cycle's due date; a report not yet submitted is not late. */
  timing: ReportTiming
  dueDate: string | undefined
  rectification: RectificationCounts
}): ScoringContext {
  const { hasEnforcement, category, publishedAt, publishDeadline, timing, dueDate, rectification } = bureauYear
  return {
    hasEnforcement,
    category,
    publishedOnTime: publishDeadline !== undefined && isPublishedOnTime(publishedAt, publishDeadline),
    late: dueDate !== undefined && timing.firstSubmittedAt !== null && !isReportOnTime(timing, dueDate),
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
  /** Score points (0–100 scale) this indicator would add if fully met (a bonus item: what claiming it would add). */
  pointsAvailable: number
  /** The rule's result in a sentence: "少1次，扣0.3分", "加2分", "一票否决：等次不高于合格"; null when nothing was taken or added. */
  explanation: string | null
}

/** A rule's effect on the total beyond the indicators' points: the bonus total, the late deduction. */
export interface ScoreAdjustment {
  kind: 'bonus' | 'late' | 'veto'
  /** Points added (bonus) or taken (late); 0 for a veto. */
  points: number
  text: string
}

export interface CategoryResult {
  category: CategoryCode
  /** Weighted attainment of the category's applicable scored indicators, 0..1; null if none apply. */
  attainment: number | null
}

export interface BureauScore {
  /** base + bonus − late deduction, never below 0. */
  score: number
  /** 100 × Σ(points earned) ÷ Σ(points of the applicable indicators). */
  baseScore: number
  /** Bonus points after the scheme's cap. */
  bonus: number
  /** The late deduction taken. */
  deduction: number
  /** The worst grade a triggered veto allows; null when none is triggered. */
  gradeCap: Grade | null
  adjustments: ScoreAdjustment[]
  completion: number
  fillRate: number
  indicators: IndicatorResult[]
  categories: CategoryResult[]
}


/** Whether an indicator counts towards the base score (input-only counts feed derived rates; bonus and veto items stand apart). */
export const isScored = (indicator: Pick<YearIndicator, 'direction' | 'weight' | 'rule'>) =>
  indicator.direction !== null && indicator.weight > 0 && isBaseRule(indicator.rule)

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

/** Points earned by a base indicator's value: the rule's deduction taken off its points, or points × attainment. */
function earned(ind: YearIndicator, value: number): { points: number; explanation: string | null } {
  const rule = ind.rule
  if (rule && rule.kind !== 'attainment') {
    const target = { direction: ind.direction, target: ind.target, weight: ind.weight, unit: ind.unit ?? '' }
    return { points: ind.weight - ruleDeduction(rule, target, value), explanation: deductionText(rule, target, value) }
  }
  return { points: ind.weight * attainment(ind, value), explanation: null }
}

/** Score, 达标率, 填报完整率 and per-indicator detail for one bureau's submission, under the year's rules. */
export function computeBureauScore(
  indicators: readonly YearIndicator[],
  values: Readonly<Record<string, StoredValue | undefined>>,
  ctx: ScoringContext,
  settings: Pick<SchemeSettings, 'bonusCap' | 'lateDeduction'> = DEFAULT_SETTINGS,
): BureauScore {
  const results: IndicatorResult[] = []
  let weightSum = 0
  let weighted = 0
  let applicableCount = 0
  let metCount = 0
  let filledCount = 0
  let bonusRaw = 0
  let gradeCap: Grade | null = null
  const bonusItems: IndicatorResult[] = []
  const bureau = { hasEnforcement: ctx.hasEnforcement, category: ctx.category ?? null }

  for (const ind of indicators) {
    const derived = deriveValue(ind, values, ctx)
    const scored = isScored(ind)
    const excluded = !appliesToBureau(ind, bureau) || derived === 'n/a' || values[ind.code]?.notApplicable === true
    const applicable = scored && !excluded
    const value = derived === 'n/a' ? null : derived
    const filled = value !== null
    let att: number | null = null
    let explanation: string | null = null
    if (applicable) {
      if (filled) {
        const e = earned(ind, value)
        att = ind.weight > 0 ? e.points / ind.weight : 0
        explanation = e.explanation
      } else {
        att = 0
        explanation = '未填报，不得分'
      }
    }
    const met = att !== null && att >= 1 - EPSILON
    if (applicable) {
      applicableCount++
      weightSum += ind.weight
      weighted += ind.weight * (att ?? 0)
      if (met) metCount++
      if (filled) filledCount++
    }
    const result: IndicatorResult = {
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
      explanation,
    }
    if (!excluded && ind.rule?.kind === 'bonus') {
      const points = bonusPoints(ind.rule, value)
      bonusRaw += points
      if (points > 0) result.explanation = `加${pointsText(points)}分`
      bonusItems.push(result)
    }
    if (!excluded && ind.rule?.kind === 'veto' && vetoes(ind.rule, value)) {
      gradeCap = gradeCap ? worseGrade(gradeCap, ind.rule.gradeCap) : ind.rule.gradeCap
      result.explanation = `一票否决：等次不高于${ind.rule.gradeCap}`
    }
    results.push(result)
  }

  for (const r of results) {
    if (r.applicable && weightSum > 0) r.pointsAvailable = round((100 * r.weight * (1 - (r.attainment ?? 0))) / weightSum, 2)
  }
  const bonus = round(Math.min(bonusRaw, settings.bonusCap), 2)
  // An unclaimed bonus item could still add what the cap leaves.
  for (const r of bonusItems) {
    const rule = indicators.find((i) => i.code === r.code)!.rule!
    if (!r.value && rule.kind === 'bonus') r.pointsAvailable = round(Math.max(0, Math.min(rule.points, settings.bonusCap - bonus)), 2)
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

  const baseScore = weightSum > 0 ? round((100 * weighted) / weightSum, 2) : 0
  const deduction = ctx.late ? settings.lateDeduction : 0
  const adjustments: ScoreAdjustment[] = []
  if (bonusRaw > 0)
    adjustments.push({ kind: 'bonus', points: bonus, text: bonus < bonusRaw ? `加分项合计${pointsText(bonusRaw)}分，按上限加${pointsText(bonus)}分` : `加分项加${pointsText(bonus)}分` })
  if (deduction > 0) adjustments.push({ kind: 'late', points: deduction, text: `逾期上报，扣${pointsText(deduction)}分` })
  if (gradeCap) adjustments.push({ kind: 'veto', points: 0, text: `触发一票否决，等次不高于${gradeCap}` })

  return {
    score: round(Math.max(0, baseScore + bonus - deduction), 2),
    baseScore,
    bonus,
    deduction,
    gradeCap,
    adjustments,
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
 * Rank among the year's submitted and approved submissions: by score, then 达标率. Bureaus equal on
 * both share a rank (并列) and the next rank leaves room for them (1, 2, 2, 4); they are listed by
 * bureau code. Bureaus that have not reported are absent from the result (unranked).
 */
export function rankBureaus(rows: readonly RankInput[]): Map<number, number> {
  const ranked = rows.filter((r) => isReported(r.status)).sort(rankOrder)
  const ranks = new Map<number, number>()
  ranked.forEach((r, i) => {
    const before = ranked[i - 1]
    ranks.set(r.bureauId, before && before.score === r.score && before.completion === r.completion ? ranks.get(before.bureauId)! : i + 1)
  })
  return ranks
}

/** The ranks held by more than one bureau (并列) among the given ranks of one list. */
export function tiedRanks(ranks: Iterable<number>): Set<number> {
  const seen = new Set<number>()
  const tied = new Set<number>()
  for (const rank of ranks) (seen.has(rank) ? tied : seen).add(rank)
  return tied
}

/** The order of a ranking's list: negative when `a` comes before `b` (score, then 达标率, then bureau code). */
export const rankOrder = (a: Pick<RankInput, 'score' | 'completion' | 'code'>, b: Pick<RankInput, 'score' | 'completion' | 'code'>) =>
  b.score - a.score || b.completion - a.completion || a.code.localeCompare(b.code)

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
