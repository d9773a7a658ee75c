/** The five contents of an annual report, recognised from their headings; kept as data like the value rules. */

export type SectionKey = 'measures' | 'shortcomings' | 'dutyPerformance' | 'nextYearPlan' | 'other'

export interface SectionRule {
  /** A heading belongs to the section when it contains one of these words… */
  cues: readonly string[]
  /**
   * Broader words that name the section only in a top-level heading; inside a section they are
   * ordinary topics ("（三）补齐执法短板" is a measure).
   */
  topLevelCues?: readonly string[]
  /** …and none of these. */
  exclude?: readonly string[]
  /** Words that name the section only when the heading also holds (or, with `unless`, lacks) one of `holders`. */
  withHolder?: { cues: readonly string[]; holders: readonly string[]; unless?: true }
  /**
   * Words that name the section in a heading below the top only when the heading also holds one of
   * `holders` and the first sentence under it names the section by its cues.
   */
  confirmedByFirstSentence?: { cues: readonly string[]; holders: readonly string[] }
}

/** Who the duty to lead the rule of law falls on: 履职 is theirs only when the heading names them. */
const DUTY_HOLDERS = ['负责人', '第一责任人', '领导', '党政']

/** The five contents of an annual report, recognised from their headings. */
export const SECTION_RULES: Record<SectionKey, SectionRule> = {
  measures: {
    cues: ['举措', '主要做法', '工作开展', '开展情况', '工作情况', '推进情况', '成效', '工作总结'],
    topLevelCues: ['做法', '成果', '进展', '新台阶', '新突破', '完成情况', '落实情况'],
    exclude: ['下一步', '下一年', '明年', '打算', '思路', '安排', '计划'],
    // "主要履职情况" is the bureau's own work.
    withHolder: { cues: ['履职情况', '履行职责情况'], holders: DUTY_HOLDERS, unless: true },
  },
  shortcomings: {
    cues: [
      '不足', '存在问题', '存在的问题', '主要问题', '问题和原因', '问题及原因', '薄弱环节', '存在的差距',
    ],
    topLevelCues: ['短板', '差距', '弱项', '困难', '问题与', '问题和', '问题及', '面临的问题', '需要改进', '有待'],
  },
  dutyPerformance: {
    cues: ['第一责任人', '主要负责人', '领导重视', '履行推进法治建设'],
    withHolder: { cues: ['履职', '履行职责'], holders: DUTY_HOLDERS },
    // "（一）压实领导干部法治建设职责" opening with the 第一责任人's duties.
    confirmedByFirstSentence: { cues: ['职责'], holders: DUTY_HOLDERS },
  },
  nextYearPlan: {
    cues: [
      '下一步', '下一年', '下步', '明年', '思路', '打算', '主要安排', '工作安排', '工作计划', '工作要点',
      '工作重点', '努力方向',
    ],
    topLevelCues: ['今后', '展望', '下阶段', '下一阶段', '谋划'],
  },
  other: {
    cues: ['其他需要报告', '其它需要报告', '其他情况', '其它情况', '其他事项', '其它事项'],
  },
}
