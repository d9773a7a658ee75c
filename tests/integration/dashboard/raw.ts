/**
 * Independent re-computation of the dashboard's figures straight from the tables, written
 * from DOMAIN.md's rules (not from shared/src/scoring.ts or scheme.ts), so the tests can catch the
 * server and the shared scoring code agreeing on a mistake.
 */
import type { Rule } from '@fazhi/shared'
import { truthOf, type TestSql } from '../../helpers/databases'

const HOUR_MS = 3_600_000
const DAY_MS = 24 * HOUR_MS

/** The last millisecond of a calendar date (YYYY-MM-DD) in China time (UTC+8). */
export function endOfChinaDay(date: string): number {
  const [y, m, d] = date.split('-').map(Number)
  return Date.UTC(y, m - 1, d + 1) - 8 * HOUR_MS - 1
}

/** The China-time calendar date of an instant. */
export const chinaDate = (ms: number) => new Date(ms + 8 * HOUR_MS).toISOString().slice(0, 10)

/** Whole China calendar days from `due` to the China date of `at` (0 when not after). */
export function chinaDaysLate(due: string, atMs: number): number {
  const days = (Date.parse(`${chinaDate(atMs)}T00:00:00Z`) - Date.parse(`${due}T00:00:00Z`)) / DAY_MS
  return Math.max(0, days)
}

export interface RawBureau {
  id: number
  code: string
  has_enforcement: number
  category: string | null
}
export interface RawSubmission {
  id: number
  bureau_id: number
  status: string
  submitted_at: string | null
  first_submitted_at: string | null
  late_resubmissions: number
  published_at: string | null
}
export interface RawIndicator {
  code: string
  category: string
  kind: string
  direction: string | null
  target: number | null
  weight: number
  enforcement_only: number
  unit: string
  /** Bureau categories it applies to; null: every one. */
  applies_to: string[] | null
  rule: Rule
}
export interface RawItem {
  bureau_id: number
  status: string
  deadline: string
  verified_at: string | null
}
export interface RawValue {
  value: number | null
  not_applicable: number
}

export interface RawYear {
  year: number
  dueDate: string
  publishDeadline: string
  /** The year's scheme settings the score depends on (none when the year has no scheme row). */
  bonusCap: number
  lateDeduction: number
  /** The bureaus that exist in the year (active_from ≤ year ≤ active_until): its expected reports. */
  activeBureaus: RawBureau[]
  submissionByBureau: Map<number, RawSubmission>
  valuesBySubmission: Map<number, Map<string, RawValue>>
  itemsByBureau: Map<number, RawItem[]>
  indicators: RawIndicator[]
}

/** A NOT NULL boolean column as 0 or 1, whichever database it was read from. */
const flag = (value: unknown) => truthOf(value) as 0 | 1

export async function loadYear(client: TestSql, year: number): Promise<RawYear> {
  const cycle = await client.get('SELECT due_date, publish_deadline FROM cycles WHERE year = ?', [year]) as
    | { due_date: string; publish_deadline: string }
    | undefined
  if (!cycle) throw new Error(`no cycle ${year}`)
  const activeBureaus = (await client.all<RawBureau>('SELECT id, code, has_enforcement, category FROM bureaus WHERE active_from <= ? AND (active_until IS NULL OR active_until >= ?) ORDER BY id', [year, year])).map(
    (b) => ({ ...b, has_enforcement: flag(b.has_enforcement) }),
  )
  const scheme = await client.get('SELECT bonus_cap, late_deduction FROM schemes WHERE year = ?', [year]) as
    | { bonus_cap: number; late_deduction: number }
    | undefined
  const subs = await client.all('SELECT id, bureau_id, status, submitted_at, first_submitted_at, late_resubmissions, published_at FROM submissions WHERE year = ?', [year]) as RawSubmission[]
  const values = await client.all(`SELECT v.submission_id, v.indicator_code, v.value, v.not_applicable
         FROM submission_values v JOIN submissions s ON s.id = v.submission_id
        WHERE s.year = ?`, [year]) as { submission_id: number; indicator_code: string; value: number | null; not_applicable: number }[]
  const items = await client.all('SELECT bureau_id, status, deadline, verified_at FROM rectification_items WHERE year = ?', [year]) as RawItem[]
  // The year's scheme rows; a year without any is scored by the registry's defaults, every rule attainment.
  const schemeRows = await client.all(`SELECT s.indicator_code AS code, s.category, i.kind, s.direction, s.target, s.weight, s.enforcement_only, s.unit, s.applies_to, s.rule
         FROM scheme_indicators s JOIN indicators i ON i.code = s.indicator_code
        WHERE s.year = ? ORDER BY s.sort_order`, [year]) as (Omit<RawIndicator, 'applies_to' | 'rule'> & { applies_to: string | null; rule: string })[]
  const indicators: RawIndicator[] = schemeRows.length
    ? schemeRows.map((r) => ({
        ...r,
        enforcement_only: flag(r.enforcement_only),
        applies_to: r.applies_to === null ? null : (JSON.parse(r.applies_to) as string[]),
        rule: JSON.parse(r.rule) as Rule,
      }))
    : (
        await client.all(`SELECT code, category, kind, direction, default_target AS target, default_weight AS weight, enforcement_only, unit
               FROM indicators ORDER BY sort_order`) as Omit<RawIndicator, 'applies_to' | 'rule'>[]
      ).map((r) => ({ ...r, enforcement_only: flag(r.enforcement_only), applies_to: null, rule: { kind: 'attainment' } }))

  const valuesBySubmission = new Map<number, Map<string, RawValue>>()
  for (const v of values) {
    const m = valuesBySubmission.get(v.submission_id) ?? new Map<string, RawValue>()
    m.set(v.indicator_code, { value: v.value, not_applicable: flag(v.not_applicable) })
    valuesBySubmission.set(v.submission_id, m)
  }
  const itemsByBureau = new Map<number, RawItem[]>()
  for (const it of items) itemsByBureau.set(it.bureau_id, [...(itemsByBureau.get(it.bureau_id) ?? []), it])

  return {
    year,
    dueDate: cycle.due_date,
    publishDeadline: cycle.publish_deadline,
    bonusCap: scheme?.bonus_cap ?? 0,
    lateDeduction: scheme?.late_deduction ?? 0,
    activeBureaus,
    submissionByBureau: new Map(subs.map((s) => [s.bureau_id, s])),
    valuesBySubmission,
    itemsByBureau,
    indicators,
  }
}

/**
 * Fills a submission of `year` with a perfect report under the year's scheme: every input indicator a
 * bureau without enforcement powers reports at or beyond its target, no bonus claimed, no veto triggered.
 */
export async function insertPerfectValues(client: TestSql, submissionId: number, year: number): Promise<void> {
  const perfect = (i: RawIndicator) =>
    i.rule.kind === 'bonus' || i.rule.kind === 'veto' || i.direction === 'lower' ? 0 : i.kind === 'boolean' ? 1 : (i.target ?? 1)
  for (const i of (await loadYear(client, year)).indicators)
    if (i.kind !== 'derived' && !i.enforcement_only) await client.run('INSERT INTO submission_values (submission_id, indicator_code, value) VALUES (?, ?, ?)', [submissionId, i.code, perfect(i)])
}

export const isReportedStatus = (status: string | undefined) => status === 'submitted' || status === 'approved'

export interface RectCounts {
  total: number
  notStarted: number
  inProgress: number
  pending: number
  done: number
  overdue: number
}

/**
 * Disjoint counts: done = verified by the office (销号); pending = marked done, not verified yet;
 * overdue = not done and the deadline day (China time) is over; the rest by status.
 */
export function rectCounts(items: readonly RawItem[], nowMs: number): RectCounts {
  const c = { total: items.length, notStarted: 0, inProgress: 0, pending: 0, done: 0, overdue: 0 }
  for (const it of items) {
    if (it.status === 'done') {
      if (it.verified_at === null) c.pending++
      else c.done++
    } else if (nowMs > endOfChinaDay(it.deadline)) c.overdue++
    else if (it.status === 'in_progress') c.inProgress++
    else if (it.status === 'not_started') c.notStarted++
    else throw new Error(`unexpected status ${it.status}`)
  }
  return c
}

export function addCounts(all: readonly RectCounts[]): RectCounts {
  return all.reduce(
    (s, c) => ({
      total: s.total + c.total,
      notStarted: s.notStarted + c.notStarted,
      inProgress: s.inProgress + c.inProgress,
      pending: s.pending + c.pending,
      done: s.done + c.done,
      overdue: s.overdue + c.overdue,
    }),
    { total: 0, notStarted: 0, inProgress: 0, pending: 0, done: 0, overdue: 0 },
  )
}

const RATIOS: Record<string, [numerator: string, denominator: string]> = {
  'review.normative_doc_review_rate': ['review.normative_docs_reviewed', 'review.normative_docs_issued'],
  'review.major_decision_review_rate': ['review.major_decisions_reviewed', 'review.major_decisions'],
}
const TOLERANCE = 3

export interface HandIndicator {
  code: string
  applicable: boolean
  value: number | null
  attainment: number | null
}
export interface HandScore {
  /** base + bonus − late deduction, never below 0. */
  score: number
  base: number
  bonus: number
  deduction: number
  completion: number
  fillRate: number
  indicators: HandIndicator[]
}

/** How far a value falls short of its target: below it (higher is better) or above it (lower is better). */
const missBy = (ind: RawIndicator, value: number) => Math.max(0, ind.direction === 'lower' ? value - (ind.target ?? 0) : (ind.target ?? 0) - value)

/**
 * The points a value earns out of the indicator's points, by its rule (DOMAIN.md "The yearly scheme"):
 * attainment — points × attainment (boolean 1/0; higher min(v/t, 1); lower 1 − excess/3, floored at 0);
 * 每少一次/每低一个百分点/有一项 扣 x 分 — points less x per unit missed, the deduction stopping at the cap
 * (if any) and at the points themselves.
 */
function pointsEarned(ind: RawIndicator, value: number, yesNo: boolean): number {
  const rule = ind.rule
  if (rule.kind === 'perUnit' || rule.kind === 'perViolation' || rule.kind === 'perPercentPoint') {
    let taken = rule.points * missBy(ind, value)
    if (rule.kind !== 'perPercentPoint' && rule.cap !== null && taken > rule.cap) taken = rule.cap
    if (taken > ind.weight) taken = ind.weight
    return ind.weight - taken
  }
  let att: number
  if (yesNo) att = value >= 1 ? 1 : 0
  else if (ind.direction === 'lower') att = Math.max(0, 1 - (value - (ind.target ?? 0)) / TOLERANCE)
  else att = Math.min(value / ind.target!, 1)
  return ind.weight * att
}

/**
 * DOMAIN.md "Scoring" and the year's scheme, written out plainly:
 * - only indicators with a direction, a weight > 0 and a rule that is neither a bonus nor a veto are scored;
 * - enforcement-only indicators do not apply to bureaus without enforcement powers, and an indicator
 *   for some bureau categories does not apply to the others;
 * - explicit 不适用 and rates whose denominator is 0 do not apply;
 * - missing value → 0 points, unfilled;
 * - base = 100 × Σ earned ÷ Σ points; bonus items add points × value, all of them together at most
 *   the scheme's bonus cap; a report first submitted after the due day, or answering a return late,
 *   loses the late deduction; the score never goes below 0.
 */
export function handScore(raw: RawYear, bureau: RawBureau, nowMs: number): HandScore {
  const sub = raw.submissionByBureau.get(bureau.id)
  if (!sub) throw new Error(`${bureau.code} has no submission`)
  const vals = raw.valuesBySubmission.get(sub.id) ?? new Map<string, RawValue>()
  const items = raw.itemsByBureau.get(bureau.id) ?? []
  const rect = rectCounts(items, nowMs)
  const stored = (code: string) => vals.get(code)?.value ?? null

  let weightSum = 0
  let weighted = 0
  let applicableN = 0
  let metN = 0
  let filledN = 0
  let bonusSum = 0
  const out: HandIndicator[] = []
  for (const ind of raw.indicators) {
    const forBureau =
      !(ind.enforcement_only && !bureau.has_enforcement) &&
      (ind.applies_to === null || ind.applies_to.length === 0 || (bureau.category !== null && ind.applies_to.includes(bureau.category))) &&
      !vals.get(ind.code)?.not_applicable
    const standsApart = ind.rule.kind === 'bonus' || ind.rule.kind === 'veto'
    const scored = ind.direction !== null && ind.weight > 0 && !standsApart
    let applicable = scored && forBureau
    let value: number | null
    let inScope = forBureau
    if (ind.code === 'lead.report_published') {
      value = sub.published_at !== null && sub.published_at.slice(0, 10) <= raw.publishDeadline ? 1 : 0
    } else if (ind.code === 'rectification.completion_rate') {
      value = rect.total === 0 ? null : (100 * rect.done) / rect.total
      if (rect.total === 0) applicable = inScope = false
    } else if (ind.code === 'rectification.overdue_items') {
      value = rect.overdue
    } else if (RATIOS[ind.code]) {
      const [num, den] = RATIOS[ind.code]
      const d = stored(den)
      const n = stored(num)
      if (d === 0 || vals.get(den)?.not_applicable || vals.get(num)?.not_applicable) applicable = inScope = false
      value = d === null || d === 0 || n === null ? null : Math.min((100 * n) / d, 100)
    } else {
      value = stored(ind.code)
    }
    if (ind.rule.kind === 'bonus' && inScope && value !== null && value > 0) bonusSum += ind.rule.points * value
    let att: number | null = null
    if (applicable) {
      const yesNo = ind.kind === 'boolean' || ind.code === 'lead.report_published'
      att = value === null ? 0 : pointsEarned(ind, value, yesNo) / ind.weight
      applicableN++
      weightSum += ind.weight
      weighted += ind.weight * att
      if (att >= 1 - 1e-9) metN++
      if (value !== null) filledN++
    }
    out.push({ code: ind.code, applicable, value: applicable ? value : null, attainment: att })
  }
  const base = (100 * weighted) / weightSum
  const bonus = Math.min(bonusSum, raw.bonusCap)
  const firstIn = sub.first_submitted_at === null ? null : Date.parse(sub.first_submitted_at)
  const late = firstIn !== null && (firstIn > endOfChinaDay(raw.dueDate) || sub.late_resubmissions > 0)
  const deduction = late ? raw.lateDeduction : 0
  return {
    score: Math.max(0, base + bonus - deduction),
    base,
    bonus,
    deduction,
    completion: metN / applicableN,
    fillRate: filledN / applicableN,
    indicators: out,
  }
}
