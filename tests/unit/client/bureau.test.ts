import type { BureauOverview, OverviewIndicator } from '@fazhi/shared'
import { describe, expect, it } from 'vitest'
import { buildRadarOption, buildRankHistoryOption } from '../../../client/src/features/bureau/bureau.options'
import { indicatorRows, NOT_SCORED } from '../../../client/src/features/bureau/indicators'
import { scoreMakeUp } from '../../../client/src/features/bureau/score'
import { NOT_APPLICABLE } from '../../../client/src/lib/status'

const indicator = (overrides: Partial<OverviewIndicator> & Pick<OverviewIndicator, 'code'>): OverviewIndicator => ({
  category: overrides.code.split('.')[0],
  name: overrides.code,
  unit: '次',
  kind: 'count',
  derivedAs: null,
  direction: 'higher',
  value: 1,
  target: 2,
  weight: 5,
  applicable: true,
  filled: true,
  attainment: 0.5,
  met: false,
  pointsAvailable: 3.05,
  countyAverage: 1.78,
  countyYes: null,
  ...overrides,
})

const row = (i: OverviewIndicator) => indicatorRows([i])[0]

describe('indicator table rows', () => {
  it('shows a count with its unit, the target, the gap and the points to gain', () => {
    expect(row(indicator({ code: 'lead.topic_meetings' }))).toMatchObject({
      categoryName: '第一责任人职责',
      value: '1 次',
      target: '≥ 2 次',
      attainmentText: '50.0%',
      gap: '差 1 次',
      pointsAvailable: 3.05,
      countyAverage: '1.78 次',
    })
  })

  it('shows booleans as 是/否', () => {
    const base = { code: 'lead.duty_report', kind: 'boolean' as const, unit: '', target: 1, countyAverage: null, countyYes: { yes: 14, of: 16 } }
    // The county figure of a 是/否 indicator is a count of 是, never a mean.
    expect(row(indicator({ ...base, value: 0, attainment: 0 }))).toMatchObject({ value: '否', target: '是', gap: '未达成', countyAverage: '14/16 家为“是”' })
    expect(row(indicator({ ...base, value: 1, attainment: 1, met: true, pointsAvailable: 0 }))).toMatchObject({ value: '是', gap: '已达标' })
    const published = indicator({ code: 'lead.report_published', kind: 'derived', derivedAs: 'boolean', unit: '', value: 1, target: 1 })
    expect(row(published).value).toBe('是')
  })

  it('shows percentages and their gap in percentage points', () => {
    const rate = indicator({ code: 'study.exam_pass_rate', kind: 'percent', unit: '%', value: 83, target: 100, attainment: 0.83 })
    expect(row(rate)).toMatchObject({ value: '83%', target: '≥ 100%', gap: '差 17 个百分点' })
  })

  it('shows lower-is-better counts as a ceiling and an excess', () => {
    const lost = indicator({ code: 'oversight.litigation_lost', unit: '件', value: 3, target: 0, direction: 'lower', attainment: 0 })
    expect(row(lost)).toMatchObject({ target: '≤ 0 件', gap: '超出 3 件' })
  })

  it('shows 不适用 for an indicator that does not apply and 不计分 for an input-only count', () => {
    const na = indicator({ code: 'enforcement.certified_rate', kind: 'percent', unit: '%', value: null, applicable: false, attainment: null, pointsAvailable: 0 })
    expect(row(na)).toMatchObject({ value: NOT_APPLICABLE, attainmentText: NOT_APPLICABLE, attainment: null })
    const input = indicator({ code: 'review.normative_docs_issued', unit: '件', value: 3, target: null, weight: 0, applicable: false, attainment: null })
    expect(row(input)).toMatchObject({ value: '3 件', target: '—', attainmentText: NOT_SCORED, gap: '—' })
  })

  it('tells an unfilled applicable indicator apart from a zero', () => {
    expect(row(indicator({ code: 'publicity.events', value: null, filled: false, attainment: 0 }))).toMatchObject({ value: '未填写', gap: '未填写' })
  })
})

describe('bureau charts', () => {
  it('draws the rank history with 1st at the top and a gap for unranked years', () => {
    const option = buildRankHistoryOption([
      { year: 2023, rank: 15, score: 83.2 },
      { year: 2024, rank: null, score: null },
      { year: 2025, rank: 19, score: 79.11 },
    ])
    expect((option.yAxis as { inverse: boolean; max: number }).inverse).toBe(true)
    expect((option.yAxis as { max: number }).max).toBe(20)
    expect((option.series as { data: unknown[] }[])[0].data).toEqual([15, '-', 19])
  })

  it('compares category attainment with the county average, leaving out categories that do not apply', () => {
    const categories: BureauOverview['categories'] = [
      { code: 'lead', name: '第一责任人职责', attainment: 0.8214, countyAverage: 0.8463 },
      { code: 'study', name: '学法用法', attainment: 0.7333, countyAverage: 0.8397 },
      { code: 'enforcement', name: '行政执法', attainment: null, countyAverage: 0.9566 },
    ]
    const option = buildRadarOption(categories, '科技局')
    expect((option.radar as { indicator: { name: string }[] }).indicator.map((i) => i.name)).toEqual(['第一责任人职责', '学法用法'])
    const [own, county] = (option.series as { data: { name: string; value: number[] }[] }[])[0].data
    expect(own).toMatchObject({ name: '科技局', value: [82.1, 73.3] })
    expect(county).toMatchObject({ name: '全县平均', value: [84.6, 84] })
  })
})

describe('the year’s rules on the bureau page', () => {
  it('names each indicator’s rule in words and what it took, in a sentence', () => {
    const collective = indicator({ code: 'study.collective_sessions', value: 3, target: 4, weight: 4, attainment: 3.7 / 4, ruleText: '每少1次扣0.3分，累计扣分不超过1.2分', ruleKind: 'perUnit', explanation: '少1次，扣0.3分' })
    expect(row(collective)).toMatchObject({ rule: '每少1次扣0.3分，累计扣分不超过1.2分', explanation: '少1次，扣0.3分', attainmentText: '92.5%', gap: '差 1 次' })
  })

  it('shows a bonus item apart from the base score, with what claiming it would add among the points available', () => {
    const bonus = { code: 'lead.model_creation', kind: 'boolean' as const, unit: '', direction: 'higher' as const, target: null, weight: 0, applicable: false, attainment: null, ruleKind: 'bonus' as const, ruleText: '加分项：是加2分' }
    const unclaimed = row(indicator({ ...bonus, value: 0, pointsAvailable: 2, explanation: null }))
    expect(unclaimed).toMatchObject({ value: '否', target: '—', attainmentText: '加分项', pointsAvailable: 2, explanation: null })
    // Sorted by points available, an unclaimed bonus item stands with the indicators that would lift the score.
    const rows = indicatorRows([indicator({ code: 'lead.topic_meetings', pointsAvailable: 1.5 }), indicator({ ...bonus, value: 0, pointsAvailable: 2 })])
    expect(rows.sort((a, b) => b.pointsAvailable - a.pointsAvailable).map((r) => r.code)).toEqual(['lead.model_creation', 'lead.topic_meetings'])
    expect(row(indicator({ ...bonus, value: 1, pointsAvailable: 0, explanation: '加2分' }))).toMatchObject({ value: '是', explanation: '加2分' })
    const veto = indicator({ ...bonus, code: 'oversight.major_violation', direction: 'lower', value: 1, pointsAvailable: 0, ruleKind: 'veto', explanation: '一票否决：等次不高于合格' })
    expect(row(veto)).toMatchObject({ attainmentText: '否决项', explanation: '一票否决：等次不高于合格' })
  })

  it('reads a version published before rules: no rule, no sentence', () => {
    expect(row(indicator({ code: 'lead.topic_meetings' }))).toMatchObject({ rule: '', explanation: null, attainmentText: '50.0%' })
  })

  it('makes up the score from the base, the bonus and the late deduction', () => {
    expect(scoreMakeUp({ score: 97.26, baseScore: 94.76, bonus: 3, deduction: 0.5 })).toBe('基础分 94.76 + 加分 3 − 扣分 0.5')
    expect(scoreMakeUp({ score: 80, baseScore: 80, bonus: 0, deduction: 0 })).toBe('基础分 80.00')
    expect(scoreMakeUp({ score: null, baseScore: null, bonus: null, deduction: null })).toBeNull()
    expect(scoreMakeUp({ score: 80 })).toBeNull()
  })
})
