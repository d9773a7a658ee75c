/**
 * The import rules, kept as data so the office can read and extend them.
 *
 * Word lists: an entry 'a|b' is satisfied by either word; every entry of a list must be satisfied.
 */

/** Units a value may be written in. '%' also covers '％' and 百分之…. */
export type Unit = '人次' | '场次' | '场' | '次' | '期' | '家' | '人' | '名' | '户' | '条' | '篇' | '件' | '份' | '项' | '个' | '起' | '%'

export const UNITS: readonly Unit[] = [
  '人次', '场次', '场', '次', '期', '家', '人', '名', '户', '条', '篇', '件', '份', '项', '个', '起', '%',
]

/** Words around a number that mark it as approximate ("300余家", "近200条", "约50人"). */
export const APPROX_BEFORE = ['约', '近', '将近', '接近', '大约', '逾', '超过']
export const APPROX_AFTER = ['余', '多']
export const APPROX_AFTER_UNIT = ['以上', '左右']

/** Rates ("每半年1次") become yearly counts. */
export const PER_PERIOD: Record<string, number> = { 每月: 12, 每个月: 12, 每季度: 4, 每季: 4, 每半年: 2, 每年: 1 }

export interface ValueRule {
  indicator: string
  units: readonly Unit[]
  /** Must occur in the clause that holds the number (between commas, up to the next number). */
  clause: readonly string[]
  /**
   * What is counted ('中心组'): in the number's clause, or carried from the previous clause of the
   * same sentence when the number's own clause names no subject ("完善中心组学法机制，年内组织学法7次").
   */
  subject?: string
  /** What the number's own clause must say when its subject is carried ('学法|学习'). */
  activity?: string
  /** Must occur in the sentence or in the heading or 一是-lead it sits under. */
  context?: readonly string[]
  /** None of these words may occur in the clause (nor in a subject carried into it). */
  exclude?: readonly string[]
  /** Why every value this rule reads is uncertain (zh), e.g. persons read as person-times. */
  uncertain?: string
  /**
   * What the counted sessions are about ('学法|法治'): in the number's clause or the subject carried
   * into it; else, read as uncertain, in the clause after the number's when that one holds no number
   * and studies it ("召开中心组学习会10次，学习宪法"), or, when the number's sentence names none of it,
   * in an earlier sentence of the paragraph that says the subject studies it.
   */
  topic?: string
  /** None of these may end the words right before the number: they name what it counts ("学习…专题讲座1次"). */
  notCounted?: readonly string[]
  /** None of these may occur anywhere in the number's clause, not only in the words naming it. */
  clauseExclude?: readonly string[]
  /**
   * Words earlier in the sentence that make the number another actor's or the whole system's
   * ("全县教育系统……，法治副校长进校园开展讲座220场").
   */
  scope?: readonly string[]
  /**
   * Words naming one audience or venue: a count for one of them alone is a part of the indicator,
   * not its whole ("深入驻地开展宣讲活动2次"); several of them listed are the whole.
   */
  partial?: readonly string[]
  /**
   * Counts a whole made of kinds (讲座, 展览, 考试…): a number for one kind, in a sentence that first
   * announces a series of unstated size ("开展一系列普法活动，举办讲座2场"), is not the whole.
   */
  series?: boolean
}

const LAW = '法治|法律|法规|学法|普法|宪法|民法典|法制|依法'
const PUBLICITY = '普法|法治宣传|法律宣传|法制宣传|宣传|宣讲|送法'
const EXAM = '考试|学法|测试|考学|参考率'
/** Reviews that are not the legality review of the bureau's own documents and contracts. */
const OTHER_REVIEWS = ['公平竞争', '备案', '清理']
/** Figures for the schools, units or towns of the whole system, not the bureau's own. */
const SYSTEM_WIDE = ['系统', '各学校', '各校', '中小学', '各乡镇', '各单位', '所属', '辖区', '直属', '法治副校长']
/** The same, said earlier in the sentence as its subject. */
const SCOPE = ['全系统', '教育系统', '系统内', '全县', '全区', '全市', '各学校', '各校', '各乡镇', '各单位', '各部门', '法治副校长']
/** One audience or venue of publicity. */
const VENUES = [
  '进校园', '进学校', '进社区', '进企业', '进乡村', '进农村', '进机关', '进军营', '进家庭', '进单位', '进工地', '进景区', '进市场',
  '驻地', '军营', '部队',
]
/** A law's name (行政诉讼法, 《…条例》) names the law as what is studied. */
export const LAW_NAME = /(?:法|条例|规定|办法)》?$/
/** Several kinds of meeting or body: a count after a list of them is their total ("通过党组会、中心组学法12次"). */
export const MEETING_BODIES: readonly string[] = [
  '党组', '党委', '中心组', '局务会', '办公会', '支部', '职工大会', '干部大会', '例会', '班子会',
]
/** The bureau's own staff as the audience ("为干部职工开展普法讲座"): their study, not publicity to the public. */
const OWN_STAFF = ['为干部职工', '为全体干部', '为机关干部', '为全局', '为局机关', '为本局', '为全委', '面向干部职工', '面向全局', '面向机关', '面向本局', '给干部职工']
/** Things counted that are not study sessions: a number right after them counts them ("专题讲座1次"). */
const NOT_SESSIONS = ['讲座', '培训', '考试', '测试', '竞赛', '宣讲']
/** Money is never a count. */
const MONEY = ['万元', '元', '资金', '经费']

/**
 * Words that name a subject of their own: a clause holding one does not take its subject from the
 * clause before it.
 */
export const SUBJECT_WORDS: readonly string[] = [
  '中心组', '集体', '会前', '集中', '机关', '全体', '干部', '职工', '党组会', '会议', '讲座', '培训', '活动', '考试', '宣传',
]

/**
 * Words that sum several kinds of activity ("学习、讲座和培训等20场", "……，共计20场"): after a list,
 * only the words following them name what is counted.
 */
export const TOTAL_WORDS: readonly string[] = ['等', '共计', '合计', '总计', '累计', '共']
/** A clause opening with these counts a part of the number before it ("…20场，其中线上6场"). */
export const PART_WORDS: readonly string[] = ['其中']

/**
 * Words announcing a series of activities of unstated size. A number in a later clause of the same
 * sentence that names one kind of activity (SERIES_KINDS) counts that kind only, unless the words
 * from the series to the number name the series' whole (WHOLE_WORDS): then it is the series' own
 * total ("开展系列普法活动，共举办讲座、咨询等活动12场").
 */
export const SERIES_WORDS: readonly string[] = [
  '一系列', '系列活动', '系列宣传', '系列普法', '系列主题', '多项', '多种形式', '形式多样', '丰富多彩', '多场', '多类',
]
export const SERIES_KINDS: readonly string[] = [
  '讲座', '讲堂', '展览', '展板', '咨询', '竞赛', '答题', '问答', '演出', '座谈', '考试', '测试',
  '进校园', '进社区', '进企业', '进乡村', '进农村', '进机关', '进家庭', '进万家',
]
export const WHOLE_WORDS: readonly string[] = ['活动']

/** What separates the items of a list inside a clause (not 及 in 及时, 及格率). */
export const LIST_SEPARATORS = /、|和|以及|及(?![时格])/

/**
 * Numbers for the catalog's count and percent indicators. Derived rates are not read from the
 * narrative; yes/no indicators and zero statements are in STATEMENT_RULES.
 */
export const VALUE_RULES: readonly ValueRule[] = [
  {
    indicator: 'lead.topic_meetings',
    units: ['次', '场'],
    // "专题听取法治工作汇报" is hearing a report, not a meeting on the rule of law.
    clause: ['专题', '法治|依法行政|法制', '研究|会议|会|部署'],
    exclude: ['讲座', '培训', '学习', '学法', '宣讲', '宣传', '辅导', '讲堂', '活动', '述法'],
  },
  {
    indicator: 'study.center_group_sessions',
    units: ['次', '期', '场', '场次'],
    clause: [],
    topic: LAW,
    // The 党组's own law study is its 中心组's ("党组专题学法3次"); not 学法 before a 党组会 (会前学法).
    subject: '中心组|党组专题学法|党组学法',
    activity: '学法|学习',
    // "中心组、支部会和职工大会会前学法13次" is a total over several bodies.
    exclude: ['集体', '会前', '支部', '大会', '干部职工'],
    notCounted: NOT_SESSIONS,
  },
  {
    indicator: 'study.collective_sessions',
    units: ['次', '期', '场', '场次'],
    clause: ['学'],
    subject: '集体学法|集中学法|集体学习|集中学习|全体干部|干部职工|全局干部|机关干部',
    activity: '学法|学习',
    context: [LAW],
    exclude: ['中心组', ...SYSTEM_WIDE],
    notCounted: NOT_SESSIONS,
    scope: SCOPE,
  },
  {
    // "组织开展法律法规专题学习6次": the bureau organising its staff's study of the laws.
    indicator: 'study.collective_sessions',
    units: ['次', '期', '场', '场次'],
    clause: ['组织', '学习', '法律法规|法律知识'],
    exclude: [
      ...['中心组', '会前', '党组', '班子', '领导', '支部', '讲座', '宣讲', '普法', '宣传', '培训', '考试', '群众', '企业', ...SYSTEM_WIDE],
      // Study of the laws together with other subjects is not a count of law study.
      ...['业务', '政治', '理论', '党纪', '廉政'],
    ],
    uncertain: '按“组织学习法律法规”读作机关集体学法',
  },
  {
    indicator: 'study.training_person_times',
    series: true,
    units: ['人次'],
    clause: ['培训|考试|学法|讲座|轮训|测试|考学|参训|参考'],
    context: [LAW],
    exclude: ['覆盖', '惠及', '受众', '受益', '群众', ...SYSTEM_WIDE],
    scope: SCOPE,
  },
  {
    // "组织20名干部参加法治考试": one exam or course, so persons are person-times.
    indicator: 'study.training_person_times',
    series: true,
    units: ['人', '名'],
    clause: ['参加|参训|参考', '培训|考试|测试|考学|答题'],
    context: [LAW],
    exclude: ['覆盖', '惠及', '受众', '受益', '群众', '次', ...SYSTEM_WIDE],
    scope: SCOPE,
    uncertain: '报告所述为人数，按人次读出',
  },
  {
    indicator: 'study.exam_participation_rate',
    units: ['%'],
    clause: ['参考率|参考比例|参考人数比例|参考人员比例|参考人数占比|参与率|参加率'],
    context: [EXAM],
    // "培训参与率" is taking part in training; "培训考试" is an exam.
    exclude: ['培训参与', '培训率', '参训', '活动'],
  },
  {
    // "法律测试覆盖率100%": the share of staff who sat the test.
    indicator: 'study.exam_participation_rate',
    units: ['%'],
    clause: ['覆盖率', '考试|测试|考学'],
  },
  {
    indicator: 'study.exam_pass_rate',
    units: ['%'],
    clause: ['合格率|通过率|及格率'],
    context: [EXAM],
    exclude: ['抽检', '抽查', '检验', '产品', '质量', '案卷', '评查'],
  },
  {
    // "参加学法考试，均100%通过": the rate stated before the verb.
    indicator: 'study.exam_pass_rate',
    units: ['%'],
    clause: ['通过|合格'],
    context: [EXAM],
    exclude: ['率', '抽检', '抽查', '检验', '产品', '质量', '案卷', '评查', '验收', '审查', '审核', '评审', '检查', '考核', '平台', '网'],
  },
  {
    indicator: 'review.normative_docs_issued',
    units: ['件', '份', '个'],
    clause: ['规范性文件', '制发|出台|印发|制定|发布'],
    exclude: ['废止', '修订', ...OTHER_REVIEWS],
    // "其中审查规范性文件17件和重大决策11件": reviews, wherever in the clause the review is said.
    clauseExclude: ['审查', '审核'],
  },
  {
    indicator: 'review.normative_docs_reviewed',
    units: ['件', '份', '个'],
    clause: ['规范性文件', '审查|审核'],
    exclude: OTHER_REVIEWS,
  },
  {
    indicator: 'review.major_decisions',
    units: ['件', '项', '个'],
    clause: ['重大行政决策|重大决策'],
    exclude: ['目录', ...OTHER_REVIEWS],
    clauseExclude: ['审查', '审核'],
  },
  {
    indicator: 'review.major_decisions_reviewed',
    units: ['件', '项', '个'],
    clause: ['重大行政决策|重大决策', '审查|审核'],
    exclude: OTHER_REVIEWS,
  },
  {
    indicator: 'review.contracts_reviewed',
    units: ['件', '份', '个', '项'],
    clause: ['合同|协议', '审查|审核'],
    // "审查合同及文件11件" counts contracts together with documents.
    exclude: ['技术合同', '登记', '成交', '文件', ...OTHER_REVIEWS, ...MONEY],
  },
  {
    indicator: 'publicity.events',
    series: true,
    units: ['场', '场次', '次', '期'],
    clause: ['普法|法治宣传|法律宣传|法制宣传|宣讲|送法|宣传活动|宣传日|法治讲座|以案释法'],
    context: [LAW],
    exclude: ['人次', '培训', ...SYSTEM_WIDE, ...OWN_STAFF],
    scope: SCOPE,
    partial: VENUES,
  },
  {
    indicator: 'publicity.people_reached',
    units: ['家', '人', '人次', '名', '户'],
    clause: ['覆盖|惠及|受众|受益|受教育'],
    context: [PUBLICITY],
  },
  {
    // "开展普法宣传活动20场，参与群众800人次": those who took part in the publicity, not staff in a course.
    indicator: 'publicity.people_reached',
    units: ['人', '人次', '名'],
    clause: ['参与|参加', '人员|群众|人数'],
    context: [PUBLICITY],
    exclude: ['干部', '职工', '执法人员', '党员'],
    scope: ['培训', '考试', '测试', '考学', '学法', '干部', '职工', '执法人员', '党员', '竞赛', '比赛'],
    uncertain: '按“参与人员”读作普法受众',
  },
  {
    indicator: 'publicity.new_media_posts',
    units: ['条', '篇', '期'],
    clause: ['微信|公众号|新媒体|微博|抖音|视频号|网站|头条', '普法|法治|法律'],
    exclude: ['公开'],
  },
  {
    indicator: 'disclosure.items_published',
    units: ['条', '件'],
    clause: ['公开', '信息|政务|文件'],
    exclude: ['申请', '执法', '处罚', '许可', '双公示'],
  },
  {
    indicator: 'disclosure.request_on_time_rate',
    units: ['%'],
    clause: ['依申请|申请公开', '按期|按时|及时|答复率'],
  },
  {
    indicator: 'enforcement.certified_rate',
    units: ['%'],
    clause: ['持证'],
    context: ['执法'],
  },
  {
    indicator: 'enforcement.published_items',
    units: ['条', '件'],
    clause: ['执法|行政处罚|行政许可|行政检查|双公示', '公示|公开'],
  },
  {
    indicator: 'enforcement.legal_reviews',
    units: ['件', '个', '项', '次'],
    clause: ['法制审核|法制审查'],
  },
  {
    indicator: 'enforcement.misconduct_cases',
    units: ['件', '起'],
    clause: ['执法', '追责|问责'],
  },
  {
    indicator: 'oversight.reconsideration_corrected',
    units: ['件', '起'],
    clause: ['复议', '纠错|纠正|撤销|变更|确认违法'],
  },
  {
    indicator: 'oversight.litigation_lost',
    units: ['件', '起'],
    clause: ['败诉'],
  },
  {
    indicator: 'oversight.head_appearance_rate',
    units: ['%'],
    clause: ['出庭'],
  },
  {
    indicator: 'oversight.proposals_on_time_rate',
    units: ['%'],
    clause: ['建议|提案', '办结|答复|按期|按时'],
  },
]

/**
 * A count that also gives another: "制发规范性文件2件，均经合法性审查" → 2 reviewed. The clause after
 * the number's, in the same sentence and without a number of its own, must hold every entry.
 */
export interface FollowingRule {
  from: string
  to: string
  next: readonly string[]
}

const ALL_OF_THEM = '均|全部|全都|一律'
export const FOLLOWING_RULES: readonly FollowingRule[] = [
  { from: 'review.normative_docs_issued', to: 'review.normative_docs_reviewed', next: [ALL_OF_THEM, '合法性审查|合法性审核'] },
  { from: 'review.major_decisions', to: 'review.major_decisions_reviewed', next: [ALL_OF_THEM, '合法性审查|合法性审核'] },
]

/**
 * Facts stated without a number: 是 for a yes/no indicator ("聘请律师担任法律顾问"), 0 for a count
 * the report says did not occur in the year ("本年度无行政复议被纠错案件"). Absence proves nothing.
 */
export interface StatementRule {
  indicator: string
  /** 1 (是) for a yes/no indicator, 0 for "none this year", 100 for a rate stated as "全部". */
  value: number
  /** Must occur in one clause, in this order (each entry a pattern, 'a|b' either word). */
  clause: readonly string[]
  /** Must occur in the sentence. */
  sentence?: readonly string[]
  /** None of these may occur in the clause. */
  exclude?: readonly string[]
  /** None of these may occur in the clause before the statement: another body is its subject ("县政府聘请…"). */
  notBefore?: readonly string[]
}

/** Retaining or engaging someone. */
const ENGAGE = '聘请|聘任|聘用|外聘|选聘|续聘|签约|签订|引入|配备|设立|建立'
const ADVISOR = '法律顾问|公职律师|顾问律师|常年律师'
/** The government or another unit as the subject of a statement. */
const OTHER_BODY = ['政府', '各单位', '各乡镇', '各学校']

/** In a statement's clause, 'NONE' stands for a negation: 无, 未发生, 零 … (statements.ts). */
const NONE = 'NONE'
/** A number in a clause with these words is an intention, not a result ("计划开展普法活动30场"). */
export const PLAN_WORDS: readonly string[] = ['计划', '拟', '力争', '争取', '目标', '确保', '将', '预计', '下一步', '明年']
/** Intentions, duties and rules: not what happened. */
export const NOT_A_FACT: readonly string[] = [...PLAN_WORDS, '要求', '应当', '防止', '避免', '杜绝', '尚未', '不够', '不足']
/** A statement about several years is not one about the reported year. */
export const SEVERAL_YEARS: readonly string[] = ['近三年', '近两年', '近五年', '近年', '历年', '连续', '多年', '以来', '至今']
/** "今年以来" is the reported year. */
export const THIS_YEAR_SO_FAR = /今年以来|本年度以来|年初以来/g
/** A year named in the text ("2022年"): a number next to another year than the report's is not of its year. */
export const YEAR_MENTION = /(?<![0-9])(20[0-9]{2})\s*年/g

export const STATEMENT_RULES: readonly StatementRule[] = [
  // The bureau retains an advisor: saying what advisors do ("发挥法律顾问作用", "法律顾问参与决策")
  // or naming the county government's advisor says nothing of the bureau's own.
  {
    // "聘请律师事务所律师担任法律顾问", "配备一名工作人员作为兼职法律顾问", "建立公职律师制度";
    // not a list of systems ("建立健全决策制度、法律顾问咨询制度").
    indicator: 'review.legal_advisor',
    value: 1,
    clause: [`(?:${ENGAGE})(?:(?!制度|机制)[^，,；;。]){0,30}?(?:${ADVISOR})`],
    notBefore: OTHER_BODY,
  },
  {
    indicator: 'review.legal_advisor',
    value: 1,
    clause: [`担任(?:常年|专职|兼职)?(?:${ADVISOR})`],
    notBefore: OTHER_BODY,
  },
  {
    // "我局法律顾问", "发挥局法律顾问作用": the bureau's own advisor.
    indicator: 'review.legal_advisor',
    value: 1,
    clause: [`(?:我|本|分|发挥|邀请|组织)(?:局|委|办)的?(?:${ADVISOR})`],
  },
  {
    // "聘请1名律师指导执法"; a lawyer retained for one case ("聘请律师代理诉讼") is not an advisor.
    indicator: 'review.legal_advisor',
    value: 1,
    clause: [`(?:${ENGAGE})[^，,；;。、]{0,8}?律师`],
    notBefore: OTHER_BODY,
    exclude: ['代理', '诉讼', '应诉', '案件', '仲裁', '调解'],
  },
  {
    indicator: 'lead.duty_report',
    value: 1,
    clause: ['述法'],
    sentence: ['主要负责人|主要领导|局长|主任|书记|一把手|第一责任人|班子'],
    // "听取下属单位负责人述法", "组织70名单位主要负责人述法" are others' 述法.
    exclude: ['制度', '机制', '纳入', '听取', '下属', '所属', '单位', '部门', '各', '全县', '全区', '全市', '乡镇', '名'],
  },
  {
    indicator: 'lead.report_published',
    value: 1,
    clause: ['报告', '已|向社会|予以|可以在|可在|可从', '公开|公布|发布|公示|下载|查阅'],
    sentence: ['本年度报告|本报告|法治政府建设情况报告|法治政府建设年度报告'],
  },
  {
    indicator: 'review.normative_docs_issued',
    value: 0,
    clause: [NONE, '制定|制发|出台|印发', '规范性文件'],
  },
  {
    indicator: 'oversight.reconsideration_corrected',
    value: 0,
    clause: ['复议', NONE, '纠错|纠正|撤销|变更|确认违法'],
    // "复议决定未被法院撤销": the decisions the bureau took as the reconsideration organ.
    exclude: ['复议决定', '法院'],
  },
  {
    indicator: 'oversight.reconsideration_corrected',
    value: 0,
    clause: [NONE, '复议', '纠错|纠正|撤销|变更|确认违法'],
  },
  {
    // No reconsideration case at all: none corrected.
    indicator: 'oversight.reconsideration_corrected',
    value: 0,
    clause: [NONE, '复议', '案'],
  },
  {
    indicator: 'oversight.litigation_lost',
    value: 0,
    clause: [NONE, '败诉'],
  },
  {
    indicator: 'oversight.litigation_lost',
    value: 0,
    clause: [NONE, '诉讼', '案'],
  },
  {
    indicator: 'enforcement.misconduct_cases',
    value: 0,
    clause: [NONE, '执法|职权', '追责|问责|过错|违法|违纪|违规|不当|越权|滥用'],
  },
  {
    // "执法人员全部持证上岗".
    indicator: 'enforcement.certified_rate',
    value: 100,
    clause: ['执法', '全部|全员|均|一律', '持证'],
  },
]
