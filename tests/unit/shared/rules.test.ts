import {
  assignGrades,
  computeBureauScore,
  describeRule,
  gradeOf,
  parseRule,
  rankBureaus,
  rankOrder,
  type Rule,
  type SchemeSettings,
  type ScoringContext,
  scoringContextFor,
  type StoredValue,
  type YearIndicator,
} from '@fazhi/shared'
import { describe, expect, it } from 'vitest'

// The year's rules (shared/src/scheme.ts) as the one scorer applies them. Every expected number is
// worked out by hand in the comments, never copied from a run.

const ctx = (over: Partial<ScoringContext> = {}): ScoringContext => ({
  hasEnforcement: false,
  category: null,
  publishedOnTime: true,
  rectification: { total: 0, done: 0, overdue: 0 },
  ...over,
})
const SETTINGS: Pick<SchemeSettings, 'bonusCap' | 'lateDeduction'> = { bonusCap: 3, lateDeduction: 0.5 }
const vals = (values: Record<string, number | null>): Record<string, StoredValue> =>
  Object.fromEntries(Object.entries(values).map(([code, value]) => [code, { value }]))
const base = { enforcementOnly: false, kind: 'count' as const, direction: 'higher' as const }

/** 开江: 专题研究 target 6 times, 2 points, 每少一次扣0.3分，累计扣分不超过1.2分. */
const M: YearIndicator = { ...base, code: 'lead.meetings', category: 'lead', target: 6, weight: 2, unit: '次', rule: { kind: 'perUnit', points: 0.3, cap: 1.2 } }
/** 湖北: 公开率 target 95 %, 4 points, 每低一个百分点扣0.5分，分值扣完为止. */
const P: YearIndicator = { ...base, code: 'disclosure.rate', category: 'disclosure', kind: 'percent', target: 95, weight: 4, unit: '%', rule: { kind: 'perPercentPoint', points: 0.5 } }
/** 连云港: 违法行为 none allowed, 6 points, 有一项扣3分. */
const V: YearIndicator = { ...base, code: 'oversight.violations', category: 'oversight', direction: 'lower', target: 0, weight: 6, unit: '项', rule: { kind: 'perViolation', points: 3, cap: null } }
/** 案件 at most 1, 3 points, 每多一件扣0.5分 (lower is better, no cap: down to the points). */
const L: YearIndicator = { ...base, code: 'oversight.cases', category: 'oversight', direction: 'lower', target: 1, weight: 3, unit: '件', rule: { kind: 'perUnit', points: 0.5, cap: null } }
/** Plain attainment: 学法 target 4 sessions, 8 points. */
const A: YearIndicator = { ...base, code: 'study.sessions', category: 'study', target: 4, weight: 8, unit: '次' }
/** 加分项: 示范创建 (是: +2) and 上级表彰 (+1 each). They carry points, and stay out of the base all the same. */
const DEMO: YearIndicator = { ...base, code: 'lead.demo', category: 'lead', kind: 'boolean', target: 1, weight: 2, unit: '', rule: { kind: 'bonus', points: 2 } }
const PRAISE: YearIndicator = { ...base, code: 'lead.praise', category: 'lead', target: null, weight: 1, unit: '项', rule: { kind: 'bonus', points: 1 } }
/** 一票否决: a serious violation (是) caps the grade at 合格; 2 or more accidents at 不合格. */
const SERIOUS: YearIndicator = { ...base, code: 'oversight.serious', category: 'oversight', kind: 'boolean', direction: 'lower', target: 0, weight: 0, unit: '', rule: { kind: 'veto', threshold: 1, gradeCap: '合格' } }
const ACCIDENTS: YearIndicator = { ...base, code: 'oversight.accidents', category: 'oversight', direction: 'lower', target: 0, weight: 0, unit: '起', rule: { kind: 'veto', threshold: 2, gradeCap: '不合格' } }

const scoreOf = (indicators: YearIndicator[], values: Record<string, number | null>, over: Partial<ScoringContext> = {}) =>
  computeBureauScore(indicators, vals(values), ctx(over), SETTINGS)
const resultOf = (s: ReturnType<typeof computeBureauScore>, code: string) => s.indicators.find((i) => i.code === code)!

describe('per unit short of target (开江: 每少一次扣0.3分，累计扣分不超过1.2分)', () => {
  it('met: nothing taken, no sentence', () => {
    const s = scoreOf([M], { [M.code]: 6 })
    expect(s.score).toBe(100)
    expect(resultOf(s, M.code)).toMatchObject({ attainment: 1, met: true, explanation: null, pointsAvailable: 0 })
  })

  it('1 short: 0.3 taken, 1.7 of 2 points', () => {
    const s = scoreOf([M], { [M.code]: 5 })
    // 100 × 1.7 ÷ 2 = 85; attainment 1.7 ÷ 2 = 0.85; points available 100 × 2 × 0.15 ÷ 2 = 15
    expect(s.score).toBe(85)
    expect(resultOf(s, M.code)).toMatchObject({ explanation: '少1次，扣0.3分', met: false, pointsAvailable: 15 })
    expect(resultOf(s, M.code).attainment).toBeCloseTo(0.85, 9)
  })

  it('4 short: 4 × 0.3 = 1.2, the cap reached exactly (no cap note)', () => {
    const s = scoreOf([M], { [M.code]: 2 })
    // 2 − 1.2 = 0.8 points; 100 × 0.8 ÷ 2 = 40
    expect(s.score).toBe(40)
    expect(resultOf(s, M.code).explanation).toBe('少4次，扣1.2分')
  })

  it('5 and 6 short: 1.5 and 1.8 would be taken, the cap keeps it at 1.2', () => {
    for (const value of [1, 0]) {
      const s = scoreOf([M], { [M.code]: value })
      expect(s.score, String(value)).toBe(40)
      expect(resultOf(s, M.code).explanation).toBe(`少${6 - value}次，扣1.2分（扣分上限1.2分）`)
    }
  })

  it('lower is better: each unit over the target, down to the points when there is no cap', () => {
    // 3 cases against at most 1: 2 over × 0.5 = 1 taken, 2 of 3 points: 100 × 2 ÷ 3 = 66.67
    let s = scoreOf([L], { [L.code]: 3 })
    expect(s.score).toBe(66.67)
    expect(resultOf(s, L.code).explanation).toBe('多2件，扣1分')
    // at or under the target: nothing taken
    for (const value of [1, 0]) expect(scoreOf([L], { [L.code]: value }).score, String(value)).toBe(100)
    // 10 cases: 9 × 0.5 = 4.5 would be taken, only the 3 points are: 0, never negative
    s = scoreOf([L], { [L.code]: 10 })
    expect(s.score).toBe(0)
    expect(resultOf(s, L.code)).toMatchObject({ attainment: 0, explanation: '多9件，扣3分（扣分上限3分）' })
  })
})

describe('per percentage point below target (湖北: 每低一个百分点扣0.5分，分值扣完为止)', () => {
  it('2 points below: 1 taken', () => {
    const s = scoreOf([P], { [P.code]: 93 })
    // 4 − 2 × 0.5 = 3; 100 × 3 ÷ 4 = 75
    expect(s.score).toBe(75)
    expect(resultOf(s, P.code).explanation).toBe('低2个百分点，扣1分')
  })

  it('down to zero exactly, and never below it', () => {
    // 87 %: 8 × 0.5 = 4, the whole 4 points
    let s = scoreOf([P], { [P.code]: 87 })
    expect(s.score).toBe(0)
    expect(resultOf(s, P.code)).toMatchObject({ attainment: 0, explanation: '低8个百分点，扣4分' })
    // 80 %: 15 × 0.5 = 7.5 would be taken; the floor is 0 points, and all 100 are still to gain
    s = scoreOf([P], { [P.code]: 80 })
    expect(s.score).toBe(0)
    expect(resultOf(s, P.code)).toMatchObject({ attainment: 0, pointsAvailable: 100, explanation: '低15个百分点，扣4分（扣分上限4分）' })
  })

  it('above the target: nothing taken', () => {
    expect(scoreOf([P], { [P.code]: 100 }).score).toBe(100)
    expect(resultOf(scoreOf([P], { [P.code]: 95 }), P.code).explanation).toBeNull()
  })
})

describe('per violation (连云港: 有一项扣3分)', () => {
  it('without a cap: 3 a violation, down to the 6 points', () => {
    // 1: 6 − 3 = 3 → 50
    let s = scoreOf([V], { [V.code]: 1 })
    expect(s.score).toBe(50)
    expect(resultOf(s, V.code).explanation).toBe('1项，扣3分')
    // 2: 6 − 6 = 0, exactly the points
    s = scoreOf([V], { [V.code]: 2 })
    expect(s.score).toBe(0)
    expect(resultOf(s, V.code).explanation).toBe('2项，扣6分')
    // 3: 9 would be taken, 6 are
    s = scoreOf([V], { [V.code]: 3 })
    expect(s.score).toBe(0)
    expect(resultOf(s, V.code).explanation).toBe('3项，扣6分（扣分上限6分）')
  })

  it('with a cap of 4: the second violation takes only 1 more', () => {
    const capped: YearIndicator = { ...V, rule: { kind: 'perViolation', points: 3, cap: 4 } }
    // 1: 3 taken → 50; 2: 6 → capped at 4, 2 of 6 points: 100 × 2 ÷ 6 = 33.33
    expect(scoreOf([capped], { [V.code]: 1 }).score).toBe(50)
    const s = scoreOf([capped], { [V.code]: 2 })
    expect(s.score).toBe(33.33)
    expect(resultOf(s, V.code).explanation).toBe('2项，扣4分（扣分上限4分）')
  })
})

describe('a missing value', () => {
  it('earns 0 points under any rule, counted unfilled', () => {
    // with A met (8 points): 100 × 8 ÷ (points + 8)
    const cases: [YearIndicator, number][] = [
      [M, 80], // 800 ÷ 10
      [P, 66.67], // 800 ÷ 12 = 66.666…
      [V, 57.14], // 800 ÷ 14 = 57.142…
      [L, 72.73], // 800 ÷ 11 = 72.727…
    ]
    for (const [ind, score] of cases) {
      const s = scoreOf([ind, A], { [ind.code]: null, [A.code]: 4 })
      expect(resultOf(s, ind.code), ind.code).toMatchObject({ filled: false, attainment: 0, explanation: '未填报，不得分' })
      expect([s.score, s.fillRate], ind.code).toEqual([score, 0.5])
    }
    expect(resultOf(scoreOf([A], { [A.code]: null }), A.code)).toMatchObject({ filled: false, attainment: 0, explanation: '未填报，不得分' })
  })
})

describe('bonus items (加分项) with a ceiling', () => {
  const SCHEME = [A, DEMO, PRAISE]

  it('are summed and stop at the bonus cap; they are not in the base', () => {
    // base: A met → 100 (DEMO's and PRAISE's points are not in the denominator)
    // bonus: 示范创建 2 + 上级表彰 2 × 1 = 4, capped at 3 → 103
    const s = scoreOf(SCHEME, { [A.code]: 4, [DEMO.code]: 1, [PRAISE.code]: 2 })
    expect([s.baseScore, s.bonus, s.score]).toEqual([100, 3, 103])
    expect(resultOf(s, DEMO.code)).toMatchObject({ applicable: false, explanation: '加2分' })
    expect(resultOf(s, PRAISE.code)).toMatchObject({ applicable: false, explanation: '加2分' })
    expect(s.adjustments).toEqual([{ kind: 'bonus', points: 3, text: '加分项合计4分，按上限加3分' }])
    // under the cap: 2 + 0 = 2 → 100 + 2
    const under = scoreOf(SCHEME, { [A.code]: 4, [DEMO.code]: 1, [PRAISE.code]: 0 })
    expect([under.bonus, under.score]).toEqual([2, 102])
    expect(under.adjustments).toEqual([{ kind: 'bonus', points: 2, text: '加分项加2分' }])
  })

  it('an unclaimed bonus shows what it would still add under the cap', () => {
    // 上级表彰 1 → bonus 1; 示范创建 would add its 2 (1 + 2 = 3 ≤ cap)
    let s = scoreOf(SCHEME, { [A.code]: 2, [DEMO.code]: 0, [PRAISE.code]: 1 })
    expect(resultOf(s, DEMO.code)).toMatchObject({ pointsAvailable: 2, explanation: null })
    // base 100 × 8 × 0.5 ÷ 8 = 50, plus 1
    expect(s.score).toBe(51)
    // 上级表彰 2 → bonus 2; only 3 − 2 = 1 is left for 示范创建
    s = scoreOf(SCHEME, { [A.code]: 2, [DEMO.code]: null, [PRAISE.code]: 2 })
    expect(resultOf(s, DEMO.code).pointsAvailable).toBe(1)
    // A's points available: 100 × 8 × 0.5 ÷ 8 = 50
    expect(resultOf(s, A.code).pointsAvailable).toBe(50)
  })
})

describe('vetoes (一票否决)', () => {
  const SCHEME = [A, SERIOUS, ACCIDENTS]
  const ALL: SchemeSettings = { ...SETTINGS, grades: [{ grade: '优秀', min: 90 }, { grade: '良好', min: 80 }, { grade: '合格', min: 60 }], excellentQuota: null }

  it('cap the grade whatever the score', () => {
    const s = scoreOf(SCHEME, { [A.code]: 4, [SERIOUS.code]: 1, [ACCIDENTS.code]: 1 })
    // score 100 (the vetoes weigh nothing), but 是 for the serious violation: at most 合格
    expect(s.score).toBe(100)
    expect(s.gradeCap).toBe('合格')
    expect(resultOf(s, SERIOUS.code).explanation).toBe('一票否决：等次不高于合格')
    // 1 accident is under its threshold of 2
    expect(resultOf(s, ACCIDENTS.code).explanation).toBeNull()
    expect(s.adjustments).toEqual([{ kind: 'veto', points: 0, text: '触发一票否决，等次不高于合格' }])
    expect(assignGrades([{ bureauId: 1, score: s.score, gradeCap: s.gradeCap }], ALL).get(1)).toBe('合格')
  })

  it('two vetoes: the worse ceiling wins', () => {
    const s = scoreOf(SCHEME, { [A.code]: 4, [SERIOUS.code]: 1, [ACCIDENTS.code]: 2 })
    expect(s.gradeCap).toBe('不合格')
    expect(assignGrades([{ bureauId: 1, score: 100, gradeCap: s.gradeCap }], ALL).get(1)).toBe('不合格')
  })

  it('not triggered: no ceiling; a ceiling above the score’s grade changes nothing', () => {
    expect(scoreOf(SCHEME, { [A.code]: 4, [SERIOUS.code]: 0, [ACCIDENTS.code]: 0 }).gradeCap).toBeNull()
    expect(assignGrades([{ bureauId: 1, score: 50, gradeCap: '合格' }], ALL).get(1)).toBe('不合格')
  })
})

describe('grades (等次)', () => {
  const GRADES: SchemeSettings['grades'] = [
    { grade: '优秀', min: 90 },
    { grade: '良好', min: 80 },
    { grade: '合格', min: 60 },
  ]

  it('by threshold, each threshold included in its grade', () => {
    const cases: [number, string][] = [
      [100, '优秀'],
      [90, '优秀'],
      [89.99, '良好'],
      [80, '良好'],
      [79.99, '合格'],
      [60, '合格'],
      [59.99, '不合格'],
      [0, '不合格'],
    ]
    for (const [score, grade] of cases) expect(gradeOf(score, GRADES), String(score)).toBe(grade)
  })

  it('a 优秀 quota goes by the ranking’s order: score, then 达标率, then (并列) bureau code', () => {
    // Five reported bureaus. 95 / 0.95 first; then two at 95 / 0.9, 并列 second, listed a01 before b01; then 92, 70.
    const rows = [
      { bureauId: 1, code: 'b01', status: 'approved' as const, score: 95, completion: 0.9 },
      { bureauId: 2, code: 'a01', status: 'submitted' as const, score: 95, completion: 0.9 },
      { bureauId: 3, code: 'c01', status: 'approved' as const, score: 95, completion: 0.95 },
      { bureauId: 4, code: 'd01', status: 'approved' as const, score: 92, completion: 1 },
      { bureauId: 5, code: 'e01', status: 'approved' as const, score: 70, completion: 1 },
    ]
    const ranks = rankBureaus(rows)
    const inRankOrder = [...rows].sort(rankOrder)
    expect(inRankOrder.map((r) => r.code)).toEqual(['c01', 'a01', 'b01', 'd01', 'e01'])
    expect(inRankOrder.map((r) => ranks.get(r.bureauId))).toEqual([1, 2, 2, 4, 5])
    const grade = (caps: Record<number, '良好' | '合格'> = {}, excellentQuota: number | null = 0.4) =>
      Object.fromEntries(assignGrades(inRankOrder.map((r) => ({ bureauId: r.bureauId, score: r.score, gradeCap: caps[r.bureauId] ?? null })), { grades: GRADES, excellentQuota }))
    // 40 % of 5 = 2 seats: c01 and a01; b01 and d01 (above 90) are 良好; e01 合格
    expect(grade()).toEqual({ 3: '优秀', 2: '优秀', 1: '良好', 4: '良好', 5: '合格' })
    // 50 % of 5 = 2.5 → 2 seats all the same
    expect(grade({}, 0.5)).toEqual({ 3: '优秀', 2: '优秀', 1: '良好', 4: '良好', 5: '合格' })
    // a veto on the first takes no seat: a01 and b01 get them
    expect(grade({ 3: '良好' })).toEqual({ 3: '良好', 2: '优秀', 1: '优秀', 4: '良好', 5: '合格' })
    // no quota: all four at 90 or more are 优秀
    expect(grade({}, null)).toEqual({ 3: '优秀', 2: '优秀', 1: '优秀', 4: '优秀', 5: '合格' })
  })

  it('past the quota, a bureau gets the next grade the scheme has (合格 when it has no 良好)', () => {
    const noGood: SchemeSettings['grades'] = [
      { grade: '优秀', min: 90 },
      { grade: '合格', min: 60 },
    ]
    // Two bureaus at 95 and 92, one seat (50 % of 2): the second scored 92 ≥ 60 → 合格, never a 良好 the scheme lacks.
    const graded = assignGrades(
      [
        { bureauId: 1, score: 95, gradeCap: null },
        { bureauId: 2, score: 92, gradeCap: null },
      ],
      { grades: noGood, excellentQuota: 0.5 },
    )
    expect(Object.fromEntries(graded)).toEqual({ 1: '优秀', 2: '合格' })
  })
})

describe('the late deduction', () => {
  const due = '2026-03-01'
  const lateOf = (firstSubmittedAt: string | null, lateResubmissions = 0) =>
    scoringContextFor({
      hasEnforcement: false,
      category: null,
      publishedAt: null,
      publishDeadline: '2026-04-01',
      timing: { firstSubmittedAt, lateResubmissions },
      dueDate: due,
      rectification: { total: 0, done: 0, overdue: 0 },
    })

  it('is taken from a report first in after the due day (China time), or answering a return late', () => {
    // 1 March 23:59:59.999 in China is 15:59:59.999 UTC: on time
    const onTime = lateOf('2026-03-01T15:59:59.999Z')
    const late = lateOf('2026-03-01T16:00:00.000Z')
    expect([onTime.late, late.late, lateOf('2026-02-20T02:00:00Z', 1).late, lateOf(null).late]).toEqual([false, true, true, false])
    // A met: 100; late: 100 − 0.5
    expect(computeBureauScore([A], vals({ [A.code]: 4 }), onTime, SETTINGS).score).toBe(100)
    const s = computeBureauScore([A], vals({ [A.code]: 4 }), late, SETTINGS)
    expect([s.baseScore, s.deduction, s.score]).toEqual([100, 0.5, 99.5])
    expect(s.adjustments).toEqual([{ kind: 'late', points: 0.5, text: '逾期上报，扣0.5分' }])
  })

  it('never takes the score below 0', () => {
    // A at 0: base 0; 0 − 0.5 stays 0
    const s = computeBureauScore([A], vals({ [A.code]: 0 }), lateOf('2026-03-05T02:00:00Z'), SETTINGS)
    expect([s.baseScore, s.score]).toEqual([0, 0])
  })
})

describe('applicability by bureau category', () => {
  /** 执法检查 target 10, 2 points, only for 执法部门. */
  const F: YearIndicator = { ...base, code: 'enforcement.checks', category: 'enforcement', target: 10, weight: 2, unit: '次', appliesTo: ['执法部门'] }

  it('an indicator for other categories is out of the denominator', () => {
    // 综合部门 (or no category): only A's 8 points count: 4 of 4 → 100, F not applicable, nothing to gain from it
    for (const category of ['综合部门', null]) {
      const s = scoreOf([A, F], { [A.code]: 4, [F.code]: 0 }, { category })
      expect(s.score, String(category)).toBe(100)
      expect(resultOf(s, F.code), String(category)).toMatchObject({ applicable: false, attainment: null, pointsAvailable: 0 })
    }
    // 执法部门: 8 of 10 points → 80
    const s = scoreOf([A, F], { [A.code]: 4, [F.code]: 0 }, { category: '执法部门' })
    expect(s.score).toBe(80)
    expect(resultOf(s, F.code).applicable).toBe(true)
    // an empty list is every category
    expect(scoreOf([A, { ...F, appliesTo: [] }], { [A.code]: 4, [F.code]: 0 }, { category: '综合部门' }).score).toBe(80)
  })
})

describe('a scheme with every kind at once', () => {
  it('base over the points, bonus capped, late deduction', () => {
    // M 5 (1 short): 1.7; P 93: 3; V 1: 3; A 2: 8 × 0.5 = 4 → 11.7 of 20 points → base 58.5
    // bonus 2 + 2 = 4 → 3; late → 58.5 + 3 − 0.5 = 61
    const s = scoreOf(
      [M, P, V, A, DEMO, PRAISE, SERIOUS],
      { [M.code]: 5, [P.code]: 93, [V.code]: 1, [A.code]: 2, [DEMO.code]: 1, [PRAISE.code]: 2, [SERIOUS.code]: 0 },
      { late: true },
    )
    expect([s.baseScore, s.bonus, s.deduction, s.score, s.gradeCap]).toEqual([58.5, 3, 0.5, 61, null])
    // none met, all filled
    expect([s.completion, s.fillRate]).toEqual([0, 1])
    // M's points available: 100 × 0.3 ÷ 20 = 1.5
    expect(resultOf(s, M.code).pointsAvailable).toBe(1.5)
  })
})

describe('rules in words: describeRule and parseRule', () => {
  const ind = (rule: Rule, over: { kind?: string; unit?: string; direction?: 'higher' | 'lower' | null } = {}) => ({
    kind: 'count',
    unit: '次',
    direction: 'higher' as const,
    target: 4,
    rule,
    ...over,
  })

  it('every kind reads back as the rule it describes', () => {
    const cases: [ReturnType<typeof ind>, string][] = [
      [ind({ kind: 'attainment' }), '按完成程度计分：达到目标值得满分，未达到按比例得分'],
      [ind({ kind: 'perUnit', points: 0.3, cap: 1.2 }), '每少1次扣0.3分，累计扣分不超过1.2分'],
      [ind({ kind: 'perUnit', points: 0.5, cap: null }, { unit: '件', direction: 'lower' }), '每多1件扣0.5分，分值扣完为止'],
      [ind({ kind: 'perPercentPoint', points: 0.5 }, { unit: '%', kind: 'percent' }), '每低1个百分点扣0.5分，分值扣完为止'],
      [ind({ kind: 'perViolation', points: 3, cap: null }, { unit: '项', direction: 'lower' }), '有1项扣3分，分值扣完为止'],
      [ind({ kind: 'perViolation', points: 3, cap: 6 }, { unit: '项', direction: 'lower' }), '有1项扣3分，累计扣分不超过6分'],
      [ind({ kind: 'bonus', points: 2 }, { kind: 'boolean', unit: '' }), '加分项：是加2分'],
      [ind({ kind: 'bonus', points: 1 }, { unit: '项' }), '加分项：每1项加1分'],
      [ind({ kind: 'veto', threshold: 1, gradeCap: '合格' }, { kind: 'boolean', unit: '' }), '一票否决：为是的，等次不高于合格'],
      [ind({ kind: 'veto', threshold: 2, gradeCap: '不合格' }, { unit: '起' }), '一票否决：达到2起的，等次不高于不合格'],
    ]
    for (const [i, words] of cases) {
      expect(describeRule(i), words).toBe(words)
      expect(parseRule(words), words).toEqual(i.rule)
    }
  })

  it('reads the phrasings of real 考核细则', () => {
    expect(parseRule('每少一次扣0.3分，累计扣分不超过1.2分')).toEqual({ kind: 'perUnit', points: 0.3, cap: 1.2 })
    expect(parseRule('每低一个百分点扣0.5分，分值扣完为止')).toEqual({ kind: 'perPercentPoint', points: 0.5 })
    expect(parseRule('有一项扣3分')).toEqual({ kind: 'perViolation', points: 3, cap: null })
    expect(parseRule('')).toEqual({ kind: 'attainment' })
    expect(parseRule('由考核组综合评定')).toBeNull()
  })
})
