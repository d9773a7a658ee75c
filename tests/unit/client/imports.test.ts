import type { ImportedReport, Indicator } from '@fazhi/shared'
import { describe, expect, it } from 'vitest'
import { CATALOG_INDICATORS } from './fixtures'
import { locateQuote, segmentText } from '../../../client/src/features/imports/highlight'
import {
  acceptedValues,
  derivedNote,
  missingSections,
  preAccepted,
  problemItems,
  proposalProblem,
  proposalText,
  reportMismatch,
  shownKind,
  structureCheck,
  type Proposal,
} from '../../../client/src/features/imports/proposals'

const INDICATORS = new Map<string, Indicator>(CATALOG_INDICATORS.map((i) => [i.code, i]))

const proposal = (indicator: string, value: number, quote: string, extra: Partial<Proposal> = {}): Proposal => ({
  indicator,
  name: INDICATORS.get(indicator)?.name ?? indicator,
  unit: INDICATORS.get(indicator)?.unit ?? '',
  value,
  approx: false,
  quote,
  start: 0,
  end: quote.length,
  confidence: 'certain',
  reason: null,
  flags: [],
  current: null,
  ...extra,
})

const joined = (segments: { text: string }[]) => segments.map((s) => s.text).join('')

describe('highlight segmentation', () => {
  const text = '举办宣讲活动24场，覆盖企业300余家；参考率和通过率均达到100%。'

  it('cuts the text at quote boundaries and gives the runs back whole', () => {
    const segments = segmentText(text, [{ id: 'v0', start: 0, end: 10 }])
    expect(segments).toEqual([
      { start: 0, end: 10, text: '举办宣讲活动24场，', marks: ['v0'] },
      { start: 10, end: text.length, text: text.slice(10), marks: [] },
    ])
    expect(joined(segments)).toBe(text)
  })

  it('splits overlapping quotes so each run knows every mark covering it', () => {
    // Two values quoted from one sentence, and a problem overlapping the second half.
    const segments = segmentText(text, [
      { id: 'v0', start: 0, end: 20 },
      { id: 'v1', start: 0, end: 20 },
      { id: 'p0', start: 10, end: 25 },
    ])
    expect(segments.map((s) => [s.text, s.marks])).toEqual([
      ['举办宣讲活动24场，', ['v0', 'v1']],
      ['覆盖企业300余家；', ['v0', 'v1', 'p0']],
      ['参考率和通', ['p0']],
      [text.slice(25), []],
    ])
    expect(joined(segments)).toBe(text)
  })

  it('merges touching runs covered by the same marks, and ignores empty or out-of-range marks', () => {
    const segments = segmentText('abcdef', [
      { id: 'a', start: 0, end: 2 },
      { id: 'a', start: 2, end: 4 },
      { id: 'x', start: 3, end: 3 },
      { id: 'y', start: 9, end: 12 },
      { id: 'z', start: 5, end: 99 },
    ])
    expect(segments.map((s) => [s.text, s.marks])).toEqual([
      ['abcd', ['a']],
      ['e', []],
      ['f', ['z']],
    ])
    expect(segmentText('', [])).toEqual([])
  })

  it('trusts offsets that hold the quote, and otherwise finds the quote in the text', () => {
    expect(locateQuote(text, 0, 10, '举办宣讲活动24场，')).toEqual({ start: 0, end: 10 })
    expect(locateQuote(text, 3, 13, '覆盖企业300余家；')).toEqual({ start: 10, end: 20 })
    expect(locateQuote(text, 200, 300, '不在文中')).toEqual({ start: text.length, end: text.length })
  })
})

describe('accepting proposals', () => {
  const quote = '2023年，全局……举办动员大会和政策宣讲辅导活动24场，覆盖企业300余家；'

  it('marks accepted values as imported and quotes the report where they override the ledger', () => {
    const proposals = [
      proposal('study.exam_pass_rate', 100, '参考率和通过率均达到 100%。'),
      proposal('publicity.events', 24, quote),
      proposal('publicity.people_reached', 300, quote, { approx: true }),
    ]
    const values = acceptedValues(proposals, [0, 1], INDICATORS, { 'publicity.events': 5, 'publicity.people_reached': 159 })
    expect(values).toEqual([
      { indicator: 'study.exam_pass_rate', value: 100, notApplicable: false, source: 'import' },
      { indicator: 'publicity.events', value: 24, notApplicable: false, source: 'import', note: `年度报告：${quote}` },
    ])
  })

  it('needs no note when the report agrees with the ledger, and sends booleans as booleans', () => {
    const values = acceptedValues(
      [proposal('publicity.events', 5, 'x'), proposal('lead.duty_report', 1, '主要负责人进行了年度述法')],
      [0, 1],
      INDICATORS,
      { 'publicity.events': 5 },
    )
    expect(values).toEqual([
      { indicator: 'publicity.events', value: 5, notApplicable: false, source: 'import' },
      { indicator: 'lead.duty_report', value: true, notApplicable: false, source: 'import' },
    ])
  })

  it('sends one value per indicator (the server refuses duplicates) and skips unknown or derived codes', () => {
    const values = acceptedValues(
      [proposal('lead.topic_meetings', 2, 'a'), proposal('lead.topic_meetings', 3, 'b'), proposal('no.such', 1, 'c'), proposal('rectification.completion_rate', 80, 'd')],
      [1, 0, 2, 3],
      INDICATORS,
      {},
    )
    expect(values).toEqual([{ indicator: 'lead.topic_meetings', value: 3, notApplicable: false, source: 'import' }])
  })

  it('caps the quoting note at the server’s 1000 characters', () => {
    const long = '很长的句子'.repeat(300)
    const [value] = acceptedValues([proposal('publicity.events', 24, long)], [0], INDICATORS, { 'publicity.events': 5 })
    expect(value.note).toHaveLength(1000)
  })

  it('says why a proposal cannot be taken', () => {
    expect(proposalProblem(proposal('no.such', 1, 'x'), undefined, true)).toBe('该指标不在本年度指标目录中')
    expect(proposalProblem(proposal('enforcement.published_items', 3, 'x'), INDICATORS.get('enforcement.published_items'), false)).toBe(
      '本单位无行政执法职能，不填报该指标',
    )
    expect(proposalProblem(proposal('study.exam_pass_rate', 120, 'x'), INDICATORS.get('study.exam_pass_rate'), true)).toMatch(/0–100/)
    expect(proposalProblem(proposal('publicity.events', 24, 'x'), INDICATORS.get('publicity.events'), true)).toBeNull()
  })

  it('starts with only the certain, unflagged proposals accepted, one per indicator', () => {
    const proposals = [
      proposal('study.exam_pass_rate', 98, '考试合格率为98%。'),
      proposal('publicity.people_reached', 500, '惠及群众500余人次', { approx: true, confidence: 'uncertain', reason: '报告所述为约数' }),
      proposal('publicity.events', 30, '开展宣传活动30场', { flags: ['与台账汇总（8 场）不一致'] }),
      proposal('enforcement.published_items', 7, '公示执法信息7条'),
      proposal('lead.topic_meetings', 2, '专题研究2次'),
      proposal('lead.topic_meetings', 3, '专题会议3次'),
      proposal('study.collective_sessions', 6, '集体学法6次'),
    ]
    expect(preAccepted(proposals, INDICATORS, false)).toEqual([0, 6])
    expect(preAccepted(proposals, INDICATORS, true)).toEqual([0, 3, 6])
  })

  it('offers no acceptance for a derived proposal: it shows 是 and where the value comes from', () => {
    const published = proposal('lead.report_published', 1, '本报告已在局门户网站向社会公开。')
    const indicator = INDICATORS.get('lead.report_published')
    expect(preAccepted([published, proposal('publicity.events', 8, '开展普法活动8场')], INDICATORS, true)).toEqual([1])
    expect(proposalText(published, shownKind(indicator))).toBe('是')
    expect(derivedNote(indicator)).toBe('由报告公开日期计算：请在“报告公开”中填写公开网址和日期')
    expect(derivedNote(INDICATORS.get('review.normative_doc_review_rate'))).toBe('由系统自动计算，无需填报')
    // A written indicator has no such note and reads as its own kind.
    expect(derivedNote(INDICATORS.get('review.legal_advisor'))).toBeNull()
    expect(shownKind(INDICATORS.get('study.exam_pass_rate'))).toBe('percent')
    expect(acceptedValues([published], [0], INDICATORS, {})).toEqual([])
  })

  it('shows a proposal as the report states it', () => {
    expect(proposalText({ value: 300, unit: '家/人次', approx: true })).toBe('约 300 家/人次')
    expect(proposalText({ value: 100, unit: '%', approx: false }, 'percent')).toBe('100%')
    expect(proposalText({ value: 1, unit: '', approx: false }, 'boolean')).toBe('是')
  })
})

describe('problems and structure', () => {
  const problems: ImportedReport['problems'] = [
    { text: ' 法治宣传教育的形式和内容还需进一步创新 ', start: 0, end: 10, repeatedFrom: '法治宣传教育的形式和内容还需进一步创新，针对性和实效性有待提高' },
    { text: '行政决策的制度建设还需进一步完善', start: 20, end: 30, repeatedFrom: null },
  ]

  it('turns the chosen problems into not-started items of the report’s year', () => {
    expect(problemItems(problems, [1, 0], 2026, '2026-12-31')).toEqual([
      { problem: '法治宣传教育的形式和内容还需进一步创新', measure: '', owner: '', deadline: '2026-12-31', status: 'not_started', completedAt: null, evidence: null, sourceYear: 2026 },
      { problem: '行政决策的制度建设还需进一步完善', measure: '', owner: '', deadline: '2026-12-31', status: 'not_started', completedAt: null, evidence: null, sourceYear: 2026 },
    ])
  })

  it('checks the five sections, the fifth optional', () => {
    const sections = { measures: true, shortcomings: false, dutyPerformance: true, nextYearPlan: true, other: false }
    expect(structureCheck(sections).map((s) => [s.name, s.present, s.optional])).toEqual([
      ['主要举措和成效', true, false],
      ['存在的不足和原因', false, false],
      ['党政主要负责人履行第一责任人职责情况', true, false],
      ['下一年度主要安排', true, false],
      ['其他需要报告的情况', false, true],
    ])
    expect(missingSections(sections).map((s) => s.key)).toEqual(['shortcomings'])
  })

  it('warns when the report names another year or another kind of office', () => {
    expect(reportMismatch({ reportedYear: 2023, reportedBureau: '西峡县科技局' }, 2026, '示例县科技局')).toEqual(['报告所述年度为 2023 年，与填报年度 2026 年不一致'])
    expect(reportMismatch({ reportedYear: 2026, reportedBureau: '西峡县教育局' }, 2026, '示例县科技局')).toEqual([
      '报告单位为“西峡县教育局”，与本单位“示例县科技局”不一致',
    ])
    expect(reportMismatch({ reportedYear: null, reportedBureau: null }, 2026, '示例县科技局')).toEqual([])
  })
})
