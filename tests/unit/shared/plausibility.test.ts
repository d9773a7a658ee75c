import { CATALOG, CATALOG_BY_CODE, plausibilityChecks, plausibilityFlags, unexplainedFlagsProblem, type PlausibilityRules } from '@fazhi/shared'
import { describe, expect, it } from 'vitest'

/** A count with its own rule, so each boundary is written out here. */
const cases: PlausibilityRules = { name: '行政复议被纠错件数', unit: '件', kind: 'count', plausibleMin: 0, plausibleMax: 10, yoyMinChange: 5 }
const kinds = (checks: { kind: string }[]) => checks.map((c) => c.kind)

describe('range (合理范围)', () => {
  it('flags a value above the maximum, in Chinese with the value, unit and range', () => {
    expect(plausibilityChecks(cases, 96, undefined)).toEqual([{ kind: 'range', text: '96 件超出合理范围（0–10）' }])
  })

  it('takes both ends of the range as plausible', () => {
    expect(plausibilityChecks(cases, 10, undefined)).toEqual([])
    expect(plausibilityChecks(cases, 0, undefined)).toEqual([])
    expect(kinds(plausibilityChecks(cases, 11, undefined))).toEqual(['range'])
  })

  it('flags a value below the minimum', () => {
    const atLeast = { ...cases, name: '学法考试参考率', unit: '%', kind: 'percent' as const, plausibleMin: 50, plausibleMax: null, yoyMinChange: null }
    expect(plausibilityChecks(atLeast, 50, undefined)).toEqual([])
    expect(plausibilityChecks(atLeast, 49.5, undefined)).toEqual([{ kind: 'range', text: '49.5%超出合理范围（不少于 50）' }])
  })
})

describe('year over year (与上年比较)', () => {
  const meetings: PlausibilityRules = { ...CATALOG_BY_CODE.get('lead.topic_meetings')!, plausibleMax: null }

  it('flags more than 3× last year when the change reaches the minimum', () => {
    expect(meetings.yoyMinChange).toBe(4)
    expect(plausibilityChecks(meetings, 13, 4)).toEqual([{ kind: 'yoy', text: '13 次，是上年（4 次）的 3.3 倍' }])
    expect(plausibilityChecks(meetings, 96, 2)[0].text).toBe('96 次，是上年（2 次）的 48 倍')
  })

  it('exactly 3× and exactly a third are not flagged; just beyond them is', () => {
    expect(plausibilityChecks(meetings, 15, 5)).toEqual([])
    expect(kinds(plausibilityChecks(meetings, 16, 5))).toEqual(['yoy'])
    expect(plausibilityChecks(meetings, 5, 15)).toEqual([])
    expect(plausibilityChecks(meetings, 4, 15)).toEqual([{ kind: 'yoy', text: '4 次，不足上年（15 次）的三分之一' }])
  })

  it('small numbers do not trip it: the change must reach the minimum', () => {
    // 1 → 4 is 4× but only 3 more; 1 → 5 is 4 more.
    expect(plausibilityChecks(meetings, 4, 1)).toEqual([])
    expect(kinds(plausibilityChecks(meetings, 5, 1))).toEqual(['yoy'])
    // 6 → 1 is under a third but only 5 less than a minimum change of 6 would need.
    expect(plausibilityChecks({ ...meetings, yoyMinChange: 6 }, 1, 6)).toEqual([])
    expect(kinds(plausibilityChecks({ ...meetings, yoyMinChange: 5 }, 1, 6))).toEqual(['yoy'])
  })

  it('last year 0: only the absolute change counts', () => {
    expect(plausibilityChecks(meetings, 3, 0)).toEqual([])
    expect(plausibilityChecks(meetings, 4, 0)).toEqual([{ kind: 'yoy', text: '4 次，上年为 0 次' }])
    expect(plausibilityChecks(meetings, 0, 0)).toEqual([])
  })

  it('no value last year, or an indicator without the rule: no year-over-year check', () => {
    expect(plausibilityChecks(meetings, 20, undefined)).toEqual([])
    expect(plausibilityChecks(meetings, 20, null)).toEqual([])
    expect(plausibilityChecks({ ...meetings, yoyMinChange: null }, 20, 1)).toEqual([])
  })

  it('a value can break both rules', () => {
    expect(kinds(plausibilityChecks(cases, 96, 2))).toEqual(['range', 'yoy'])
  })
})

describe('what is never flagged', () => {
  it('no value, booleans and derived indicators', () => {
    expect(plausibilityChecks(cases, null, 2)).toEqual([])
    expect(plausibilityChecks(CATALOG_BY_CODE.get('lead.duty_report')!, true, 0)).toEqual([])
    expect(plausibilityChecks(CATALOG_BY_CODE.get('lead.duty_report')!, 1, 0)).toEqual([])
    expect(plausibilityChecks(CATALOG_BY_CODE.get('rectification.overdue_items')!, 50, 0)).toEqual([])
  })

  it('负责人出庭应诉率 jumps between 0 and 100 with one case: it has no year-over-year rule', () => {
    expect(plausibilityChecks(CATALOG_BY_CODE.get('oversight.head_appearance_rate')!, 100, 0)).toEqual([])
    expect(kinds(plausibilityChecks(CATALOG_BY_CODE.get('study.exam_pass_rate')!, 20, 90))).toEqual(['yoy'])
  })
})

describe('the default catalog', () => {
  it('gives every count a range from 0 and a year-over-year minimum; booleans and derived indicators none', () => {
    for (const c of CATALOG) {
      if (c.kind === 'count') {
        expect([c.code, c.plausibleMin, c.plausibleMax! > 0, c.yoyMinChange! > 0]).toEqual([c.code, 0, true, true])
      } else if (c.kind === 'percent') expect([c.code, c.plausibleMin, c.plausibleMax]).toEqual([c.code, 0, 100])
      else expect([c.code, c.plausibleMin, c.plausibleMax, c.yoyMinChange]).toEqual([c.code, null, null, null])
    }
  })

  it('holds the ranges a county bureau can defend', () => {
    const max = (code: string) => CATALOG_BY_CODE.get(code)!.plausibleMax
    expect(max('lead.topic_meetings')).toBe(24)
    expect(max('oversight.reconsideration_corrected')).toBe(10)
    expect(max('oversight.litigation_lost')).toBe(10)
    expect(max('publicity.people_reached')).toBe(200_000)
  })
})

describe('a report’s flags', () => {
  const indicators = CATALOG.filter((c) => ['lead.topic_meetings', 'lead.duty_report', 'oversight.litigation_lost'].includes(c.code))

  it('lists each flag with its indicator and whether the value has a note, in catalog order', () => {
    const values = new Map([
      ['oversight.litigation_lost', { value: 96, note: '  ' }],
      ['lead.duty_report', { value: 1, note: null }],
      ['lead.topic_meetings', { value: 30, note: '含各支部专题会议' }],
    ])
    const flags = plausibilityFlags(indicators, values, { 'lead.topic_meetings': 3 })
    expect(flags.map((f) => [f.indicator, f.kind, f.noted])).toEqual([
      ['lead.topic_meetings', 'range', true],
      ['lead.topic_meetings', 'yoy', true],
      ['oversight.litigation_lost', 'range', false],
    ])
    expect(flags[0].message).toBe('「党组(党委)会议专题研究法治建设次数」30 次超出合理范围（0–24）')
    expect(unexplainedFlagsProblem(flags)).toBe('以下数值超出合理范围或与上年差异过大，请在备注中说明：「行政诉讼败诉件数」96 件超出合理范围（0–10）')
    expect(unexplainedFlagsProblem(flags.filter((f) => f.noted))).toBeNull()
  })
})
