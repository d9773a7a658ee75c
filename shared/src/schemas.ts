import { z } from 'zod'
import { CATEGORIES } from './catalog'
import { DIRECTIONS, INDICATOR_KINDS, NO_SUBMISSION, PENDING_FACTORS, ROLES, SUBMISSION_STATUSES } from './constants'
import { GRADES, type Rule, RULE_KINDS } from './scheme'
import type { IndicatorResult } from './scoring'

// Validation messages reach users on both sides: in Chinese.
z.config(z.locales.zhCN())

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
const categoryCode = z.enum(CATEGORIES.map((c) => c.code) as [string, ...string[]])
const categoryMap = z.record(z.string(), z.number().nullable())

export const ErrorResponse = z.object({ statusCode: z.number(), error: z.string(), message: z.string() })

export const LoginBody = z.object({
  username: z.string().trim().min(1, '请输入用户名').max(64),
  password: z.string().min(1, '请输入密码').max(256),
})
export type LoginBody = z.infer<typeof LoginBody>

export const User = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  bureauId: z.number().int().nullable(),
  /**
   * The region whose pages the account sees by default: the one an office or leader account is bound
   * to (`bindsRegion`), a bureau account's bureau's region; null: the whole installation (an account
   * bound to no region, the administrators).
   */
  regionId: z.number().int().nullable(),
  /** Set for accounts created or reset by an administrator: every other request is refused until changed. */
  mustChangePassword: z.boolean(),
})
export type User = z.infer<typeof User>

/**
 * The signed-in user plus the CSRF token the client sends back in the x-csrf-token header, and what
 * the session still needs: a second-factor code (`verify`), an enrolment (`enrol`), or nothing (null);
 * `totpEnrolled` says whether the account has a confirmed second factor (the account menu offers enrolment otherwise).
 */
export const SessionInfo = User.extend({
  csrfToken: z.string(),
  pendingFactor: z.enum(PENDING_FACTORS).nullable(),
  totpEnrolled: z.boolean(),
  /** Whether the account speaks for the whole installation (`BureauScope.installationWide`); false: the installation's settings are read-only to it (`can`). */
  installationWide: z.boolean(),
})
export type SessionInfo = z.infer<typeof SessionInfo>

export const ChangePasswordBody = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
})

export const Health = z.object({ status: z.literal('ok') })
/** For actions named by their URL alone: a body is refused rather than silently ignored. */
export const NoBody = z.union([z.undefined(), z.null()], { error: '该操作不接受请求体' })
export const Ok = z.object({ ok: z.literal(true) })

/**
 * The largest id a row can have: PostgreSQL's keys are `integer`s (SQLite's count up from 1 too). A
 * larger id names no row and is refused with the request's other mistakes: PostgreSQL would fail the
 * query on it ("out of range for type integer") instead of finding nothing.
 */
export const MAX_ROW_ID = 2_147_483_647
/** A row's id in a body. */
export const RowId = z.number().int().positive().max(MAX_ROW_ID)
/** A row's id in a path or a query string, which arrive as text. */
export const QueryRowId = z.coerce.number().int().positive().max(MAX_ROW_ID)

/**
 * Optimistic concurrency: an edit names the version of the record it read; a stale one gets 409
 * and changes nothing. PUT bodies carry `version`; DELETE, which has no body, takes `?version=`.
 */
export const Version = z.number({ error: '缺少版本号 version，请刷新后重试' }).int().positive()
export const VersionQuery = z.object({ version: z.coerce.number({ error: '缺少版本号 version，请刷新后重试' }).int().positive() })

export const Cycle = z.object({
  year: z.number().int(),
  dueDate: isoDate,
  publishDeadline: isoDate,
  locked: z.boolean(),
  /** The due date has passed: the year can be judged. */
  due: z.boolean(),
  /** Optimistic concurrency: a deadline change names it; every change bumps it. */
  version: z.number().int(),
})
export type Cycle = z.infer<typeof Cycle>

export const Bureau = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  shortName: z.string(),
  type: z.string(),
  regionId: z.number().int(),
  regionName: z.string(),
  hasEnforcement: z.boolean(),
  /** Not abolished or merged: no last year (activeUntil) is set. */
  active: z.boolean(),
  // Defaults: figures published before bureaus had these still read.
  /** The bureau's category in the 考核 scheme (执法部门 …): which indicators apply to it. */
  category: z.string().nullable().default(null),
  /** The years the bureau exists (reports for): from, and until (null: still exists). */
  activeFrom: z.number().int().default(2000),
  activeUntil: z.number().int().nullable().default(null),
  /** The bureau it was merged into: its history reads under the successor. */
  successorId: z.number().int().nullable().default(null),
  version: z.number().int().default(1),
})
export type Bureau = z.infer<typeof Bureau>

export const GradeSchema = z.enum(GRADES)

const rulePoints = z.number({ error: '扣分或加分应为数字' }).positive('扣分或加分应大于0').max(100, '扣分或加分不能超过100分')
const ruleCap = z.number({ error: '扣分上限应为数字' }).positive('扣分上限应大于0').max(100, '扣分上限不能超过100分').nullable()
/** An indicator's scoring rule (`Rule` in scheme.ts). */
export const RuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('attainment') }),
  z.object({ kind: z.literal('perUnit'), points: rulePoints, cap: ruleCap }),
  z.object({ kind: z.literal('perPercentPoint'), points: rulePoints }),
  z.object({ kind: z.literal('perViolation'), points: rulePoints, cap: ruleCap }),
  z.object({ kind: z.literal('bonus'), points: rulePoints }),
  z.object({ kind: z.literal('veto'), threshold: z.number().min(0).max(1_000_000), gradeCap: GradeSchema }),
])

const yearParam = z.coerce
  .number({ error: (issue) => (issue.input === undefined ? '缺少年度参数 year' : '年度参数 year 应为数字') })
  .int('年度应为整数')
  .min(2000, '年度超出范围')
  .max(2100, '年度超出范围')
export const YearQuery = z.object({ year: yearParam })
export const OptionalYearQuery = z.object({ year: yearParam.optional() })
export const IdParams = z.object({ id: QueryRowId })
/**
 * A region of the hierarchy: the dashboard then covers that region and every region below it.
 * Without it, every active bureau.
 */
const regionParam = z.coerce
  .number({ error: '地区参数 regionId 应为数字' })
  .int('地区参数 regionId 应为整数')
  .positive('地区参数 regionId 应为正整数')
  .max(MAX_ROW_ID, '地区参数 regionId 超出范围')
/** A published version of a year's results (定稿, numbered from 1 per year); without it, the live figures. */
export const resultVersionParam = z.coerce
  .number({ error: '版本参数 version 应为正整数' })
  .int('版本参数 version 应为正整数')
  .positive('版本参数 version 应为正整数')
/** The dashboard's year, optionally narrowed to one region (summary, ranking, a bureau's overview), or one published version of it. */
export const DashboardQuery = z.object({ year: yearParam, regionId: regionParam.optional(), version: resultVersionParam.optional() })
/** An export's year, live or one published version, and the region its rows cover (default: the caller's own). */
export const ExportQuery = z.object({ year: yearParam, version: resultVersionParam.optional(), regionId: regionParam.optional() })
/** A year's list read for a region (the 催报 list; default: the caller's own region). */
export const RegionYearQuery = z.object({ year: yearParam, regionId: regionParam.optional() })
export const TrendsQuery = z
  .object({
    from: z.coerce.number().int().min(2000).max(2100).optional(),
    to: z.coerce.number().int().min(2000).max(2100).optional(),
    regionId: regionParam.optional(),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, '起始年度不能晚于结束年度')

export const Indicator = z.object({
  code: z.string(),
  category: categoryCode,
  categoryName: z.string(),
  name: z.string(),
  unit: z.string(),
  kind: z.enum(INDICATOR_KINDS),
  derivedAs: z.enum(['percent', 'boolean', 'count']).nullable(),
  direction: z.enum(DIRECTIONS).nullable(),
  target: z.number().nullable(),
  /** Points (分值) in the year's scheme. */
  weight: z.number(),
  enforcementOnly: z.boolean(),
  /** Bureau categories it applies to; null: all. */
  appliesTo: z.array(z.string()).nullable(),
  rule: RuleSchema,
  /** The rule in words, as the 考核细则 states it. */
  ruleText: z.string(),
  /** 校验规则: the plausible range (null: no bound) and the year-over-year rule's minimum change (null: none). */
  plausibleMin: z.number().nullable(),
  plausibleMax: z.number().nullable(),
  yoyMinChange: z.number().nullable(),
  /** 需佐证材料: a value counts only with an evidence file attached; submitting refuses without. */
  evidenceRequired: z.boolean().default(false),
})
export type Indicator = z.infer<typeof Indicator>

export const RectificationSummary = z.object({
  total: z.number().int(),
  notStarted: z.number().int(),
  inProgress: z.number().int(),
  /** Marked 已完成 by the bureau, waiting for the office's verification (待销号); not overdue, not done. */
  pending: z.number().int(),
  /** Verified by the office (已销号): the done count of 整改完成率. */
  done: z.number().int(),
  overdue: z.number().int(),
  /** done (verified) ÷ total, 0..1; null without items. */
  completionRate: z.number().nullable(),
})
export type RectificationSummary = z.infer<typeof RectificationSummary>

export const SummaryStatus = z.enum([...SUBMISSION_STATUSES, NO_SUBMISSION])
export type SummaryStatus = z.infer<typeof SummaryStatus>

export const SummaryBureau = z.object({
  bureauId: z.number().int(),
  code: z.string(),
  name: z.string(),
  shortName: z.string(),
  type: z.string(),
  status: SummaryStatus,
  /** The latest submission (a resubmission after a return moves it). */
  submittedAt: z.string().nullable(),
  /** The first submission: lateness is measured from the due date to it. */
  firstSubmittedAt: z.string().nullable(),
  /** 按时上报 by the one rule (`isReportOnTime`); null while not reported. */
  onTime: z.boolean().nullable(),
  /** Days late: from the due date to the first submission (to now while none). */
  daysOverdue: z.number().int(),
  score: z.number().nullable(),
  completion: z.number().nullable(),
  fillRate: z.number().nullable(),
  rank: z.number().int().nullable(),
  /** The rank is shared (并列) (optional: versions published before ties were shared have none, and no ties). */
  tied: z.boolean().optional(),
  rankChange: z.number().int().nullable(),
  /** The year's grade (等次) by the scheme: thresholds, veto, 优秀 quota; null while unranked. */
  grade: GradeSchema.nullable().optional(),
  categories: categoryMap,
  rectification: RectificationSummary,
})
export type SummaryBureau = z.infer<typeof SummaryBureau>

export const CategoryAverage = z.object({ code: categoryCode, name: z.string(), averageAttainment: z.number().nullable() })

/** A scope's totals for one year: the head of the summary, one point of the trend. */
export const SummaryTotals = z.object({
  expected: z.number().int(),
  reported: z.number().int(),
  onTime: z.number().int(),
  reportingRate: z.number(),
  onTimeRate: z.number(),
  averageScore: z.number().nullable(),
  rectification: RectificationSummary,
  categories: z.array(CategoryAverage),
})
export type SummaryTotals = z.infer<typeof SummaryTotals>

export const Summary = z.object({
  year: z.number().int(),
  dueDate: isoDate,
  ...SummaryTotals.shape,
  /** The same scope's totals of the year before (what the headline figures compare with); null without that cycle. */
  previous: SummaryTotals.extend({ year: z.number().int() }).nullable().optional(),
  // Last, so that a cached summary can be spliced together from per-bureau fragments.
  bureaus: z.array(SummaryBureau),
})
export type Summary = z.infer<typeof Summary>

/**
 * What a caller who sees only their own bureau's details (no `allBureaus`) reads of another bureau's
 * summary entry. DOMAIN.md: a bureau sees every bureau's name, score and rank, and only its own details.
 */
export const PublicSummaryBureau = SummaryBureau.pick({ bureauId: true, code: true, name: true, shortName: true, type: true, score: true, rank: true, tied: true, rankChange: true, grade: true })
export type PublicSummaryBureau = z.infer<typeof PublicSummaryBureau>
/** The summary as the route answers it: the office and leaders read every entry whole (`Summary`); a bureau user its own entry whole and every other one public. */
export const SummaryResponse = Summary.extend({ bureaus: z.array(z.union([SummaryBureau, PublicSummaryBureau])) })
export type SummaryResponse = z.infer<typeof SummaryResponse>

/**
 * A row of the county ranking. Every business reader reads the ranking, but a caller who sees only
 * their own bureau's details (no `allBureaus`) reads another bureau's row without the fields marked
 * "detail" (DOMAIN.md: every bureau's name, score and rank, only its own details).
 */
export const RankingRow = z.object({
  rank: z.number().int(),
  /** The rank is shared (并列) (optional: versions published before ties were shared have none, and no ties). */
  tied: z.boolean().optional(),
  previousRank: z.number().int().nullable(),
  rankChange: z.number().int().nullable(),
  bureauId: z.number().int(),
  code: z.string(),
  name: z.string(),
  shortName: z.string(),
  type: z.string(),
  score: z.number(),
  /** Detail. */
  completion: z.number().optional(),
  /** Detail: reported on time by the one rule; a late report is marked 逾期 wherever the ranking is shown. */
  onTime: z.boolean().optional(),
  /** The grade (等次) (optional: versions published before rules). */
  grade: GradeSchema.optional(),
  /** Detail: the bonus and late deduction inside `score` (optional also in versions published before rules). */
  bonus: z.number().optional(),
  deduction: z.number().optional(),
  /** Detail. */
  categories: categoryMap.optional(),
})
export type RankingRow = z.infer<typeof RankingRow>
/** Another bureau's ranking row as a caller who sees only their own bureau's details reads it. */
export const PublicRankingRow = RankingRow.pick({ rank: true, tied: true, previousRank: true, rankChange: true, bureauId: true, code: true, name: true, shortName: true, type: true, score: true, grade: true })
export const Ranking = z.object({
  year: z.number().int(),
  rows: z.array(RankingRow),
  /** Active bureaus without a submitted report: listed, unranked. */
  unreported: z.array(z.object({ bureauId: z.number().int(), code: z.string(), name: z.string() })),
})
export type Ranking = z.infer<typeof Ranking>

export const OverviewIndicator = z.object({
  code: z.string(),
  category: categoryCode,
  name: z.string(),
  unit: z.string(),
  kind: z.enum(INDICATOR_KINDS),
  derivedAs: z.enum(['percent', 'boolean', 'count']).nullable(),
  direction: z.enum(DIRECTIONS).nullable(),
  value: z.number().nullable(),
  target: z.number().nullable(),
  weight: z.number(),
  applicable: z.boolean(),
  filled: z.boolean(),
  attainment: z.number().nullable(),
  met: z.boolean(),
  pointsAvailable: z.number(),
  /** The rule's result in a sentence ("少1次，扣0.3分"); the rule in words (optional: versions published before rules). */
  explanation: z.string().nullable().optional(),
  ruleText: z.string().optional(),
  /** The rule's kind: a bonus item (加分项) or a veto stands apart from the base score (optional: versions published before rules). */
  ruleKind: z.enum(RULE_KINDS).optional(),
  /**
   * The county figure it is compared with, over the reported bureaus it applies to: the mean value;
   * for 整改完成率 the county rate (items pooled, as the summary's); null for 是/否 indicators.
   */
  countyAverage: z.number().nullable(),
  /** 是/否 indicators: how many of the reported bureaus it applies to answered 是 (`yes` of `of`); null for others. */
  countyYes: z.object({ yes: z.number().int(), of: z.number().int() }).nullable(),
})
export type OverviewIndicator = z.infer<typeof OverviewIndicator>

/** An indicator's county figure: see `OverviewIndicator.countyAverage` and `countyYes`. */
export interface CountyFigure {
  average: number | null
  yes: { yes: number; of: number } | null
}

/** One indicator of a bureau page: the year's definition, the bureau's result (none without a submission) and the average it is compared with. */
export function overviewIndicator(
  ind: Pick<OverviewIndicator, 'code' | 'category' | 'name' | 'unit' | 'kind' | 'derivedAs' | 'direction' | 'target' | 'weight'> & { ruleText: string; rule: Rule },
  result: IndicatorResult | undefined,
  county: CountyFigure | null,
): OverviewIndicator {
  return {
    code: ind.code,
    category: ind.category,
    name: ind.name,
    unit: ind.unit,
    kind: ind.kind,
    derivedAs: ind.derivedAs,
    direction: ind.direction,
    value: result?.value ?? null,
    target: ind.target,
    weight: ind.weight,
    applicable: result?.applicable ?? false,
    filled: result?.filled ?? false,
    attainment: result?.attainment ?? null,
    met: result?.met ?? false,
    pointsAvailable: result?.pointsAvailable ?? 0,
    explanation: result?.explanation ?? null,
    ruleText: ind.ruleText,
    ruleKind: ind.rule.kind,
    countyAverage: county?.average ?? null,
    countyYes: county?.yes ?? null,
  }
}

export const BureauOverview = z.object({
  year: z.number().int(),
  bureau: Bureau,
  status: SummaryStatus,
  submittedAt: z.string().nullable(),
  score: z.number().nullable(),
  completion: z.number().nullable(),
  fillRate: z.number().nullable(),
  rank: z.number().int().nullable(),
  /** The rank is shared (并列) (optional: versions published before ties were shared have none, and no ties). */
  tied: z.boolean().optional(),
  rankChange: z.number().int().nullable(),
  rankedCount: z.number().int(),
  /** Under the year's rules (optional: versions published before rules): grade, base score, bonus, late deduction, and each in a sentence. */
  grade: GradeSchema.nullable().optional(),
  baseScore: z.number().nullable().optional(),
  bonus: z.number().nullable().optional(),
  deduction: z.number().nullable().optional(),
  adjustments: z.array(z.object({ kind: z.enum(['bonus', 'late', 'veto']), points: z.number(), text: z.string() })).optional(),
  indicators: z.array(OverviewIndicator),
  categories: z.array(
    z.object({ code: categoryCode, name: z.string(), attainment: z.number().nullable(), countyAverage: z.number().nullable() }),
  ),
  rankHistory: z.array(
    z.object({
      year: z.number().int(),
      rank: z.number().int().nullable(),
      score: z.number().nullable(),
      /** A year before a merge: the merged bureau (前身) whose rank and score these are; optional: published versions lack it. */
      predecessor: z.string().nullable().optional(),
    }),
  ),
  ledgerCounts: z.object({ studySessions: z.number().int(), legalityReviews: z.number().int(), publicityEvents: z.number().int() }),
  rectification: RectificationSummary,
})
export type BureauOverview = z.infer<typeof BureauOverview>

export const TrendYear = z.object({
  year: z.number().int(),
  expected: z.number().int(),
  reported: z.number().int(),
  reportingRate: z.number(),
  onTimeRate: z.number(),
  averageScore: z.number().nullable(),
  rectificationCompletionRate: z.number().nullable(),
  categories: categoryMap,
})
export type TrendYear = z.infer<typeof TrendYear>
export const Trends = z.object({ years: z.array(TrendYear) })
export type Trends = z.infer<typeof Trends>

export const VerticalQuery = z.object({
  year: yearParam,
  regionId: regionParam.optional(),
  type: z.string().trim().min(1).max(64).optional(),
})

/** One bureau type compared across regions (e.g. every 科技局 of a city). */
export const Vertical = z.object({
  year: z.number().int(),
  /** Bureau types present in more than one region: the ones worth comparing. */
  types: z.array(z.string()),
  type: z.string().nullable(),
  rows: z.array(
    z.object({
      regionId: z.number().int(),
      regionName: z.string(),
      bureauId: z.number().int(),
      name: z.string(),
      status: SummaryStatus,
      score: z.number().nullable(),
      completion: z.number().nullable(),
      /** Rank among the reported bureaus of this type. */
      typeRank: z.number().int().nullable(),
      categories: categoryMap,
    }),
  ),
})
export type Vertical = z.infer<typeof Vertical>
/** What a caller who sees only their own bureau's details reads of another bureau's row of the vertical view (see `PublicSummaryBureau`). */
export const PublicVerticalRow = Vertical.shape.rows.element.pick({ regionId: true, regionName: true, bureauId: true, name: true, score: true, typeRank: true })
export type PublicVerticalRow = z.infer<typeof PublicVerticalRow>
/** The vertical view as the route answers it (see `SummaryResponse`). */
export const VerticalResponse = Vertical.extend({ rows: z.array(z.union([Vertical.shape.rows.element, PublicVerticalRow])) })
export type VerticalResponse = z.infer<typeof VerticalResponse>

/**
 * Who changed a record since the version a stale save read: the 409 of an edit carries it as
 * `changedBy` (null when the audit log names nobody), so that the client can tell the user's own
 * other window or tab from another person.
 */
export const ChangedBy = z.object({ userId: z.number().int().nullable(), name: z.string().nullable(), at: z.string() })
export type ChangedBy = z.infer<typeof ChangedBy>
