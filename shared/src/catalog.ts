import type { Direction, IndicatorKind } from './constants'

export const CATEGORIES = [
  { code: 'lead', name: '第一责任人职责' },
  { code: 'study', name: '学法用法' },
  { code: 'review', name: '依法决策' },
  { code: 'publicity', name: '普法宣传' },
  { code: 'disclosure', name: '政务公开' },
  { code: 'enforcement', name: '行政执法' },
  { code: 'oversight', name: '监督问责' },
  { code: 'rectification', name: '整改落实' },
] as const
export type CategoryCode = (typeof CATEGORIES)[number]['code']

export const CATEGORY_NAMES = Object.fromEntries(CATEGORIES.map((c) => [c.code, c.name])) as Record<
  CategoryCode,
  string
>

/**
 * How a derived indicator gets its value. Rates divide two input indicators; the others come from
 * data outside the values table (the submission's publication date, the rectification items).
 */
export type Derivation =
  | { from: 'ratio'; numerator: string; denominator: string }
  | { from: 'publication' }
  | { from: 'rectification.completion' }
  | { from: 'rectification.overdue' }

export interface CatalogIndicator {
  code: string
  category: CategoryCode
  name: string
  /** Unit shown next to the value; '' for booleans, '%' for percentages. */
  unit: string
  kind: IndicatorKind
  /** null for input-only counts that are not scored themselves. */
  direction: Direction | null
  defaultTarget: number | null
  defaultWeight: number
  enforcementOnly: boolean
  derivation?: Derivation
  /** The value type a derived indicator shows as: rates are percentages, flags are booleans. */
  derivedAs?: 'percent' | 'boolean' | 'count'
  /**
   * 校验规则 (see `plausibility.ts`): a value outside [plausibleMin, plausibleMax] needs a note
   * before the report can be submitted; null is no bound.
   */
  plausibleMin: number | null
  plausibleMax: number | null
  /** The smallest change that can break the year-over-year rule; null: no year-over-year rule. */
  yoyMinChange: number | null
}

type Plausibility = Pick<CatalogIndicator, 'plausibleMin' | 'plausibleMax' | 'yoyMinChange'>

/** A count's plausible range, 0 to `max` a year, and the change from last year that needs explaining. */
const plausible = (max: number, yoyMinChange: number): Plausibility => ({ plausibleMin: 0, plausibleMax: max, yoyMinChange })

/**
 * The default rules by kind. A percentage's range is its whole scale (0–100, which `valueProblem`
 * already enforces); what deserves a note is a rate falling under a third of last year's, by at
 * least 30 points. Booleans and derived indicators have no rule: 是/否 has no range and no trend,
 * and a derived value is computed by the system (its inputs, the counts, are checked instead).
 * Every count names its own range in the catalog.
 */
const PLAUSIBILITY_BY_KIND: Record<IndicatorKind, Plausibility> = {
  count: { plausibleMin: null, plausibleMax: null, yoyMinChange: null },
  percent: { plausibleMin: 0, plausibleMax: 100, yoyMinChange: 30 },
  boolean: { plausibleMin: null, plausibleMax: null, yoyMinChange: null },
  derived: { plausibleMin: null, plausibleMax: null, yoyMinChange: null },
}

const ind = (
  code: string,
  name: string,
  kind: IndicatorKind,
  unit: string,
  direction: Direction | null,
  defaultTarget: number | null,
  defaultWeight: number,
  extra: Partial<CatalogIndicator> = {},
): CatalogIndicator => ({
  code,
  category: code.split('.')[0] as CategoryCode,
  name,
  unit,
  kind,
  direction,
  defaultTarget,
  defaultWeight,
  enforcementOnly: false,
  ...PLAUSIBILITY_BY_KIND[kind],
  ...extra,
})

/**
 * The default catalog. Codes are a stable contract (imports, exports, tests, API).
 * Weights: every category gets a share by importance and the weights of all scored indicators sum
 * to 100 for a bureau with enforcement powers; input-only counts weigh 0 and feed derived rates.
 *
 * Plausible ranges are what one county bureau can do in a year: meetings and 中心组 sessions at
 * most about twice a month (24), collective study about weekly (60); normative documents and major
 * decisions a few dozen; reviewed contracts, events and enforcement reviews a few hundred; training
 * a few thousand person-times; publicity up to 200,000 people reached (a county's population);
 * disclosures and enforcement notices many thousands (a market-regulation bureau publishes every
 * case). Cases against the bureau (复议纠错, 诉讼败诉, 执法追责) are rare: more than 10 a year
 * calls for an explanation. The year-over-year minimum change is set so that the small numbers
 * these indicators usually hold (0 → 3 meetings, 1 → 4 lost suits) do not trip the 3×/⅓ rule,
 * while a real jump does.
 */
export const CATALOG: readonly CatalogIndicator[] = [
  ind('lead.topic_meetings', '党组(党委)会议专题研究法治建设次数', 'count', '次', 'higher', 2, 5, plausible(24, 4)),
  ind('lead.duty_report', '主要负责人年度述法', 'boolean', '', 'higher', 1, 4),
  ind('lead.report_published', '年度报告4月1日前向社会公开', 'derived', '', 'higher', 1, 5, {
    derivation: { from: 'publication' },
    derivedAs: 'boolean',
  }),
  ind('study.center_group_sessions', '党组理论学习中心组学法次数', 'count', '次', 'higher', 4, 4, plausible(24, 6)),
  ind('study.collective_sessions', '机关集体学法次数', 'count', '次', 'higher', 4, 4, plausible(60, 8)),
  ind('study.training_person_times', '参加法治培训、考试人次', 'count', '人次', 'higher', 10, 3, plausible(5000, 100)),
  ind('study.exam_participation_rate', '学法考试参考率', 'percent', '%', 'higher', 100, 2),
  ind('study.exam_pass_rate', '学法考试合格率', 'percent', '%', 'higher', 100, 2),
  ind('review.normative_docs_issued', '制发行政规范性文件件数', 'count', '件', null, null, 0, plausible(100, 10)),
  ind('review.normative_docs_reviewed', '规范性文件合法性审查件数', 'count', '件', null, null, 0, plausible(100, 10)),
  ind('review.normative_doc_review_rate', '规范性文件合法性审查率', 'derived', '%', 'higher', 100, 5, {
    derivation: { from: 'ratio', numerator: 'review.normative_docs_reviewed', denominator: 'review.normative_docs_issued' },
    derivedAs: 'percent',
  }),
  ind('review.major_decisions', '重大行政决策事项数', 'count', '件', null, null, 0, plausible(50, 6)),
  ind('review.major_decisions_reviewed', '重大行政决策合法性审查件数', 'count', '件', null, null, 0, plausible(50, 6)),
  ind('review.major_decision_review_rate', '重大行政决策合法性审查率', 'derived', '%', 'higher', 100, 5, {
    derivation: { from: 'ratio', numerator: 'review.major_decisions_reviewed', denominator: 'review.major_decisions' },
    derivedAs: 'percent',
  }),
  ind('review.contracts_reviewed', '合同协议合法性审查件数', 'count', '件', 'higher', 1, 3, plausible(500, 20)),
  ind('review.legal_advisor', '聘请法律顾问或设立公职律师', 'boolean', '', 'higher', 1, 3),
  ind('publicity.events', '普法宣传活动场次', 'count', '场', 'higher', 6, 4, plausible(500, 20)),
  ind('publicity.people_reached', '普法覆盖企业、群众数', 'count', '家/人次', 'higher', 100, 3, plausible(200_000, 2000)),
  ind('publicity.new_media_posts', '新媒体普法信息条数', 'count', '条', 'higher', 12, 3, plausible(5000, 50)),
  ind('disclosure.items_published', '主动公开政府信息条数', 'count', '条', 'higher', 20, 5, plausible(10_000, 100)),
  ind('disclosure.request_on_time_rate', '依申请公开按期答复率', 'percent', '%', 'higher', 100, 5),
  ind('enforcement.certified_rate', '执法人员持证上岗率', 'percent', '%', 'higher', 100, 4, { enforcementOnly: true }),
  ind('enforcement.published_items', '行政执法信息公示条数', 'count', '条', 'higher', 1, 3, { enforcementOnly: true, ...plausible(50_000, 100) }),
  ind('enforcement.legal_reviews', '重大执法决定法制审核件数', 'count', '件', 'higher', 1, 3, { enforcementOnly: true, ...plausible(500, 20) }),
  ind('enforcement.misconduct_cases', '违法或不当执法被追责件数', 'count', '件', 'lower', 0, 3, { enforcementOnly: true, ...plausible(10, 5) }),
  ind('oversight.reconsideration_corrected', '行政复议被纠错件数', 'count', '件', 'lower', 0, 3, plausible(10, 5)),
  ind('oversight.litigation_lost', '行政诉讼败诉件数', 'count', '件', 'lower', 0, 3, plausible(10, 5)),
  ind('oversight.head_appearance_rate', '行政机关负责人出庭应诉率', 'percent', '%', 'higher', 100, 3, {
    // With one or two cases a year the rate jumps between 0 and 100: no year-over-year rule.
    yoyMinChange: null,
  }),
  ind('oversight.proposals_on_time_rate', '人大建议、政协提案按期办结率', 'percent', '%', 'higher', 100, 3),
  ind('rectification.completion_rate', '整改完成率', 'derived', '%', 'higher', 100, 6, {
    derivation: { from: 'rectification.completion' },
    derivedAs: 'percent',
  }),
  ind('rectification.overdue_items', '逾期未整改事项数', 'derived', '项', 'lower', 0, 4, {
    derivation: { from: 'rectification.overdue' },
    derivedAs: 'count',
  }),
]

export const CATALOG_BY_CODE: ReadonlyMap<string, CatalogIndicator> = new Map(CATALOG.map((i) => [i.code, i]))

/** Largest count a bureau can plausibly report for one indicator in one year. */
export const MAX_COUNT = 1_000_000

/** Lower-is-better indicators with target 0 fall from attainment 1 to 0 at this many cases. */
export const LOWER_IS_BETTER_TOLERANCE = 3
