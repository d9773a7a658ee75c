import {
  attainment,
  CATALOG,
  computeBureauScore,
  deriveValue,
  LOWER_IS_BETTER_TOLERANCE,
  rankBureaus,
  tiedRanks,
  rankChange,
  reportingRates,
  type RankInput,
  type ScoringContext,
  type StoredValue,
  type YearIndicator,
} from '@fazhi/shared'
import { describe, expect, it } from 'vitest'

// ---------------------------------------------------------------------------------------------
// Helpers. Expected numbers below are worked out by hand in the comments, never copied from a run.
// ---------------------------------------------------------------------------------------------

const ctx = (over: Partial<ScoringContext> = {}): ScoringContext => ({
  hasEnforcement: false,
  publishedOnTime: true,
  rectification: { total: 0, done: 0, overdue: 0 },
  ...over,
})

const v = (value: number | null, notApplicable = false): StoredValue => ({ value, notApplicable })

/** The default catalog as it applies in a year without overrides. */
const YEAR_CATALOG: YearIndicator[] = CATALOG.map((c) => ({ ...c, target: c.defaultTarget, weight: c.defaultWeight }))
const byCode = (code: string) => {
  const ind = YEAR_CATALOG.find((i) => i.code === code)
  if (!ind) throw new Error(`no indicator ${code}`)
  return ind
}

// A tiny hand-made catalog, small enough to score on paper.
const A: YearIndicator = { code: 'lead.a', category: 'lead', kind: 'count', direction: 'higher', enforcementOnly: false, target: 4, weight: 10 }
const B: YearIndicator = { code: 'lead.b', category: 'lead', kind: 'boolean', direction: 'higher', enforcementOnly: false, target: 1, weight: 5 }
const C: YearIndicator = { code: 'oversight.c', category: 'oversight', kind: 'count', direction: 'lower', enforcementOnly: false, target: 0, weight: 3 }
const X: YearIndicator = { code: 'review.issued', category: 'review', kind: 'count', direction: null, enforcementOnly: false, target: null, weight: 0 }
const Y: YearIndicator = { code: 'review.reviewed', category: 'review', kind: 'count', direction: null, enforcementOnly: false, target: null, weight: 0 }
const D: YearIndicator = {
  code: 'review.rate',
  category: 'review',
  kind: 'derived',
  derivedAs: 'percent',
  direction: 'higher',
  enforcementOnly: false,
  target: 100,
  weight: 2,
  derivation: { from: 'ratio', numerator: 'review.reviewed', denominator: 'review.issued' },
}
const E: YearIndicator = { code: 'enforcement.e', category: 'enforcement', kind: 'percent', direction: 'higher', enforcementOnly: true, target: 100, weight: 5 }
const MINI = [A, B, C, X, Y, D, E]

const result = (score: ReturnType<typeof computeBureauScore>, code: string) => {
  const r = score.indicators.find((i) => i.code === code)
  if (!r) throw new Error(`no result for ${code}`)
  return r
}
const sumPoints = (score: ReturnType<typeof computeBureauScore>) => score.indicators.reduce((s, i) => s + i.pointsAvailable, 0)

// ---------------------------------------------------------------------------------------------

describe('attainment of one value', () => {
  it('higher count: min(value / target, 1)', () => {
    const meetings = byCode('study.center_group_sessions') // target 4
    expect(attainment(meetings, 0)).toBe(0)
    expect(attainment(meetings, 1)).toBeCloseTo(0.25, 10)
    expect(attainment(meetings, 3)).toBeCloseTo(0.75, 10)
    expect(attainment(meetings, 4)).toBe(1)
    expect(attainment(meetings, 9)).toBe(1)
  })

  it('higher percent: min(value / target, 1) against a target of 100', () => {
    const rate = byCode('study.exam_pass_rate')
    expect(attainment(rate, 85)).toBeCloseTo(0.85, 10)
    expect(attainment(rate, 100)).toBe(1)
    expect(attainment({ ...rate, target: 80 }, 60)).toBeCloseTo(0.75, 10)
    expect(attainment({ ...rate, target: 80 }, 95)).toBe(1)
  })

  it('boolean: yes is 1, no is 0 (also for the derived publication flag)', () => {
    expect(attainment(byCode('lead.duty_report'), 1)).toBe(1)
    expect(attainment(byCode('lead.duty_report'), 0)).toBe(0)
    expect(attainment(byCode('lead.report_published'), 1)).toBe(1)
    expect(attainment(byCode('lead.report_published'), 0)).toBe(0)
  })

  it('lower-is-better with target 0: 1 at 0, falling linearly to 0 at 3 cases', () => {
    expect(LOWER_IS_BETTER_TOLERANCE).toBe(3)
    const lost = byCode('oversight.litigation_lost')
    expect(attainment(lost, 0)).toBe(1)
    expect(attainment(lost, 1)).toBeCloseTo(2 / 3, 10)
    expect(attainment(lost, 2)).toBeCloseTo(1 / 3, 10)
    expect(attainment(lost, 3)).toBe(0)
    expect(attainment(lost, 7)).toBe(0)
    // the derived overdue count follows the same rule
    expect(attainment(byCode('rectification.overdue_items'), 1)).toBeCloseTo(2 / 3, 10)
  })

  it('lower-is-better honours an explicit tolerance', () => {
    expect(attainment(byCode('oversight.litigation_lost'), 1, 4)).toBeCloseTo(0.75, 10)
  })
})

describe('deriveValue', () => {
  const rate = byCode('review.normative_doc_review_rate')
  const issued = 'review.normative_docs_issued'
  const reviewed = 'review.normative_docs_reviewed'

  it('a ratio is numerator ÷ denominator as a percentage', () => {
    expect(deriveValue(rate, { [issued]: v(4), [reviewed]: v(3) }, ctx())).toBeCloseTo(75, 10)
    expect(deriveValue(rate, { [issued]: v(4), [reviewed]: v(4) }, ctx())).toBe(100)
  })

  it('a ratio whose denominator is 0 is not applicable', () => {
    expect(deriveValue(rate, { [issued]: v(0), [reviewed]: v(0) }, ctx())).toBe('n/a')
  })

  it('a ratio whose denominator is 0 is not applicable even if the numerator was left blank', () => {
    // No normative documents were issued, so there is nothing to review: the rate cannot apply,
    // whether or not the bureau also typed a 0 into "reviewed".
    expect(deriveValue(rate, { [issued]: v(0) }, ctx())).toBe('n/a')
    expect(deriveValue(rate, { [issued]: v(0), [reviewed]: v(null) }, ctx())).toBe('n/a')
  })

  it('a ratio with a missing denominator has no value yet', () => {
    expect(deriveValue(rate, { [reviewed]: v(2) }, ctx())).toBeNull()
    expect(deriveValue(rate, {}, ctx())).toBeNull()
  })

  it('a ratio is not applicable when one of its inputs is marked 不适用', () => {
    expect(deriveValue(rate, { [issued]: v(null, true), [reviewed]: v(null) }, ctx())).toBe('n/a')
  })

  it('publication comes from the context, not from a stored value', () => {
    const pub = byCode('lead.report_published')
    expect(deriveValue(pub, {}, ctx({ publishedOnTime: true }))).toBe(1)
    expect(deriveValue(pub, {}, ctx({ publishedOnTime: false }))).toBe(0)
  })

  it('rectification completion is done ÷ total, not applicable without items', () => {
    const completion = byCode('rectification.completion_rate')
    expect(deriveValue(completion, {}, ctx({ rectification: { total: 4, done: 3, overdue: 1 } }))).toBeCloseTo(75, 10)
    expect(deriveValue(completion, {}, ctx({ rectification: { total: 0, done: 0, overdue: 0 } }))).toBe('n/a')
  })

  it('rectification overdue is the overdue count', () => {
    expect(deriveValue(byCode('rectification.overdue_items'), {}, ctx({ rectification: { total: 5, done: 1, overdue: 2 } }))).toBe(2)
  })

  it('a plain indicator yields its stored value, or null when missing', () => {
    expect(deriveValue(byCode('publicity.events'), { 'publicity.events': v(7) }, ctx())).toBe(7)
    expect(deriveValue(byCode('publicity.events'), {}, ctx())).toBeNull()
  })
})

describe('computeBureauScore on a hand-made catalog', () => {
  // A = 2 of 4 → 0.5 (w 10); B = yes → 1 (w 5); C = 1 case → 2/3 (w 3);
  // D: issued 0 → not applicable; E enforcement-only, bureau has no enforcement → excluded.
  // Σw = 18, Σw·a = 5 + 5 + 2 = 12 → score 100 × 12 / 18 = 66.666… → 66.67
  const base = { [A.code]: v(2), [B.code]: v(1), [C.code]: v(1), [X.code]: v(0), [Y.code]: v(0) }

  it('score = 100 × Σ(w·a) ÷ Σ(w of applicable)', () => {
    const s = computeBureauScore(MINI, base, ctx())
    expect(s.score).toBeCloseTo(66.67, 2)
    expect(result(s, A.code).attainment).toBeCloseTo(0.5, 10)
    expect(result(s, B.code).attainment).toBe(1)
    expect(result(s, C.code).attainment).toBeCloseTo(2 / 3, 10)
  })

  it('达标率 = fully met ÷ applicable, 填报完整率 = filled ÷ applicable', () => {
    const s = computeBureauScore(MINI, base, ctx())
    // applicable: A, B, C. met: B only. filled: all three.
    expect(s.completion).toBeCloseTo(1 / 3, 4)
    expect(s.fillRate).toBe(1)
  })

  it('a derived rate with denominator 0 is excluded from score, 达标率 and 填报完整率', () => {
    const s = computeBureauScore(MINI, base, ctx())
    const d = result(s, D.code)
    expect(d.applicable).toBe(false)
    expect(d.attainment).toBeNull()
    expect(d.pointsAvailable).toBe(0)
    // With issued 4 / reviewed 1 instead (25% → a 0.25, w 2): Σw = 20, Σw·a = 12.5 → 62.5;
    // applicable 4, met 1 → 0.25; filled 4 of 4.
    const withDocs = computeBureauScore(MINI, { ...base, [X.code]: v(4), [Y.code]: v(1) }, ctx())
    expect(result(withDocs, D.code).applicable).toBe(true)
    expect(result(withDocs, D.code).value).toBeCloseTo(25, 10)
    expect(withDocs.score).toBeCloseTo(62.5, 2)
    expect(withDocs.completion).toBeCloseTo(0.25, 4)
  })

  it('no documents issued and "reviewed" left blank: the review rate still does not apply and costs nothing', () => {
    // Same as the base case but the bureau left the numerator blank: issued is 0, so the rate is
    // not applicable and the score stays 66.67 (not 100 × 12 / 20 = 60).
    const { [Y.code]: _reviewed, ...blankNumerator } = base
    const s = computeBureauScore(MINI, blankNumerator, ctx())
    expect(result(s, D.code).applicable).toBe(false)
    expect(s.score).toBeCloseTo(66.67, 2)
    expect(s.completion).toBeCloseTo(1 / 3, 4)
    expect(s.fillRate).toBe(1)
  })

  it('enforcement-only indicators count only for bureaus with enforcement powers', () => {
    const without = computeBureauScore(MINI, { ...base, [E.code]: v(50) }, ctx({ hasEnforcement: false }))
    expect(result(without, E.code).applicable).toBe(false)
    expect(without.score).toBeCloseTo(66.67, 2)
    // With powers, E = 50% → 0.5 at w 5: Σw = 23, Σw·a = 14.5 → 63.043… → 63.04; met 1 of 4.
    const withPowers = computeBureauScore(MINI, { ...base, [E.code]: v(50) }, ctx({ hasEnforcement: true }))
    expect(result(withPowers, E.code).applicable).toBe(true)
    expect(withPowers.score).toBeCloseTo(63.04, 2)
    expect(withPowers.completion).toBeCloseTo(0.25, 4)
  })

  it('a missing value scores 0 and counts as unfilled', () => {
    // Enforcement bureau that left E blank: Σw = 23, Σw·a = 12 → 52.173… → 52.17;
    // applicable 4, met 1 (B) → 0.25; filled 3 of 4 → 0.75.
    const s = computeBureauScore(MINI, base, ctx({ hasEnforcement: true }))
    const e = result(s, E.code)
    expect(e.applicable).toBe(true)
    expect(e.filled).toBe(false)
    expect(e.attainment).toBe(0)
    expect(s.score).toBeCloseTo(52.17, 2)
    expect(s.completion).toBeCloseTo(0.25, 4)
    expect(s.fillRate).toBeCloseTo(0.75, 4)
  })

  it('a missing value on a lower-is-better indicator is 0, not "no cases"', () => {
    // C blank: Σw = 18, Σw·a = 5 + 5 = 10 → 55.56; fill 2 of 3.
    const s = computeBureauScore(MINI, { ...base, [C.code]: v(null) }, ctx())
    expect(result(s, C.code).attainment).toBe(0)
    expect(s.score).toBeCloseTo(55.56, 2)
    expect(s.fillRate).toBeCloseTo(0.6667, 4)
  })

  it('an explicit 不适用 leaves the indicator out of every denominator', () => {
    // A marked n/a: applicable B (1, w 5) and C (2/3, w 3): Σw = 8, Σw·a = 7 → 87.5;
    // met 1 of 2 → 0.5; filled 2 of 2.
    const s = computeBureauScore(MINI, { ...base, [A.code]: v(null, true) }, ctx())
    expect(result(s, A.code).applicable).toBe(false)
    expect(result(s, A.code).attainment).toBeNull()
    expect(s.score).toBeCloseTo(87.5, 2)
    expect(s.completion).toBeCloseTo(0.5, 4)
    expect(s.fillRate).toBe(1)
  })

  it('input-only (weight 0) indicators are not scored and do not enter 达标率 or 填报完整率', () => {
    const s = computeBureauScore(MINI, base, ctx())
    for (const code of [X.code, Y.code]) {
      expect(result(s, code).applicable).toBe(false)
      expect(result(s, code).attainment).toBeNull()
      expect(result(s, code).pointsAvailable).toBe(0)
    }
    // A weight-0 indicator that has a direction is not scored either: adding one left blank
    // changes nothing.
    const zero: YearIndicator = { ...A, code: 'lead.zero', weight: 0 }
    const withZero = computeBureauScore([...MINI, zero], base, ctx())
    expect(withZero.score).toBe(s.score)
    expect(withZero.completion).toBe(s.completion)
    expect(withZero.fillRate).toBe(s.fillRate)
    expect(result(withZero, zero.code).applicable).toBe(false)
  })

  it('pointsAvailable is what each indicator would add if fully met; together 100 − score', () => {
    const s = computeBureauScore(MINI, base, ctx())
    // A: 100 × 10 × 0.5 / 18 = 27.78; B: 0 (met); C: 100 × 3 × (1/3) / 18 = 5.56
    expect(result(s, A.code).pointsAvailable).toBeCloseTo(27.78, 2)
    expect(result(s, B.code).pointsAvailable).toBe(0)
    expect(result(s, C.code).pointsAvailable).toBeCloseTo(5.56, 2)
    expect(Math.abs(sumPoints(s) - (100 - s.score))).toBeLessThanOrEqual(0.02)
  })

  it('pointsAvailable ranks the indicator that would gain the most first', () => {
    const s = computeBureauScore(MINI, base, ctx())
    const best = [...s.indicators].sort((a, b) => b.pointsAvailable - a.pointsAvailable)[0]
    expect(best.code).toBe(A.code)
  })
})

describe('computeBureauScore on the default catalog', () => {
  /** Every stored (non-derived) indicator at or better than its target. */
  const perfect = (overrides: Record<string, StoredValue> = {}): Record<string, StoredValue> => {
    const vals: Record<string, StoredValue> = {}
    for (const c of YEAR_CATALOG) {
      if (c.kind === 'derived') continue
      vals[c.code] = v(c.direction === 'lower' ? 0 : (c.target ?? 2))
    }
    return { ...vals, ...overrides }
  }

  it('a bureau that meets every target scores 100 with full 达标率 and 填报完整率', () => {
    const s = computeBureauScore(YEAR_CATALOG, perfect(), ctx({ hasEnforcement: true, rectification: { total: 2, done: 2, overdue: 0 } }))
    expect(s.score).toBe(100)
    expect(s.completion).toBe(1)
    expect(s.fillRate).toBe(1)
    expect(sumPoints(s)).toBe(0)
  })

  it('scores a realistic bureau without enforcement powers, no normative documents and no rectification items', () => {
    // Scored weights without enforcement: 100 − (4+3+3+3) = 87. Not applicable: normative doc
    // review rate (issued 0, w 5) and rectification completion (no items, w 6) → Σw = 76.
    // lead.topic_meetings = 1 of 2 → 0.5 at w 5 → Σw·a = 76 − 2.5 = 73.5 → 96.710… → 96.71.
    // Applicable: 23 scored indicators without enforcement − 2 not applicable = 21; met 20.
    const vals = perfect({ 'lead.topic_meetings': v(1), 'review.normative_docs_issued': v(0), 'review.normative_docs_reviewed': v(0) })
    const s = computeBureauScore(YEAR_CATALOG, vals, ctx({ hasEnforcement: false }))
    expect(s.score).toBeCloseTo(96.71, 2)
    expect(s.completion).toBeCloseTo(20 / 21, 4)
    expect(s.fillRate).toBe(1)
    expect(result(s, 'review.normative_doc_review_rate').applicable).toBe(false)
    expect(result(s, 'rectification.completion_rate').applicable).toBe(false)
    expect(result(s, 'rectification.overdue_items').applicable).toBe(true)
    expect(result(s, 'enforcement.certified_rate').applicable).toBe(false)
    // 100 × 5 × 0.5 / 76 = 3.289… → 3.29
    expect(result(s, 'lead.topic_meetings').pointsAvailable).toBeCloseTo(3.29, 2)
  })

  it('not publishing on time, late rectification and lost lawsuits cost what the weights say', () => {
    // Enforcement bureau, Σw = 100 (all applicable: issued > 0, 4 rectification items).
    // lead.report_published: not on time → 0 × 5 = 0 (loses 5)
    // rectification: 2 of 4 done → 0.5 × 6 = 3 (loses 3); 2 overdue → 1/3 × 4 (loses 8/3)
    // oversight.litigation_lost: 1 case → 2/3 × 3 (loses 1)
    // Σw·a = 100 − 5 − 3 − 8/3 − 1 = 88.333… → 88.33
    const vals = perfect({ 'oversight.litigation_lost': v(1) })
    const s = computeBureauScore(
      YEAR_CATALOG,
      vals,
      ctx({ hasEnforcement: true, publishedOnTime: false, rectification: { total: 4, done: 2, overdue: 2 } }),
    )
    expect(s.score).toBeCloseTo(88.33, 2)
    // 27 scored indicators applicable, 4 not met.
    expect(s.completion).toBeCloseTo(23 / 27, 4)
    expect(result(s, 'lead.report_published').value).toBe(0)
    expect(result(s, 'rectification.completion_rate').value).toBeCloseTo(50, 10)
    expect(result(s, 'rectification.overdue_items').value).toBe(2)
    expect(result(s, 'lead.report_published').pointsAvailable).toBeCloseTo(5, 2)
    expect(result(s, 'rectification.overdue_items').pointsAvailable).toBeCloseTo(2.67, 2)
    expect(Math.abs(sumPoints(s) - (100 - s.score))).toBeLessThanOrEqual(0.02)
  })

  it('a bureau that filled nothing scores 0 with 填报完整率 only from derived values', () => {
    // Non-enforcement, no rectification items: applicable 23 − 1 (completion n/a) = 22; the two
    // review rates have no inputs → unfilled, attainment 0. Publication (on time) and overdue (0)
    // are derived from outside the values table and so are filled and met: 2 of 22.
    const s = computeBureauScore(YEAR_CATALOG, {}, ctx({ hasEnforcement: false, publishedOnTime: true }))
    // Σw = 87 − 6 = 81; Σw·a = 5 (publication) + 4 (overdue) = 9 → 11.111… → 11.11
    expect(s.score).toBeCloseTo(11.11, 2)
    expect(s.fillRate).toBeCloseTo(2 / 22, 4)
    expect(s.completion).toBeCloseTo(2 / 22, 4)
  })

  it('pointsAvailable sums to 100 − score for an uneven bureau', () => {
    const vals = perfect({
      'lead.topic_meetings': v(1),
      'study.collective_sessions': v(3),
      'study.exam_pass_rate': v(92),
      'publicity.events': v(2),
      'disclosure.items_published': v(null),
      'enforcement.misconduct_cases': v(2),
      'review.normative_docs_issued': v(3),
      'review.normative_docs_reviewed': v(2),
    })
    const s = computeBureauScore(YEAR_CATALOG, vals, ctx({ hasEnforcement: true, rectification: { total: 3, done: 1, overdue: 1 } }))
    expect(s.score).toBeGreaterThan(0)
    expect(s.score).toBeLessThan(100)
    // each of the 27 rounded shares is off by at most 0.005
    expect(Math.abs(sumPoints(s) - (100 - s.score))).toBeLessThanOrEqual(27 * 0.005 + 0.005)
  })
})

describe('default CATALOG', () => {
  const DOMAIN_CODES = [
    'lead.topic_meetings',
    'lead.duty_report',
    'lead.report_published',
    'study.center_group_sessions',
    'study.collective_sessions',
    'study.training_person_times',
    'study.exam_participation_rate',
    'study.exam_pass_rate',
    'review.normative_docs_issued',
    'review.normative_docs_reviewed',
    'review.normative_doc_review_rate',
    'review.major_decisions',
    'review.major_decisions_reviewed',
    'review.major_decision_review_rate',
    'review.contracts_reviewed',
    'review.legal_advisor',
    'publicity.events',
    'publicity.people_reached',
    'publicity.new_media_posts',
    'disclosure.items_published',
    'disclosure.request_on_time_rate',
    'enforcement.certified_rate',
    'enforcement.published_items',
    'enforcement.legal_reviews',
    'enforcement.misconduct_cases',
    'oversight.reconsideration_corrected',
    'oversight.litigation_lost',
    'oversight.head_appearance_rate',
    'oversight.proposals_on_time_rate',
    'rectification.completion_rate',
    'rectification.overdue_items',
  ]

  it('has exactly the DOMAIN.md codes, in the documented order, each once', () => {
    const codes = CATALOG.map((c) => c.code)
    expect(new Set(codes).size).toBe(codes.length)
    expect(codes).toEqual(DOMAIN_CODES)
  })

  it('carries the documented targets, directions and enforcement-only flags', () => {
    const target = (code: string) => CATALOG.find((c) => c.code === code)!.defaultTarget
    expect(target('lead.topic_meetings')).toBe(2)
    expect(target('study.center_group_sessions')).toBe(4)
    expect(target('study.collective_sessions')).toBe(4)
    expect(target('study.training_person_times')).toBe(10)
    expect(target('publicity.events')).toBe(6)
    expect(target('publicity.people_reached')).toBe(100)
    expect(target('publicity.new_media_posts')).toBe(12)
    expect(target('disclosure.items_published')).toBe(20)
    expect(target('review.contracts_reviewed')).toBe(1)
    expect(target('study.exam_pass_rate')).toBe(100)
    expect(CATALOG.filter((c) => c.direction === 'lower').map((c) => c.code).sort()).toEqual([
      'enforcement.misconduct_cases',
      'oversight.litigation_lost',
      'oversight.reconsideration_corrected',
      'rectification.overdue_items',
    ])
    for (const c of CATALOG.filter((c) => c.direction === 'lower')) expect(c.defaultTarget).toBe(0)
    expect(CATALOG.filter((c) => c.enforcementOnly).map((c) => c.code)).toEqual([
      'enforcement.certified_rate',
      'enforcement.published_items',
      'enforcement.legal_reviews',
      'enforcement.misconduct_cases',
    ])
  })

  it('input-only counts weigh 0 and are not scored; every scored indicator weighs > 0', () => {
    const inputs = ['review.normative_docs_issued', 'review.normative_docs_reviewed', 'review.major_decisions', 'review.major_decisions_reviewed']
    for (const c of CATALOG) {
      if (inputs.includes(c.code)) {
        expect(c.defaultWeight, c.code).toBe(0)
        expect(c.direction, c.code).toBeNull()
      } else {
        expect(c.defaultWeight, c.code).toBeGreaterThan(0)
      }
    }
  })

  it('applicable weights sum to 100 for a bureau with enforcement powers, and every category has a share', () => {
    const total = CATALOG.reduce((s, c) => s + c.defaultWeight, 0)
    expect(total).toBe(100)
    for (const cat of ['lead', 'study', 'review', 'publicity', 'disclosure', 'enforcement', 'oversight', 'rectification']) {
      expect(CATALOG.filter((c) => c.category === cat).reduce((s, c) => s + c.defaultWeight, 0), cat).toBeGreaterThan(0)
    }
  })
})

describe('rankBureaus', () => {
  const row = (bureauId: number, code: string, status: RankInput['status'], score: number, completion: number): RankInput => ({
    bureauId,
    code,
    status,
    score,
    completion,
  })

  it('ranks by score, then 达标率; a full tie shares its rank; only submitted and approved are ranked', () => {
    const ranks = rankBureaus([
      row(1, 'kjj', 'submitted', 80, 0.5),
      row(2, 'fgw', 'approved', 90, 0.3),
      row(3, 'zjj', 'approved', 80, 0.7), // same score as kjj, better 达标率
      row(4, 'jyj', 'approved', 80, 0.5), // full tie with kjj: 并列
      row(5, 'gxj', 'draft', 99, 1),
      row(6, 'swj', 'returned', 98, 1),
      row(7, 'xfj', null, 0, 0),
    ])
    expect(ranks.size).toBe(4)
    expect(ranks.get(2)).toBe(1)
    expect(ranks.get(3)).toBe(2)
    expect(ranks.get(4)).toBe(3)
    expect(ranks.get(1)).toBe(3)
    expect(ranks.has(5)).toBe(false)
    expect(ranks.has(6)).toBe(false)
    expect(ranks.has(7)).toBe(false)
  })

  it('gives tied bureaus one rank and skips the places they fill (1, 2, 2, 2, 5), regardless of input order', () => {
    const rows = [row(1, 'c', 'approved', 70, 0.5), row(2, 'a', 'approved', 70, 0.5), row(3, 'b', 'submitted', 70, 0.5), row(4, 'd', 'approved', 90, 0.1), row(5, 'e', 'approved', 70, 0.4)]
    const forward = rankBureaus(rows)
    const backward = rankBureaus([...rows].reverse())
    expect([4, 1, 2, 3, 5].map((id) => forward.get(id))).toEqual([1, 2, 2, 2, 5])
    expect([...backward.entries()].sort()).toEqual([...forward.entries()].sort())
    expect(tiedRanks(forward.values())).toEqual(new Set([2]))
  })

  it('tiedRanks: only ranks held more than once', () => {
    expect(tiedRanks([1, 2, 3])).toEqual(new Set())
    expect(tiedRanks([1, 1, 3, 4, 4, 4])).toEqual(new Set([1, 4]))
  })

  it('returns nothing when nobody has reported', () => {
    expect(rankBureaus([row(1, 'a', 'draft', 50, 0.5)]).size).toBe(0)
  })
})

describe('rankChange', () => {
  it('is previous rank − rank: positive when the bureau moved up', () => {
    expect(rankChange(3, 5)).toBe(2)
    expect(rankChange(5, 3)).toBe(-2)
    expect(rankChange(4, 4)).toBe(0)
  })
  it('is null when the bureau was unranked in either year', () => {
    expect(rankChange(null, 3)).toBeNull()
    expect(rankChange(3, null)).toBeNull()
    expect(rankChange(undefined, undefined)).toBeNull()
  })
})

describe('reportingRates', () => {
  const due = '2026-03-01'

  it('上报率 counts submitted and approved over active bureaus; 按时上报率 only those in by the due date', () => {
    const r = reportingRates(
      [
        { status: 'submitted', firstSubmittedAt: '2026-02-10T02:00:00Z', lateResubmissions: 0 }, // on time
        { status: 'approved', firstSubmittedAt: '2026-03-01T15:59:59Z', lateResubmissions: 0 }, // 23:59:59 China on the due day
        { status: 'approved', firstSubmittedAt: '2026-03-01T16:00:00Z', lateResubmissions: 0 }, // 00:00 on 2 March: late
        { status: 'draft', firstSubmittedAt: null, lateResubmissions: 0 },
        { status: 'returned', firstSubmittedAt: '2026-02-10T02:00:00Z', lateResubmissions: 0 }, // returned: not reported
        { status: null, firstSubmittedAt: null, lateResubmissions: 0 }, // no submission
        { status: 'approved', firstSubmittedAt: '2026-02-10T02:00:00Z', lateResubmissions: 1 }, // in on time, but a return answered late
      ],
      due,
    )
    expect(r.expected).toBe(7)
    expect(r.reported).toBe(4)
    expect(r.onTime).toBe(2)
    expect(r.reportingRate).toBeCloseTo(4 / 7, 4)
    expect(r.onTimeRate).toBeCloseTo(2 / 7, 4)
  })

  it('everyone in on time gives 1 and 1', () => {
    const r = reportingRates(
      [
        { status: 'approved', firstSubmittedAt: '2026-01-05T01:00:00Z', lateResubmissions: 0 },
        { status: 'submitted', firstSubmittedAt: '2026-02-28T01:00:00Z', lateResubmissions: 0 },
      ],
      due,
    )
    expect(r).toMatchObject({ expected: 2, reported: 2, onTime: 2, reportingRate: 1, onTimeRate: 1 })
  })
})
