/**
 * The yearly 考核方案 (scheme) as rules: how each indicator is scored, bonus points, vetoes, grades
 * and the deduction for a late report. Pure and zod-free (the entry form's live score imports it);
 * the API's schemas are in `schemeApi.ts`. The one scorer (`scoring.ts`) applies these rules.
 */
import { EPSILON, round } from './numbers'

export const GRADES = ['优秀', '良好', '合格', '不合格'] as const
export type Grade = (typeof GRADES)[number]

/** How an indicator is scored. */
export type Rule =
  /** 按完成程度计分: points × attainment (as `attainment` in scoring.ts). */
  | { kind: 'attainment' }
  /** 每少（多）一次扣 points 分，累计扣分不超过 cap 分 (null: down to the indicator's points). */
  | { kind: 'perUnit'; points: number; cap: number | null }
  /** 每低一个百分点扣 points 分，分值扣完为止. */
  | { kind: 'perPercentPoint'; points: number }
  /** 有一项扣 points 分 (each case above the target), 累计不超过 cap 分. */
  | { kind: 'perViolation'; points: number; cap: number | null }
  /** 加分项: points for 是, or for each unit of a count; all bonuses together stop at the scheme's cap. */
  | { kind: 'bonus'; points: number }
  /** 一票否决: a value at or above `threshold` (是 = 1) caps the grade at `gradeCap`, whatever the score. */
  | { kind: 'veto'; threshold: number; gradeCap: Grade }
export type RuleKind = Rule['kind']
export const RULE_KINDS = ['attainment', 'perUnit', 'perPercentPoint', 'perViolation', 'bonus', 'veto'] as const satisfies readonly RuleKind[]
export const RULE_LABELS: Record<RuleKind, string> = {
  attainment: '按完成程度计分',
  perUnit: '按差额扣分',
  perPercentPoint: '按百分点扣分',
  perViolation: '按项扣分',
  bonus: '加分项',
  veto: '一票否决',
}
export const ATTAINMENT: Rule = { kind: 'attainment' }

export interface GradeThreshold {
  grade: Exclude<Grade, '不合格'>
  /** The lowest score of the grade; below the last threshold: 不合格. */
  min: number
}

/** A scheme's settings beyond its indicators. */
export interface SchemeSettings {
  grades: readonly GradeThreshold[]
  /** The largest share of ranked bureaus graded 优秀 (0–1), resolved by rank; null: no quota. */
  excellentQuota: number | null
  /** The most bonus points a bureau gets in all. */
  bonusCap: number
  /** Points taken off a report that is not on time (`isReportOnTime`). */
  lateDeduction: number
}

export const DEFAULT_GRADES: readonly GradeThreshold[] = [
  { grade: '优秀', min: 90 },
  { grade: '良好', min: 80 },
  { grade: '合格', min: 60 },
]
export const DEFAULT_SETTINGS: SchemeSettings = { grades: DEFAULT_GRADES, excellentQuota: null, bonusCap: 0, lateDeduction: 0 }

/** Bonus and veto rules stand apart from the base score; every other rule adds the indicator's points to it. */
export const isBaseRule = (rule: Rule | undefined) => rule === undefined || (rule.kind !== 'bonus' && rule.kind !== 'veto')

const round2 = (x: number) => round(x, 2)
/** A number as the rules print it: at most two decimals, no trailing zeros. */
export const pointsText = (x: number) => String(round2(x))

/** Whether an indicator applies to a bureau: enforcement-only ones need enforcement powers, and a list of categories must name the bureau's. */
export function appliesToBureau(
  ind: { enforcementOnly: boolean; appliesTo?: readonly string[] | null },
  bureau: { hasEnforcement: boolean; category?: string | null },
): boolean {
  if (ind.enforcementOnly && !bureau.hasEnforcement) return false
  if (ind.appliesTo && ind.appliesTo.length > 0) return bureau.category != null && ind.appliesTo.includes(bureau.category)
  return true
}

interface RuleTarget {
  direction: 'higher' | 'lower' | null
  target: number | null
  weight: number
  unit: string
}

/** How far a value misses its target: short of it (higher is better) or over it (lower is better); 0 when met. */
export function shortfall(ind: Pick<RuleTarget, 'direction' | 'target'>, value: number): number {
  const target = ind.target ?? 0
  return Math.max(0, ind.direction === 'lower' ? value - target : target - value)
}

/** The points a deduction rule takes off the indicator's points for a value: never more than its cap or the points themselves. */
export function ruleDeduction(rule: Rule, ind: RuleTarget, value: number): number {
  switch (rule.kind) {
    case 'perUnit':
    case 'perViolation':
    case 'perPercentPoint': {
      const raw = rule.points * shortfall(ind, value)
      const cap = rule.kind === 'perPercentPoint' ? null : rule.cap
      return round2(Math.min(raw, cap ?? Infinity, ind.weight))
    }
    default:
      return 0
  }
}

/** The sentence that explains a deduction rule's result for a value: "少1次，扣0.3分". null for other rules and a met target. */
export function deductionText(rule: Rule, ind: RuleTarget, value: number): string | null {
  if (rule.kind !== 'perUnit' && rule.kind !== 'perPercentPoint' && rule.kind !== 'perViolation') return null
  const miss = shortfall(ind, value)
  if (miss <= EPSILON) return null
  const d = ruleDeduction(rule, ind, value)
  const tail = d + EPSILON < round2(rule.points * miss) ? `（扣分上限${pointsText(d)}分）` : ''
  const amount = pointsText(miss)
  if (rule.kind === 'perUnit') return `${ind.direction === 'lower' ? '多' : '少'}${amount}${ind.unit}，扣${pointsText(d)}分${tail}`
  if (rule.kind === 'perPercentPoint') return `${ind.direction === 'lower' ? '高' : '低'}${amount}个百分点，扣${pointsText(d)}分${tail}`
  return `${amount}${ind.unit || '项'}，扣${pointsText(d)}分${tail}`
}

/** A bonus rule's points for a value: per 是, or per unit of a count (before the scheme's cap). */
export const bonusPoints = (rule: Rule, value: number | null): number =>
  rule.kind === 'bonus' && value !== null && value > 0 ? round2(rule.points * value) : 0

/** Whether a veto rule is triggered by a value. */
export const vetoes = (rule: Rule, value: number | null): boolean => rule.kind === 'veto' && value !== null && value >= rule.threshold

/** The worse of two grades. */
export const worseGrade = (a: Grade, b: Grade): Grade => GRADES[Math.max(GRADES.indexOf(a), GRADES.indexOf(b))]

/** A score's grade by the thresholds (before a veto or the quota). */
export function gradeOf(score: number, grades: readonly GradeThreshold[]): Grade {
  for (const g of [...grades].sort((a, b) => b.min - a.min)) if (score + EPSILON >= g.min) return g.grade
  return '不合格'
}

/** A bureau's grade by its score and veto, before an 优秀 quota. */
const gradeBeforeQuota = (r: { score: number; gradeCap: Grade | null }, grades: readonly GradeThreshold[]): Grade =>
  r.gradeCap ? worseGrade(gradeOf(r.score, grades), r.gradeCap) : gradeOf(r.score, grades)

/**
 * Who takes one of the 优秀 seats: a bureau graded 优秀 before the quota (`gradeBeforeQuota`), as a
 * test made once per scheme (it runs over every ranked bureau of a province).
 */
export function takesExcellentSeat(grades: readonly GradeThreshold[]): (r: { score: number; gradeCap: Grade | null }) => boolean {
  const excellent = grades.find((g) => g.grade === '优秀')
  if (!excellent || grades.some((g) => g.min > excellent.min)) return () => false
  return (r) => r.score + EPSILON >= excellent.min && (r.gradeCap === null || r.gradeCap === '优秀')
}

/** The grade of a bureau that scored 优秀 but found no seat left: the next grade of the scheme its score earns. */
export const pastQuota = (score: number, grades: readonly GradeThreshold[]): Grade => gradeOf(score, grades.filter((g) => g.grade !== '优秀'))

/** How many of the 优秀 seats a quota gives among `rankedCount` ranked bureaus (all, without a quota). */
export const excellentSeats = (excellentQuota: number | null, rankedCount: number) =>
  excellentQuota === null ? Infinity : Math.floor(excellentQuota * rankedCount + EPSILON)

/**
 * Grades of the ranked bureaus, given in rank order (the ranking rule breaks ties): each by its score,
 * capped by a veto, and with a 优秀 quota the first ⌊quota × ranked⌋ bureaus eligible for 优秀 keep it
 * while the others get the next grade their score earns (良好 in the usual scheme).
 */
export function assignGrades(
  ranked: readonly { bureauId: number; score: number; gradeCap: Grade | null }[],
  settings: Pick<SchemeSettings, 'grades' | 'excellentQuota'>,
  /** How many bureaus are ranked in all, when `ranked` lists only some of them (the front of the ranking, in order). */
  rankedCount = ranked.length,
): Map<number, Grade> {
  const seats = excellentSeats(settings.excellentQuota, rankedCount)
  const takesSeat = takesExcellentSeat(settings.grades)
  let excellent = 0
  const grades = new Map<number, Grade>()
  for (const r of ranked) {
    if (takesSeat(r)) grades.set(r.bureauId, excellent++ < seats ? '优秀' : pastQuota(r.score, settings.grades))
    else grades.set(r.bureauId, gradeBeforeQuota(r, settings.grades))
  }
  return grades
}

interface DescribedIndicator {
  kind: string
  derivedAs?: string | null
  unit: string
  direction: 'higher' | 'lower' | null
  target: number | null
  rule: Rule
}

const isYesNoLike = (ind: { kind: string; derivedAs?: string | null }) => ind.kind === 'boolean' || ind.derivedAs === 'boolean'
const one = (unit: string) => `1${unit || '项'}`

/** A rule in the words of a 考核细则 ("每少1次扣0.3分，累计扣分不超过1.2分"); `parseRule` reads them back. */
export function describeRule(ind: DescribedIndicator): string {
  const r = ind.rule
  switch (r.kind) {
    case 'attainment':
      if (isYesNoLike(ind)) return '按完成程度计分：是得满分，否不得分'
      if (ind.direction === 'lower') return '按完成程度计分：不超过目标值得满分，超出递减'
      return '按完成程度计分：达到目标值得满分，未达到按比例得分'
    case 'perUnit':
      return `每${ind.direction === 'lower' ? '多' : '少'}${one(ind.unit)}扣${pointsText(r.points)}分，${r.cap === null ? '分值扣完为止' : `累计扣分不超过${pointsText(r.cap)}分`}`
    case 'perPercentPoint':
      return `每${ind.direction === 'lower' ? '高' : '低'}1个百分点扣${pointsText(r.points)}分，分值扣完为止`
    case 'perViolation':
      return `有1${ind.unit || '项'}扣${pointsText(r.points)}分，${r.cap === null ? '分值扣完为止' : `累计扣分不超过${pointsText(r.cap)}分`}`
    case 'bonus':
      return isYesNoLike(ind) ? `加分项：是加${pointsText(r.points)}分` : `加分项：每${one(ind.unit)}加${pointsText(r.points)}分`
    case 'veto':
      return isYesNoLike(ind)
        ? `一票否决：为是的，等次不高于${r.gradeCap}`
        : `一票否决：达到${pointsText(r.threshold)}${ind.unit || '项'}的，等次不高于${r.gradeCap}`
  }
}

const NUM = '(\\d+(?:\\.\\d+)?)'
const numberOf = (s: string | undefined) => (s === undefined ? null : Number(s))

/**
 * Reads a rule from its words (what `describeRule` writes, and the usual phrasings of 考核细则:
 * "每少一次扣0.3分，累计扣分不超过1.2分", "每低一个百分点扣0.5分", "有一项扣3分"). null when the text
 * names no rule it knows.
 */
export function parseRule(text: string): Rule | null {
  const t = text.replace(/\s+/g, '').replace(/一(?=[次项件个条场人起])/g, '1').replace(/,/g, '，')
  if (!t || t.startsWith('按完成程度')) return ATTAINMENT
  const cap = t.match(new RegExp(`累计(?:扣分)?(?:不超过|最多扣)${NUM}分`))
  const veto = t.match(/一票否决.*?等次(?:不高于|为|最高为)(优秀|良好|合格|不合格)/)
  if (veto) {
    const threshold = t.match(new RegExp(`达到${NUM}`))
    return { kind: 'veto', threshold: numberOf(threshold?.[1]) ?? 1, gradeCap: veto[1] as Grade }
  }
  const bonus = t.match(new RegExp(`加${NUM}分`))
  if (bonus && !t.includes('扣')) return { kind: 'bonus', points: Number(bonus[1]) }
  const pp = t.match(new RegExp(`每[低高少多]1个?百分点扣${NUM}分`))
  if (pp) return { kind: 'perPercentPoint', points: Number(pp[1]) }
  const unit = t.match(new RegExp(`每[少多]1[^扣]{0,8}扣${NUM}分`))
  if (unit) return { kind: 'perUnit', points: Number(unit[1]), cap: numberOf(cap?.[1]) }
  const violation = t.match(new RegExp(`有1[^扣]{0,8}扣${NUM}分`))
  if (violation) return { kind: 'perViolation', points: Number(violation[1]), cap: numberOf(cap?.[1]) }
  return null
}

/**
 * Last year's values under this year's codes: a new edition of the indicator system renames codes,
 * and `codeMap` ({from: old code, to: new code}) carries an old code's value to its new one, so that
 * year-over-year checks and comparisons survive the change. A value stored under the new code wins.
 */
export function carryCodes(previous: Readonly<Record<string, number>>, codeMap: readonly { from: string; to: string }[]): Record<string, number> {
  const carried: Record<string, number> = { ...previous }
  for (const { from, to } of codeMap) if (carried[to] === undefined && previous[from] !== undefined) carried[to] = previous[from]
  return carried
}
