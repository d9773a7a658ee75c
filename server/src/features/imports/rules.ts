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
  /** Must occur in the sentence or in the heading or 一是-lead it sits under. */
  context?: readonly string[]
  /** None of these words may occur in the clause. */
  exclude?: readonly string[]
}

const LAW = '法治|法律|法规|学法|普法|宪法|民法典|法制|依法'
const PUBLICITY = '普法|法治宣传|法律宣传|法制宣传|宣传|宣讲|送法'
const EXAM = '考试|学法|测试|考学'

/**
 * Numbers for the catalog's count and percent indicators. Booleans and derived indicators are
 * not read from the narrative.
 */
export const VALUE_RULES: readonly ValueRule[] = [
  {
    indicator: 'lead.topic_meetings',
    units: ['次', '场'],
    clause: ['专题', '法治|依法行政|法制'],
  },
  {
    indicator: 'study.center_group_sessions',
    units: ['次', '期', '场'],
    clause: ['中心组'],
    context: [LAW],
  },
  {
    indicator: 'study.collective_sessions',
    units: ['次', '期', '场'],
    clause: ['集体学法|会前学法|集中学法|集体学习|集中学习'],
    context: [LAW],
    exclude: ['中心组'],
  },
  {
    indicator: 'study.training_person_times',
    units: ['人次'],
    clause: ['培训|考试|学法|讲座|轮训|测试|考学'],
    context: [LAW],
    exclude: ['覆盖', '惠及', '受众', '受益', '群众'],
  },
  {
    indicator: 'study.exam_participation_rate',
    units: ['%'],
    clause: ['参考率|参考比例|参考人数比例|参学率|参考人员比例'],
    context: [EXAM],
  },
  {
    indicator: 'study.exam_pass_rate',
    units: ['%'],
    clause: ['合格率|通过率|及格率'],
    context: [EXAM],
    exclude: ['抽检', '抽查', '检验', '产品', '质量'],
  },
  {
    indicator: 'review.normative_docs_issued',
    units: ['件', '份', '个'],
    clause: ['规范性文件', '制发|出台|印发|制定|发布'],
    exclude: ['审查', '审核', '清理', '废止', '修订'],
  },
  {
    indicator: 'review.normative_docs_reviewed',
    units: ['件', '份', '个'],
    clause: ['规范性文件', '审查|审核'],
    exclude: ['清理'],
  },
  {
    indicator: 'review.major_decisions',
    units: ['件', '项', '个'],
    clause: ['重大行政决策|重大决策'],
    exclude: ['审查', '审核'],
  },
  {
    indicator: 'review.major_decisions_reviewed',
    units: ['件', '项', '个'],
    clause: ['重大行政决策|重大决策', '审查|审核'],
  },
  {
    indicator: 'review.contracts_reviewed',
    units: ['件', '份', '个', '项'],
    clause: ['合同|协议', '审查|审核'],
    exclude: ['技术合同', '登记', '成交'],
  },
  {
    indicator: 'publicity.events',
    units: ['场', '场次', '次', '期'],
    clause: ['普法|法治宣传|法律宣传|法制宣传|宣讲|送法|宣传活动|宣传日|法治讲座|以案释法'],
    context: [LAW],
    exclude: ['人次', '培训'],
  },
  {
    indicator: 'publicity.people_reached',
    units: ['家', '人', '人次', '名', '户'],
    clause: ['覆盖|惠及|受众|受益|受教育'],
    context: [PUBLICITY],
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
    exclude: ['依申请', '申请公开', '执法'],
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
    clause: ['执法', '公示|公开'],
  },
  {
    indicator: 'enforcement.legal_reviews',
    units: ['件', '个', '项'],
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
