import { readFileSync } from 'node:fs'
import path from 'node:path'
import { CATALOG_BY_CODE } from '@fazhi/shared'
import { beforeAll, describe, expect, it } from 'vitest'
import { extractReport, type Extraction } from '../../../server/src/features/imports/extract'
import { readReport } from '../../../server/src/features/imports/readers'
import { STATEMENT_RULES, VALUE_RULES } from '../../../server/src/features/imports/rules'

const read = (name: string) =>
  readReport(readFileSync(path.join(import.meta.dirname, '../../fixtures/reports', name)), name)

const values = (e: Extraction) => e.values.map(({ indicator, value, approx }) => ({ indicator, value, approx }))
const v = (indicator: string, value: number, approx = false) => ({ indicator, value, approx })
const valueOf = (text: string, indicator: string) => extractReport(text).values.find((x) => x.indicator === indicator)?.value

interface Expected {
  year: number
  bureau: string
  sections: Extraction['sections']
  values: ReturnType<typeof v>[]
  problems: string[]
}

const all = { measures: true, shortcomings: true, dutyPerformance: true, nextYearPlan: true, other: false }

const XIXIA: Expected = {
  year: 2023,
  bureau: '西峡县科技局',
  sections: all,
  values: [
    v('study.exam_participation_rate', 100),
    v('study.exam_pass_rate', 100),
    v('publicity.events', 24),
    v('publicity.people_reached', 300, true),
  ],
  problems: ['法治宣传教育的形式和内容还需进一步创新', '行政决策的制度建设还需进一步完善'],
}

const EXPECTED: Record<string, Expected> = {
  'xixia-kjj-2023.txt': XIXIA,
  'xixia-kjj-2023.docx': XIXIA,
  'zhangdian-kjj-2022.txt': {
    year: 2022,
    bureau: '张店区科学技术局',
    sections: all,
    values: [v('review.legal_advisor', 1), v('enforcement.misconduct_cases', 0), v('disclosure.items_published', 80, true)],
    problems: ['对全体党员干部的依法行政教育还需要进一步加强', '部分党员干部对有关科技政策法规掌握运用还不熟练'],
  },
  'dadukou-kjj-2023.txt': {
    year: 2023,
    bureau: '大渡口区科学技术局',
    // Duty performance is folded into "工作情况" without a heading of its own.
    sections: { ...all, dutyPerformance: false },
    values: [v('lead.duty_report', 1), v('lead.topic_meetings', 2), v('study.training_person_times', 16)],
    problems: ['法治人才队伍建设有待加强', '在广泛开展法治宣传上还有差距'],
  },
  'tongbai-jyj-2023.txt': {
    year: 2023,
    bureau: '桐柏县教育局',
    sections: { ...all, other: true },
    values: [
      v('lead.topic_meetings', 2),
      v('study.center_group_sessions', 4),
      v('study.collective_sessions', 4),
      v('study.training_person_times', 120),
      v('study.exam_participation_rate', 100),
      v('study.exam_pass_rate', 98.5),
      v('review.normative_docs_issued', 2),
      v('review.normative_docs_reviewed', 2),
      v('review.contracts_reviewed', 6),
      v('publicity.events', 12),
      v('publicity.people_reached', 1200, true),
      v('publicity.new_media_posts', 30, true),
      v('disclosure.items_published', 156),
      v('disclosure.request_on_time_rate', 100),
      v('lead.duty_report', 1),
    ],
    problems: ['法治宣传覆盖面不够广', '部分干部依法行政意识不强', '规范性文件备案审查工作还不够规范'],
  },
  'xinye-scjgj-2022-gbk.txt': {
    year: 2022,
    bureau: '新野县市场监督管理局',
    sections: all,
    // "每月开展一次会前学法" is 会前学法, not 机关集体学法.
    values: [
      v('enforcement.certified_rate', 100),
      v('enforcement.published_items', 230, true),
      v('enforcement.legal_reviews', 15),
      v('oversight.reconsideration_corrected', 0),
      v('oversight.litigation_lost', 0),
      v('oversight.head_appearance_rate', 100),
      v('lead.topic_meetings', 4),
    ],
    problems: ['执法队伍专业化水平不高', '执法信息化建设滞后', '普法宣传针对性不强'],
  },
  'neixiang-czj-2024.txt': {
    year: 2024,
    bureau: '内乡县财政局',
    sections: { ...all, other: true },
    values: [
      v('lead.topic_meetings', 2),
      v('review.contracts_reviewed', 45),
      v('study.training_person_times', 30),
      v('study.exam_participation_rate', 100),
      v('study.exam_pass_rate', 96),
      v('publicity.events', 20, true),
      v('publicity.new_media_posts', 200, true),
      v('disclosure.request_on_time_rate', 100),
      v('oversight.proposals_on_time_rate', 100),
      v('oversight.head_appearance_rate', 100),
      v('lead.duty_report', 1),
    ],
    problems: ['法治财政建设基础还不牢固', '普法宣传的形式还比较单一', '合法性审查力量薄弱'],
  },
}

describe.each(Object.entries(EXPECTED))('extractReport(%s)', (file, expected) => {
  let text: string
  let result: Extraction
  beforeAll(async () => {
    text = await read(file)
    result = extractReport(text)
  })

  it('finds the year and the bureau', () => {
    expect(result.year).toBe(expected.year)
    expect(result.bureau).toBe(expected.bureau)
  })

  it('flags the five contents', () => {
    expect(result.sections).toEqual(expected.sections)
  })

  it('takes exactly the expected values', () => {
    expect(values(result)).toEqual(expected.values)
  })

  it('quotes the sentence each value came from, at its offsets', () => {
    for (const value of result.values) {
      expect(text.slice(value.start, value.end)).toBe(value.quote)
      expect(value.quote).not.toMatch(/^\s|\n/)
    }
  })

  it('lists one problem per numbered item of the shortcomings, at its offsets', () => {
    expect(result.problems).toHaveLength(expected.problems.length)
    result.problems.forEach((problem, i) => {
      expect(problem.text.startsWith(expected.problems[i])).toBe(true)
      expect(text.slice(problem.start, problem.end)).toBe(problem.text)
    })
  })
})

describe('the facts DOMAIN.md names', () => {
  it('quotes the sentences they come from', async () => {
    const xixia = extractReport(await read('xixia-kjj-2023.txt'))
    expect(xixia.values.find((x) => x.indicator === 'publicity.people_reached')?.quote).toContain('覆盖企业300余家')
    expect(xixia.values.find((x) => x.indicator === 'study.exam_pass_rate')?.quote).toContain('参考率和通过率均达到 100%')
    const zhangdian = extractReport(await read('zhangdian-kjj-2022.txt'))
    expect(zhangdian.values.find((x) => x.indicator === 'disclosure.items_published')?.quote).toContain('80 余条')
    const dadukou = extractReport(await read('dadukou-kjj-2023.txt'))
    expect(dadukou.values.find((x) => x.indicator === 'lead.topic_meetings')?.quote).toContain('全年专题研究法治政府建设工作2次')
  })

  it('does not read 12 general party-group meetings as meetings on the rule of law', async () => {
    const xixia = extractReport(await read('xixia-kjj-2023.txt'))
    expect(xixia.values.some((x) => x.indicator === 'lead.topic_meetings')).toBe(false)
  })

  it('gives the same result for the .docx and the .txt of one report', async () => {
    const fromTxt = extractReport(await read('xixia-kjj-2023.txt'))
    const fromDocx = extractReport(await read('xixia-kjj-2023.docx'))
    expect(values(fromDocx)).toEqual(values(fromTxt))
    expect(fromDocx.values.map((x) => x.quote)).toEqual(fromTxt.values.map((x) => x.quote))
    expect(fromDocx.problems.map((p) => p.text)).toEqual(fromTxt.problems.map((p) => p.text))
  })
})

describe('values: precision', () => {
  const intro = '2023年法治政府建设情况报告\n\n一、工作情况\n'

  it.each([
    ['general party-group meetings', '全年召开党组会议12次，研究“三重一大”事项。', 'lead.topic_meetings'],
    ['party-group meetings next to law study', '召开党组会议12次，会前学法。', 'lead.topic_meetings'],
    ['topic meetings on other business', '召开专题会议5次，研究安全生产工作。', 'lead.topic_meetings'],
    ['enterprise counts', '开展普法宣传，新认定高新技术企业15家。', 'publicity.people_reached'],
    ['enterprises reached outside publicity', '落实减税降费政策，惠及企业300余家。', 'publicity.people_reached'],
    ['money', '投入普法经费50万元，开展普法宣传。', 'publicity.events'],
    ['technical contracts', '开展技术合同登记审核120项。', 'review.contracts_reviewed'],
    ['product pass rates', '组织考试，产品抽检合格率98%。', 'study.exam_pass_rate'],
    ['training that is not about law', '开展食品安全培训12期，培训经营者300人次。', 'study.training_person_times'],
  ])('ignores %s', (_, sentence, indicator) => {
    expect(valueOf(intro + sentence, indicator)).toBeUndefined()
  })

  it('ignores dates, document numbers, ordinals and titles', () => {
    const text =
      intro +
      '2023年12月4日，依据西科〔2023〕5号文件开展普法宣传。第3次普法宣传在县城举办。' +
      '宣传《深入推动科技创新十五条政策》。结合“12.4”宪法宣传日普法。'
    expect(extractReport(text).values).toEqual([])
  })

  it('leaves a "分别" list whose names and numbers do not pair up to the reviewer', () => {
    const result = extractReport(intro + '学法考试参考率、合格率分别为100%、96%、90%。')
    expect(result.values).toEqual([])
    expect(result.unresolved.map((u) => u.candidates)).toEqual([['study.exam_participation_rate', 'study.exam_pass_rate']])
  })

  it('ignores the plans for next year', () => {
    const text = intro + '开展普法宣传活动5场。\n二、2024年工作思路\n计划开展普法宣传活动20场。'
    expect(values(extractReport(text))).toEqual([v('publicity.events', 5)])
  })

  it('keeps one value when an indicator is named twice with the same number', () => {
    const text = intro + '开展普法宣传活动5场。年内共开展普法宣传活动5场。'
    expect(values(extractReport(text))).toEqual([v('publicity.events', 5)])
  })

  it('proposes nothing for an indicator named with two different numbers, and shows both sentences', () => {
    const result = extractReport(intro + '开展普法宣传活动5场。此外开展普法宣传活动8场。')
    expect(result.values).toEqual([])
    expect(result.unresolved.map((u) => [u.quote, u.reason])).toEqual([
      ['开展普法宣传活动5场。', '报告中出现两个不同的数值'],
      ['此外开展普法宣传活动8场。', '报告中出现两个不同的数值'],
    ])
  })

  it('separates several numbers in one clause', () => {
    const text = intro + '专题研究法治工作3次、安全生产5次。'
    expect(values(extractReport(text))).toEqual([v('lead.topic_meetings', 3)])
  })

  it('rejects impossible percentages', () => {
    expect(valueOf(intro + '学法考试参考率105%。', 'study.exam_participation_rate')).toBeUndefined()
  })
})

describe('values: numbers and units', () => {
  const intro = '2023年法治政府建设情况报告\n\n一、工作情况\n'

  it.each([
    ['开展普法宣传活动二十余场。', v('publicity.events', 20, true)],
    ['开展普法宣讲两场。', v('publicity.events', 2)],
    ['参加法治培训一百二十人次。', v('study.training_person_times', 120)],
    ['开展普法活动，受教育群众1.2万余人次。', v('publicity.people_reached', 12_000, true)],
    ['通过微信公众号推送普法信息近 200 条。', v('publicity.new_media_posts', 200, true)],
    ['开展普法宣传，覆盖群众约500人。', v('publicity.people_reached', 500, true)],
    ['开展普法宣传活动10多次。', v('publicity.events', 10, true)],
    ['开展普法宣传活动１２场。', v('publicity.events', 12)],
    ['新增主动公开政府信息 80 余条。', v('disclosure.items_published', 80, true)],
    ['行政机关负责人出庭应诉率达到百分之百。', v('oversight.head_appearance_rate', 100)],
    ['执法人员持证上岗率９８％。', v('enforcement.certified_rate', 98)],
  ])('%s', (sentence, expected) => {
    expect(values(extractReport(intro + sentence))).toEqual([expected])
  })

  it.each([
    ['每半年1次', '局党组每半年召开1次会议专题研究法治建设工作。', 2],
    ['每季度', '党组会议每季度专题研究一次法治政府建设工作。', 4],
    ['每月', '坚持每月专题研究一次法治建设。', 12],
  ])('turns %s into a yearly count', (_, sentence, expected) => {
    expect(valueOf(intro + sentence, 'lead.topic_meetings')).toBe(expected)
  })
})

describe('headings, year and bureau', () => {
  it('reads varied headings', () => {
    const text = [
      '某某县司法局2023年法治政府建设工作总结',
      '一、领导重视及工作开展情况',
      '正文。',
      '二、存在问题',
      '一是问题甲。二是问题乙。三是问题丙。',
      '三、下一步工作打算',
      '正文。',
      '四、其他需要报告的情况',
      '无。',
    ].join('\n')
    const result = extractReport(text)
    expect(result.sections).toEqual({ measures: true, shortcomings: true, dutyPerformance: true, nextYearPlan: true, other: true })
    expect(result.problems.map((p) => p.text)).toEqual(['问题甲。', '问题乙。', '问题丙。'])
  })

  it('reads a heading that names the following year as the plan', () => {
    const text = '2023年法治政府建设情况报告\n\n一、主要举措\n正文。\n二、2024年重点任务\n正文。'
    expect(extractReport(text).sections).toMatchObject({ measures: true, nextYearPlan: true })
  })

  it('does not take sub-items inside a section for section headings', () => {
    const text = '2023年法治政府建设情况报告\n\n一、工作情况\n（一）强化学法\n1.存在问题较多的领域开展专项整治\n正文。'
    expect(extractReport(text).sections).toEqual({
      measures: true,
      shortcomings: false,
      dutyPerformance: false,
      nextYearPlan: false,
      other: false,
    })
  })

  it('reads a year written in Chinese numerals and drops the province and city before a bureau', () => {
    const result = extractReport('河南省南阳市内乡县财政局\n二〇二四年度法治政府建设情况报告\n\n正文。')
    expect(result.year).toBe(2024)
    expect(result.bureau).toBe('内乡县财政局')
  })

  it('returns nulls and no flags for text that is not a report', () => {
    expect(extractReport('你好。')).toEqual({
      year: null,
      bureau: null,
      county: null,
      sections: { measures: false, shortcomings: false, dutyPerformance: false, nextYearPlan: false, other: false },
      values: [],
      unresolved: [],
      problems: [],
    })
  })
})

describe('rules', () => {
  it('only name count and percent indicators of the catalog, with matching units', () => {
    for (const rule of VALUE_RULES) {
      const indicator = CATALOG_BY_CODE.get(rule.indicator)
      expect(indicator, rule.indicator).toBeDefined()
      expect(['count', 'percent']).toContain(indicator!.kind)
      expect(rule.units.includes('%'), rule.indicator).toBe(indicator!.kind === 'percent')
    }
  })

  it('read statements as 是 for yes/no indicators, 0 for counts, 100 for rates', () => {
    for (const rule of STATEMENT_RULES) {
      const indicator = CATALOG_BY_CODE.get(rule.indicator)!
      const yesNo = indicator.kind === 'boolean' || indicator.derivedAs === 'boolean'
      const expected = yesNo ? 1 : indicator.kind === 'percent' ? 100 : 0
      expect(rule.value, rule.indicator).toBe(expected)
    }
  })
})
