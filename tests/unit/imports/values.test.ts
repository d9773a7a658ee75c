import { describe, expect, it } from 'vitest'
import { extractReport } from '../../../server/src/features/imports/extract'

// One describe per phrasing kind of issue 17, in invented sentences: the reading that must be
// taken and the one that must not.

const report = (...sentences: string[]) => `某某县某某局2023年法治政府建设情况报告\n\n一、主要工作\n${sentences.join('')}`
const read = (...sentences: string[]) => extractReport(report(...sentences))
const valueOf = (text: string, indicator: string) => read(text).values.find((x) => x.indicator === indicator)
const pairs = (text: string) => read(text).values.map((x) => [x.indicator, x.value])

describe('a total over several kinds of activity', () => {
  it('is not any one of them', () => {
    expect(read('组织政治理论学习、法治讲座和业务培训等三十余场。').values).toEqual([])
    expect(read('开展理论学习、法治讲座、业务培训，共计十八场。').values).toEqual([])
    expect(read('召开中心组学习会、支部会和职工大会会前学法9次。').values).toEqual([])
  })

  it('is the kind every item of the list is', () => {
    expect(pairs('选派干部参加“行政执法实务培训”和“法律知识更新培训”共6人次。')).toEqual([['study.training_person_times', 6]])
  })

  it('a breakdown into kinds of one indicator is left to the reviewer', () => {
    const result = read('在平台公示行政许可信息40条、行政处罚信息9条。')
    expect(result.values).toEqual([])
    expect(result.unresolved.map((u) => u.candidates)).toEqual([['enforcement.published_items']])
  })

  it('a part of a total is not the count', () => {
    expect(pairs('全年开展普法宣传活动16场，其中进社区普法宣传活动5场。')).toEqual([['publicity.events', 16]])
  })

  it('a part that is an indicator of its own is read', () => {
    expect(pairs('全年召开党组会议20次，其中专题研究法治建设工作3次。')).toEqual([['lead.topic_meetings', 3]])
  })

  it('is the kind the words after 等 name', () => {
    expect(pairs('开展宪法宣传、民法典宣讲等普法宣传活动15场。')).toEqual([['publicity.events', 15]])
  })
})

describe('a different review', () => {
  it('公平竞争审查 and 备案审查 are not the legality review', () => {
    expect(read('对招标采购合同开展公平竞争审查9件。').values).toEqual([])
    expect(read('报送规范性文件备案审查3件。').values).toEqual([])
  })

  it('the legality review of contracts is read', () => {
    expect(valueOf('对采购合同开展合法性审查14件。', 'review.contracts_reviewed')).toMatchObject({ value: 14, confidence: 'certain' })
  })
})

describe('the subject in an earlier clause', () => {
  it('carries 中心组 into a clause that names no subject, as uncertain', () => {
    const result = read('健全党组中心组学法制度，全年组织学法6次。')
    expect(result.values.map((x) => [x.indicator, x.value, x.confidence])).toEqual([['study.center_group_sessions', 6, 'uncertain']])
    expect(result.values[0].reason).toContain('前一分句')
  })

  it('does not read the carried 中心组 count as 机关集体学法', () => {
    expect(valueOf('健全党组中心组学法制度，全年组织学法6次。', 'study.collective_sessions')).toBeUndefined()
  })

  it('gives each number of a list the subject named before it', () => {
    expect(pairs('党组中心组学法5次、机关集体学法20次。')).toEqual([
      ['study.center_group_sessions', 5],
      ['study.collective_sessions', 20],
    ])
  })

  it('reads a clause that names its own subject as certain', () => {
    expect(valueOf('深入学习习近平法治思想，组织机关集体学法10次。', 'study.collective_sessions')).toMatchObject({
      value: 10,
      confidence: 'certain',
    })
  })

  it('carries no subject into a clause about something else', () => {
    expect(read('健全党组中心组学法制度，全年召开会议5次。').values).toEqual([])
  })

  it('leaves a number two carried subjects compete for to the reviewer', () => {
    const result = read('完善中心组学法和集体学法制度，全年学法8次。')
    expect(result.values).toEqual([])
    expect(result.unresolved).toMatchObject([
      { candidates: ['study.center_group_sessions', 'study.collective_sessions'], reason: '同一数字可能对应多个指标' },
    ])
  })

  it('leaves a count whose earlier clause names what it must not be to the reviewer', () => {
    const result = read('推进行政执法公示，全年公开信息40条。')
    expect(result.values).toEqual([])
    expect(result.unresolved[0].candidates).toContain('disclosure.items_published')
  })
})

describe('one kind inside a series of unstated size', () => {
  it('is not the whole: nothing is proposed, the sentence is left to the reviewer', () => {
    const result = read('结合行业特点组织了形式多样的法治宣传活动，全年在社区举办普法讲座2场。')
    expect(result.values).toEqual([])
    expect(result.unresolved.map((u) => u.candidates)).toEqual([['publicity.events']])
    expect(read('围绕消费维权开展一系列普法宣传，组织干部参加法治考试36人次。').values).toEqual([])
    expect(read('开展多项法治宣传活动，举办普法讲座、法律咨询等普法活动11场，其中进社区普法讲座4场。').values.map((x) => x.value)).toEqual([11])
  })

  it('keeps a count that names no kind inside the series, and a series of speeches is no series of activities', () => {
    expect(pairs('通过多种形式开展普法宣传，全年开展普法宣传12场。')).toEqual([['publicity.events', 12]])
    expect(pairs('学习贯彻总书记系列重要讲话精神，举办普法讲座5场。')).toEqual([['publicity.events', 5]])
    expect(pairs('通过多种形式开展普法，在公众号发布普法信息40条。')).toEqual([['publicity.new_media_posts', 40]])
  })

  it("keeps the series' own total and what follows it", () => {
    expect(pairs('开展“宪法宣传周”系列普法活动5场。')).toEqual([['publicity.events', 5]])
    expect(pairs('通过多种形式深入开展宣传，举办普法讲座咨询活动9场，惠及职工200余人。')).toEqual([
      ['publicity.events', 9],
      ['publicity.people_reached', 200],
    ])
  })

  it('stays in its sentence and does not touch a count of its own kind', () => {
    expect(pairs('开展了一系列法治宣传活动。全年举办普法讲座3场。')).toEqual([['publicity.events', 3]])
    expect(pairs('开展一系列学法活动，党组中心组学法4次。')).toEqual([['study.center_group_sessions', 4]])
  })
})

describe('what the 中心组 studied, stated outside the number\'s clause', () => {
  it('reads the number before its subject with the topic in the clause after, as uncertain', () => {
    const found = valueOf('全年共召开9次局党组理论学习中心组（扩大）学习会，专题学习宪法和行政诉讼法。', 'study.center_group_sessions')
    expect(found).toMatchObject({ value: 9, confidence: 'uncertain' })
    expect(found?.reason).toContain('学习内容')
  })

  it('takes no topic from a clause about something else, a list of topics or a clause with a number', () => {
    expect(read('全年共召开9次局党组理论学习中心组学习会，推动各项工作依法落实。').values).toEqual([])
    expect(read('全年共召开9次局党组理论学习中心组学习会，学习党的二十大精神、宪法等。').values).toEqual([])
    expect(valueOf('召开中心组学习会12次，其中学法4次。', 'study.center_group_sessions')?.value).not.toBe(12)
  })

  it('reads the topic from an earlier sentence of the paragraph that says the 中心组 studies it', () => {
    const found = valueOf('局党组中心组把学习宪法和法律法规作为必修课。今年，共组织党组理论学习中心组学习5次，研讨交流2次。', 'study.center_group_sessions')
    expect(found).toMatchObject({ value: 5, confidence: 'uncertain' })
  })

  it('not from another paragraph, not for meetings of the 中心组, not over the sentence\'s own topic', () => {
    expect(read('局党组中心组把学习宪法作为必修课。\n今年，共组织党组理论学习中心组学习5次。').values).toEqual([])
    expect(read('严格执行理论学习中心组制度，定期安排专题学法。全年召开党组理论学习中心组会议40次。').values).toEqual([])
    expect(read('党组中心组带头学习宪法。全年中心组学习18次，其中学习党史6次。').values).toEqual([])
    // Law among the 中心组's contents is not what the sessions studied.
    expect(read('党组高度重视学法工作，将宪法列入中心组学习重要内容。全年中心组学习24次。').values).toEqual([])
  })
})

describe('the bureau organising the study of laws', () => {
  it('is 机关集体学法, uncertain', () => {
    expect(valueOf('3. 强化学法用法：全年共组织开展了7次法律法规专题学习，增强了干部的法治意识。', 'study.collective_sessions')).toMatchObject({
      value: 7,
      confidence: 'uncertain',
    })
  })

  it.each([
    ['会前学法', '全年组织党组会前学习法律法规12次。'],
    ['党组会 study', '组织党组会学习法律法规6次。'],
    ['the leadership\'s study', '组织局领导班子学习法律法规5次。'],
    ['lectures for the public', '组织辖区群众学习法律法规讲座5场。'],
    ['law mixed with other subjects', '每月组织干部学习法律法规和业务知识一次。'],
  ])('is not %s', (_, sentence) => {
    expect(valueOf(sentence, 'study.collective_sessions')).toBeUndefined()
  })

  it('is not the 中心组, which is read as its own', () => {
    expect(pairs('组织党组中心组学习法律法规4次。')).toEqual([['study.center_group_sessions', 4]])
  })
})

describe('yes/no indicators', () => {
  it('reads a legal advisor retained as 是, uncertain, with its sentence', () => {
    const value = valueOf('聘请律师事务所两名律师担任常年法律顾问。', 'review.legal_advisor')
    expect(value).toMatchObject({ value: 1, confidence: 'uncertain', quote: '聘请律师事务所两名律师担任常年法律顾问。' })
  })

  it('reads 述法 by the head and the report itself published', () => {
    expect(valueOf('局主要负责人年底向县委依法治县办专题述法。', 'lead.duty_report')?.value).toBe(1)
    expect(valueOf('本报告已在本局门户网站向社会公开。', 'lead.report_published')?.value).toBe(1)
  })

  it('does not read plans, negations, rules or absence as 是 or 否', () => {
    for (const sentence of [
      '下一步计划聘请法律顾问。',
      '目前尚未聘请法律顾问。',
      '本局未聘请法律顾问。',
      '聘请律师代理一起行政诉讼案件。',
      '健全法律顾问参与重大决策机制。',
      '将述法纳入年度考核。',
      '局主要负责人听取下属单位负责人述法。',
      '本报告将于次年三月底前公开。',
      '加强法治宣传。',
    ]) {
      expect(read(sentence).values, sentence).toEqual([])
    }
  })
})

describe('zero statements', () => {
  it('reads "none this year" as 0', () => {
    expect(valueOf('本年度无行政复议被纠错案件。', 'oversight.reconsideration_corrected')).toMatchObject({ value: 0, confidence: 'certain' })
    expect(valueOf('未发生行政诉讼败诉案件。', 'oversight.litigation_lost')).toMatchObject({ value: 0, confidence: 'uncertain' })
    expect(valueOf('全年未制定行政规范性文件。', 'review.normative_docs_issued')?.value).toBe(0)
    expect(valueOf('全年无一起执法人员被追责问责案件。', 'enforcement.misconduct_cases')?.value).toBe(0)
  })

  it('takes no zero from several years, another year, a goal or a plan', () => {
    for (const sentence of [
      '近三年未发生行政诉讼败诉案件。',
      '2019年以来无行政复议被纠错案件。',
      '2021年未发生行政诉讼败诉案件。',
      '力争实现行政诉讼零败诉。',
      '督促办理未结的行政复议案件。',
    ]) {
      expect(read(sentence).values, sentence).toEqual([])
    }
    const text = report('开展普法宣传活动5场。\n二、下一步工作打算\n确保全年无行政诉讼败诉案件。')
    expect(extractReport(text).values.map((x) => x.indicator)).toEqual(['publicity.events'])
  })
})

describe("values stated with the field's counting words", () => {
  it('pairs several rates with their numbers in order, as uncertain', () => {
    const result = read('组织网上学法考试，参考率和合格率分别为97%和92%。')
    expect(result.values.map((x) => [x.indicator, x.value, x.confidence])).toEqual([
      ['study.exam_participation_rate', 97, 'uncertain'],
      ['study.exam_pass_rate', 92, 'uncertain'],
    ])
  })

  it('gives one number to every rate named before 均', () => {
    expect(pairs('组织学法考试，参考率、合格率均为100%。')).toEqual([
      ['study.exam_participation_rate', 100],
      ['study.exam_pass_rate', 100],
    ])
  })

  it('reads person-times of training and published enforcement information', () => {
    expect(pairs('举办行政执法人员法律知识培训班，参训人员48人次。')).toEqual([['study.training_person_times', 48]])
    expect(pairs('在信用平台公示执法信息25条。')).toEqual([['enforcement.published_items', 25]])
  })

  it('reads persons who sat one law exam as person-times, uncertain', () => {
    expect(valueOf('组织15名干部参加宪法知识考试。', 'study.training_person_times')).toMatchObject({ value: 15, confidence: 'uncertain' })
    expect(read('全局共有执法人员30名，均参加执法资格培训。').values).toEqual([])
  })

  it('takes a reviewed count from "均经合法性审查" after the issued count', () => {
    expect(pairs('全年出台规范性文件3件，均经合法性审查。')).toEqual([
      ['review.normative_docs_issued', 3],
      ['review.normative_docs_reviewed', 3],
    ])
  })
})

describe('exclusions', () => {
  it.each([
    ['money', '安排普法经费12万元。'],
    ['enterprises that are not people reached by publicity', '深入企业开展调研，走访企业40家。'],
    ['meetings in general', '全年召开党组会议15次，研究重大事项。'],
    ['a lecture on law is not a topic meeting', '举办法治专题讲座3场。'],
    ["the system's schools", '指导全县各学校开展法治宣传活动200场。'],
    ['training of others on other subjects', '组织经营户安全生产培训300人次。'],
    ['requests for information are not information published', '受理政府信息公开申请7件，均按期答复。'],
    ['attendance at study sessions is not training', '组织干部职工集体学习法律法规，参学人员300余人次。'],
  ])('%s', (_, sentence) => {
    expect(read(sentence).values).toEqual([])
  })

  it('reads no intention, even outside the plan section', () => {
    expect(read('下一步计划开展普法宣传活动30场。').values).toEqual([])
    expect(read('2024年力争组织集体学法24次。').values).toEqual([])
  })

  it('reads no number of several years or of another year', () => {
    expect(read('近三年累计开展普法宣传活动60场。').values).toEqual([])
    expect(read('较2022年的开展普法宣传活动9场有所增加。').values).toEqual([])
    expect(pairs('今年以来开展普法宣传活动11场。')).toEqual([['publicity.events', 11]])
  })

  it('reads nothing from the shortcomings', () => {
    const text = report('开展普法宣传活动5场。\n二、存在的问题\n一是全年仅组织集体学法2次，次数偏少。')
    expect(extractReport(text).values.map((x) => x.indicator)).toEqual(['publicity.events'])
  })
})

describe('confidence', () => {
  it('is certain only for a plain statement', () => {
    expect(valueOf('开展普法宣传活动12场。', 'publicity.events')).toMatchObject({ confidence: 'certain', reason: null })
  })

  it.each([
    ['an approximate value', '开展普法宣传活动20余场。', 'publicity.events', 20],
    ['a per-period conversion', '党组每季度专题研究一次法治建设工作。', 'lead.topic_meetings', 4],
  ])('is uncertain, with a reason, for %s', (_, sentence, indicator, value) => {
    const found = valueOf(sentence, indicator)
    expect(found).toMatchObject({ value, confidence: 'uncertain' })
    expect(found?.reason).toBeTruthy()
  })
})

describe('a legal advisor the bureau retains, not what advisors do', () => {
  it.each([
    ['retained to guide enforcement', '年内聘请2名律师指导执法案卷制作。'],
    ['engaged to take part in drafting', '引入常年法律顾问参与合同起草。'],
    ['a system of its own', '年内建立公职律师制度。'],
    ['our bureau\'s advisor at work', '安排我局法律顾问为群众解答法律咨询。'],
    ['the bureau\'s advisor invited', '邀请局法律顾问审核采购合同。'],
    ['staff provided as the government\'s part-time advisor', '配备一名法学专业干部作为政府兼职法律顾问。'],
  ])('reads %s as 是', (_, sentence) => {
    expect(valueOf(sentence, 'review.legal_advisor')?.value, sentence).toBe(1)
  })

  it.each([
    ['what an advisor does', '充分发挥法律顾问在决策中的把关作用。'],
    ['advisors taking part, said of no one', '法律顾问、公职律师列席局务会议。'],
    ['the county government\'s advisor', '县政府法律顾问对合同出具审查意见。'],
    ['the government engaging one', '县政府聘请律师担任常年法律顾问。'],
    ['a list of systems to build', '建立健全集体决策制度、法律顾问咨询制度。'],
    ['a rule carried out', '严格落实法律顾问制度。'],
    ['a lawyer for one case', '聘请律师代为出庭应诉。'],
  ])('reads nothing from %s', (_, sentence) => {
    expect(valueOf(sentence, 'review.legal_advisor'), sentence).toBeUndefined()
  })
})

describe('述法 by the bureau\'s own head only', () => {
  it('is not read from heads of other units', () => {
    expect(valueOf('组织40余名基层单位主要负责人开展现场述法。', 'lead.duty_report')).toBeUndefined()
    expect(valueOf('督促各乡镇主要负责人年底述法。', 'lead.duty_report')).toBeUndefined()
    expect(valueOf('局长在年终述职大会上一并述法。', 'lead.duty_report')?.value).toBe(1)
  })

  it('is read when done as required, not when required of others', () => {
    expect(valueOf('压实主要负责人第一责任，依照要求完成年度述职述法。', 'lead.duty_report')?.value).toBe(1)
    expect(valueOf('要求主要负责人年底述职述法。', 'lead.duty_report')).toBeUndefined()
  })

  it('a year in a quoted document\'s title is not the sentence\'s', () => {
    expect(valueOf('对照《某某规划（2021—2025年）》，主要负责人完成述职述法。', 'lead.duty_report')?.value).toBe(1)
    expect(valueOf('2021年主要负责人完成述职述法。', 'lead.duty_report')).toBeUndefined()
  })
})

describe('a count over several kinds of meeting or object', () => {
  it('is left to the reviewer when the words before it list several kinds of meeting', () => {
    const result = read('借助局务会、党组理论学习中心组集中学法15次。')
    expect(result.values).toEqual([])
    expect(result.unresolved.map((u) => u.candidates)).toEqual([['study.center_group_sessions']])
    expect(read('通过党委会、中心组开展《中华人民共和国行政处罚法》学习研讨6次。').values).toEqual([])
  })

  it('two bodies joined by 和 before one count are a total, not the 中心组\'s', () => {
    const result = read('全年局党组中心组及机关党委集中学法8次。')
    expect(result.values).toEqual([])
    expect(result.unresolved.map((u) => u.reason)).toEqual(['数字为所列几类会议或机构的合计'])
    expect(pairs('全年局党委理论学习中心组集中学法8次，学习宪法和民法典。')).toEqual([['study.center_group_sessions', 8]])
  })

  it('a 中心组 count alone, and a book title with 和 in it, are still read', () => {
    expect(pairs('党组理论学习中心组集中学法7次。')).toEqual([['study.center_group_sessions', 7]])
    expect(pairs('组织干部职工集中学习《中华人民共和国安全生产法》等法律法规5次。')).toEqual([['study.collective_sessions', 5]])
  })

  it('contracts reviewed together with documents are no count of contracts', () => {
    expect(valueOf('年内审核各类协议及文件23件。', 'review.contracts_reviewed')).toBeUndefined()
    expect(valueOf('年内审核合同协议23份。', 'review.contracts_reviewed')?.value).toBe(23)
  })

  it('a reach after a total over unlike kinds belongs to that total', () => {
    const result = read('开展普法宣传、防溺水、交通安全等主题讲座60余场，受益学生3万人次。')
    expect(result.values).toEqual([])
    expect(pairs('开展普法宣传活动12场，受益群众3000人次。')).toEqual([
      ['publicity.events', 12],
      ['publicity.people_reached', 3000],
    ])
  })
})

describe('what the number counts is the noun right before it', () => {
  it('a lecture or a course staff attended is no study session', () => {
    expect(valueOf('组织全局干部职工学习行政处罚法专题讲座3次。', 'study.collective_sessions')).toBeUndefined()
    expect(valueOf('党组中心组学习民法典辅导培训班2期。', 'study.center_group_sessions')).toBeUndefined()
  })

  it('a study session after a lecture is one', () => {
    expect(pairs('组织全局干部职工集中学习宪法3次。')).toEqual([['study.collective_sessions', 3]])
  })
})

describe('those who took part in publicity', () => {
  it('are the people it reached, as uncertain', () => {
    const result = read('开展渔业安全普法宣传活动9场，参与群众450余人次。')
    expect(result.values.map((x) => [x.indicator, x.value, x.confidence])).toEqual([
      ['publicity.events', 9, 'certain'],
      ['publicity.people_reached', 450, 'uncertain'],
    ])
  })

  it('not staff taking part in a course or exam', () => {
    expect(valueOf('组织依法行政专题培训3场，参加人员120人次。', 'publicity.people_reached')).toBeUndefined()
    expect(valueOf('开展普法宣传考试1次，参与干部职工60人。', 'publicity.people_reached')).toBeUndefined()
  })
})

describe('lectures for the bureau\'s own staff', () => {
  it('are their study, not publicity to the public', () => {
    expect(valueOf('局领导为机关干部开展普法讲座4场。', 'publicity.events')).toBeUndefined()
    expect(valueOf('面向本局职工举办法治宣讲2次。', 'publicity.events')).toBeUndefined()
  })

  it('lectures for the public are publicity', () => {
    expect(pairs('局领导为沿街商户开展普法讲座4场。')).toEqual([['publicity.events', 4]])
  })
})

describe('figures of the system or of another actor', () => {
  it('are not the bureau\'s own when the sentence names them as the subject', () => {
    expect(read('全区教育系统选聘法治副校长60人，全年法治副校长进校园开展法治讲座150余场次。').values).toEqual([])
    expect(read('各单位结合实际，开展普法宣传活动80场。').values).toEqual([])
    expect(pairs('本局开展普法宣传活动8场。')).toEqual([['publicity.events', 8]])
  })

  it('one audience or venue is a part of the publicity, left to the reviewer', () => {
    const result = read('全年赴驻地部队开展法律宣讲活动3次。')
    expect(result.values).toEqual([])
    expect(result.unresolved.map((u) => u.candidates)).toEqual([['publicity.events']])
    expect(pairs('开展普法进社区、进企业、进农村活动25场。')).toEqual([['publicity.events', 25]])
    // A campaign's quoted name is no venue of it.
    expect(pairs('开展“法律进工地”普法宣讲活动14场。')).toEqual([['publicity.events', 14]])
  })
})

describe('topic meetings and reviews by their kind', () => {
  it('hearing a report is no topic meeting; a meeting that studies the rule of law is', () => {
    expect(valueOf('全年专题听取依法行政工作汇报4次。', 'lead.topic_meetings')).toBeUndefined()
    expect(valueOf('全年召开局务会专题研究法治建设4次。', 'lead.topic_meetings')?.value).toBe(4)
  })

  it('decisions and documents reviewed in a breakdown are not the bureau\'s own', () => {
    const result = read('全年办理审查事项60件，其中审查规范性文件9件和重大决策事项6件。')
    expect(result.values.map((x) => x.indicator)).not.toContain('review.major_decisions')
    expect(result.values.map((x) => x.indicator)).not.toContain('review.normative_docs_issued')
  })

  it('a 中心组 count takes its topic from the clause after only when that studies the law alone', () => {
    expect(read('召开8次党组理论学习中心组学习会，认真学习习近平法治思想和总书记重要讲话精神。').values).toEqual([])
    expect(valueOf('召开8次党组理论学习中心组学习会，认真学习习近平法治思想。', 'study.center_group_sessions')?.value).toBe(8)
  })

  it('the 党组\'s own law study is the 中心组\'s, not 学法 before a 党组会', () => {
    expect(pairs('年内开展党组专题学法5次。')).toEqual([['study.center_group_sessions', 5]])
    expect(read('利用党组会会前学法5次。').values).toEqual([])
  })
})

describe('one rate for several names', () => {
  it('reads each name that is an indicator, whatever other rates are named with them', () => {
    expect(pairs('组织干部参加法律知识测试，参考率、及格率、优良率均达100%。')).toEqual([
      ['study.exam_participation_rate', 100],
      ['study.exam_pass_rate', 100],
    ])
    expect(pairs('干部网上学法，学习率、参考率、合格率实现三个100%。')).toEqual([
      ['study.exam_participation_rate', 100],
      ['study.exam_pass_rate', 100],
    ])
  })

  it('reads a pass rate stated before 通过, not a share that passed an inspection', () => {
    expect(pairs('组织执法人员参加法律知识考试，均100%通过。')).toEqual([['study.exam_pass_rate', 100]])
    expect(read('组织法治考试，申报项目100%通过验收。').values).toEqual([])
  })

  it('not when the count of values does not match the names, nor a rate of training', () => {
    expect(read('干部网上学法，参考率、合格率实现三个100%。').values).toEqual([])
    expect(valueOf('组织执法培训和考试，培训参与率100%。', 'study.exam_participation_rate')).toBeUndefined()
  })
})
