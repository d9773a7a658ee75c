import { type BureauOverview, type Ranking, RULE_KINDS, type Summary } from '@fazhi/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_YEARS } from '../../../seed/demo'
import { createTestApp, login, type TestContext } from '../../helpers/app'

/**
 * The demo county ships a 考核方案 for every year with a rule of each kind, and a new user sees each
 * at work in 2025: deductions explained in a sentence, bonuses up to the ceiling, a veto capping a
 * grade, the late deduction, grades with the 优秀 quota. Every figure is read through the API and
 * checked against the rules as the scheme states them.
 */
let t: TestContext
let office: string
const overviews = new Map<string, BureauOverview>()
let ranking: Ranking
let summary: Summary

const get = async <T>(url: string): Promise<T> => {
  const res = await t.app.inject({ method: 'GET', url, headers: { cookie: office } })
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`)
  return res.json() as T
}

beforeAll(async () => {
  t = await createTestApp({ now: new Date('2026-11-22T00:00:00Z') })
  office = await login(t.app, 'office')
  ranking = await get('/api/ranking?year=2025')
  summary = await get('/api/dashboard/summary?year=2025')
  for (const b of summary.bureaus) overviews.set(b.code, await get(`/api/bureaus/${b.bureauId}/overview?year=2025`))
})
afterAll(() => t.close())

const schemeRow = async (year: number) =>
  await t.sql.get('select grades, excellent_quota, bonus_cap, late_deduction from schemes where year = ?', [year]) as
    | { grades: string; excellent_quota: number | null; bonus_cap: number; late_deduction: number }
    | undefined
const rulesOf = async (year: number) =>
  (await t.sql.all('select indicator_code, rule, applies_to from scheme_indicators where year = ?', [year]) as { indicator_code: string; rule: string; applies_to: string | null }[]).map(
    (r) => ({ code: r.indicator_code, rule: JSON.parse(r.rule) as { kind: string; points?: number; cap?: number | null }, appliesTo: r.applies_to }),
  )
const allIndicators = () => [...overviews.values()].flatMap((o) => o.indicators.map((i) => ({ bureau: o.bureau.code, ...i })))

describe('the demo county’s 考核方案', () => {
  it('every demo year has a scheme with a rule of each kind, an indicator for one bureau category, and its settings', async () => {
    for (const year of DEMO_YEARS) {
      const settings = await schemeRow(year)
      expect(settings, String(year)).toBeDefined()
      expect(JSON.parse(settings!.grades)).toEqual([
        { grade: '优秀', min: 90 },
        { grade: '良好', min: 80 },
        { grade: '合格', min: 60 },
      ])
      expect([settings!.excellent_quota, settings!.bonus_cap, settings!.late_deduction]).toEqual([0.3, 3, 0.5])
      const rules = await rulesOf(year)
      expect(new Set(rules.map((r) => r.rule.kind)), String(year)).toEqual(new Set(RULE_KINDS))
      expect(rules.find((r) => r.code === 'study.collective_sessions')!.rule).toEqual({ kind: 'perUnit', points: 0.3, cap: 1.2 })
      expect(rules.filter((r) => r.rule.kind === 'bonus').length).toBeGreaterThanOrEqual(2)
      expect(rules.some((r) => r.appliesTo !== null)).toBe(true)
    }
  })

  it('each bureau has a category: 执法部门 with enforcement powers, 综合部门 otherwise', async () => {
    const rows = await t.sql.all('select has_enforcement, category from bureaus') as { has_enforcement: number; category: string }[]
    for (const r of rows) expect(r.category).toBe(r.has_enforcement ? '执法部门' : '综合部门')
  })

  it('the bureau page names every indicator’s rule in words', () => {
    const o = overviews.get('kjj')!
    const collective = o.indicators.find((i) => i.code === 'study.collective_sessions')!
    expect(collective.ruleText).toBe('每少1次扣0.3分，累计扣分不超过1.2分')
    expect(o.indicators.every((i) => typeof i.ruleText === 'string' && i.ruleText.length > 0)).toBe(true)
  })

  it('per-unit, per-percentage-point and per-case deductions are at work, each explained by its own figures', () => {
    const seen = new Set<string>()
    for (const i of allIndicators()) {
      if (!i.explanation || i.value === null || i.target === null) continue
      if (i.code === 'study.collective_sessions') {
        const short = i.target - i.value
        expect(i.explanation, i.bureau).toBe(`少${short}次，扣${Math.round(Math.min(0.3 * short, 1.2) * 100) / 100}分${0.3 * short > 1.2 ? '（扣分上限1.2分）' : ''}`)
        // The points earned are the indicator's points less the deduction.
        expect(i.attainment! * i.weight, i.bureau).toBeCloseTo(i.weight - Math.min(0.3 * short, 1.2), 6)
        seen.add('perUnit')
      }
      if (i.code === 'disclosure.request_on_time_rate') {
        const below = i.target - i.value
        expect(i.explanation, i.bureau).toMatch(new RegExp(`^低${below}个百分点，扣`))
        expect(i.attainment! * i.weight, i.bureau).toBeCloseTo(Math.max(0, i.weight - 0.5 * below), 6)
        seen.add('perPercentPoint')
      }
      if (i.code === 'oversight.litigation_lost') {
        expect(i.explanation, i.bureau).toMatch(new RegExp(`^${i.value}件，扣${Math.min(i.value, 3)}分`))
        seen.add('perViolation')
      }
    }
    expect([...seen].sort()).toEqual(['perPercentPoint', 'perUnit', 'perViolation'])
  })

  it('bonus items add up to the ceiling of 3, and the score is base + bonus − late deduction', () => {
    const sfj = overviews.get('sfj')!
    expect(sfj.bonus).toBe(3)
    expect(sfj.adjustments).toContainEqual({ kind: 'bonus', points: 3, text: '加分项合计4分，按上限加3分' })
    expect(sfj.indicators.filter((i) => i.explanation?.startsWith('加')).map((i) => i.code)).toEqual(['lead.model_creation', 'lead.experience_promoted', 'lead.commended'])
    for (const o of overviews.values()) {
      if (o.score === null) continue
      expect(o.score, o.bureau.code).toBeCloseTo(Math.max(0, o.baseScore! + o.bonus! - o.deduction!), 2)
      expect(o.bonus!, o.bureau.code).toBeLessThanOrEqual(3)
    }
    expect([...overviews.values()].filter((o) => (o.bonus ?? 0) > 0).length).toBeGreaterThanOrEqual(2)
  })

  it('a late report loses 0.5, explained in a sentence', () => {
    const late = ranking.rows.filter((r) => !r.onTime)
    expect(late.length).toBeGreaterThan(0)
    for (const r of late) {
      expect(r.deduction, r.code).toBe(0.5)
      expect(overviews.get(r.code)!.adjustments).toContainEqual({ kind: 'late', points: 0.5, text: '逾期上报，扣0.5分' })
    }
    for (const r of ranking.rows.filter((x) => x.onTime)) expect(r.deduction, r.code).toBe(0)
  })

  it('a veto caps a grade its score would earn above 合格', () => {
    const gaj = overviews.get('gaj')!
    expect(gaj.score!).toBeGreaterThanOrEqual(80)
    expect(gaj.grade).toBe('合格')
    expect(gaj.adjustments).toContainEqual({ kind: 'veto', points: 0, text: '触发一票否决，等次不高于合格' })
    expect(gaj.indicators.find((i) => i.code === 'oversight.major_violation')!.explanation).toBe('一票否决：等次不高于合格')
  })

  it('grades follow the thresholds and the 30% 优秀 quota by rank, the same on the ranking, the summary and the bureau page', () => {
    const seats = Math.floor(0.3 * ranking.rows.length)
    let excellent = 0
    for (const r of ranking.rows) {
      const o = overviews.get(r.code)!
      const vetoed = o.adjustments!.some((a) => a.kind === 'veto')
      const byScore = r.score >= 90 ? '优秀' : r.score >= 80 ? '良好' : r.score >= 60 ? '合格' : '不合格'
      let expected = vetoed && byScore !== '不合格' ? '合格' : byScore
      if (expected === '优秀' && excellent++ >= seats) expected = '良好'
      expect(r.grade, r.code).toBe(expected)
      expect(summary.bureaus.find((b) => b.code === r.code)!.grade, r.code).toBe(r.grade)
      expect(o.grade, r.code).toBe(r.grade)
      expect(o.bonus, r.code).toBe(r.bonus)
      expect(o.deduction, r.code).toBe(r.deduction)
    }
    expect(new Set(ranking.rows.map((r) => r.grade)).size).toBeGreaterThanOrEqual(3)
  })
})
