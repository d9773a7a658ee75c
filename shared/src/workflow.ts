import { z } from 'zod'
import { type CatalogIndicator, MAX_COUNT } from './catalog'
import {
  RECTIFICATION_STATUSES,
  SUBMISSION_EVENT_ACTIONS,
  SUBMISSION_STATUS_LABELS,
  SUBMISSION_STATUSES,
  type SubmissionStatus,
  VALUE_SOURCES,
} from './constants'
import { appliesToBureau, isBaseRule, type Rule } from './scheme'
import { FLAG_KINDS } from './plausibility'
import { LEDGER_TEXT_MAX, LEDGER_TYPES, LEDGERS, type LedgerFieldDef, type LedgerFieldDefs, type LedgerType } from './ledgers'
import { QueryRowId, RowId, SummaryStatus, Version } from './schemas'

// ---------------------------------------------------------------------------------------------
// Common pieces
// ---------------------------------------------------------------------------------------------

/** A real calendar date (2026-02-30 is refused), written YYYY-MM-DD. */
export const CalendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`)
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s)
  }, '日期无效')

/** Query strings and path parameters arrive as text; bodies must send numbers. */
const QueryYear = z.coerce.number().int().min(2000).max(2100)
const Year = z.number().int().min(2000).max(2100)
const Count = z.number().int('应为整数').min(0, '不能为负数').max(MAX_COUNT - 1)
const text = (max: number, required?: string) =>
  required ? z.string().trim().min(1, required).max(max) : z.string().trim().max(max)

export const YearParams = z.object({ year: QueryYear })

// ---------------------------------------------------------------------------------------------
// Submissions: state machine
// ---------------------------------------------------------------------------------------------

export const SUBMISSION_ACTIONS = ['submit', 'return', 'approve', 'reopen'] as const
export type SubmissionAction = (typeof SUBMISSION_ACTIONS)[number]

/**
 * Allowed transitions. Reopen sends an approved submission back to draft (not to submitted), so
 * the bureau can edit it and must submit it again.
 */
export const SUBMISSION_TRANSITIONS: Record<SubmissionAction, { from: readonly SubmissionStatus[]; to: SubmissionStatus; label: string }> = {
  submit: { from: ['draft', 'returned'], to: 'submitted', label: '上报' },
  return: { from: ['submitted'], to: 'returned', label: '退回' },
  approve: { from: ['submitted'], to: 'approved', label: '审核通过' },
  reopen: { from: ['approved'], to: 'draft', label: '重新打开' },
}

/** Statuses in which a bureau may still change values, ledgers and the draft itself. */
export const EDITABLE_STATUSES: readonly SubmissionStatus[] = ['draft', 'returned']

/** Why a submission in `status` cannot be edited, or null when it can. */
export function readOnlyReason(status: SubmissionStatus): string | null {
  if (status === 'approved') return '已审核的填报为只读，如需修改请联系依法治县办重新打开'
  if (status === 'submitted') return '已上报的填报不能修改，如需修改请联系依法治县办退回'
  return null
}

/** Why the publication of an approved report cannot change (the client shows it beside the read-only form). */
export const APPROVED_PUBLICATION_MESSAGE = '报告已审核通过，公开网址和公开日期不能修改；如需修改请联系依法治县办重新打开'

export const transitionRefusal = (status: SubmissionStatus, action: SubmissionAction) =>
  `当前状态为「${SUBMISSION_STATUS_LABELS[status]}」，不能${SUBMISSION_TRANSITIONS[action].label}`

export const LOCKED_CYCLE_MESSAGE = '该年度已锁定，不能修改'

// ---------------------------------------------------------------------------------------------
// Submissions: values
// ---------------------------------------------------------------------------------------------

type IndicatorRules = Pick<CatalogIndicator, 'code' | 'name' | 'kind' | 'enforcementOnly'>

/**
 * Why `value` is not acceptable for `indicator`, or null when it is. Derived indicators are never
 * written; null ("no value") is fine for every other kind. Shared by the entry form and the API.
 */
export function valueProblem(indicator: IndicatorRules, value: number | boolean | null): string | null {
  const name = `「${indicator.name}」`
  if (indicator.kind === 'derived') return `${name}由系统自动计算，不能填报`
  if (value === null) return null
  switch (indicator.kind) {
    case 'boolean':
      return typeof value === 'boolean' ? null : `${name}应填“是”或“否”`
    case 'percent':
      return typeof value === 'number' && value >= 0 && value <= 100 ? null : `${name}应为 0–100 之间的百分比`
    case 'count':
      return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < MAX_COUNT
        ? null
        : `${name}应为小于 ${MAX_COUNT} 的非负整数`
  }
}

/** A bureau as the fill rules see it: which indicators apply to it. */
export type FillBureau = { hasEnforcement: boolean; category?: string | null }

/** What the fill rules read of an indicator. */
type FillIndicator = Pick<CatalogIndicator, 'kind' | 'enforcementOnly'> & { appliesTo?: readonly string[] | null; rule?: Rule }

/** Whether a bureau must fill an indicator: not derived, applies to it (enforcement powers, its category), and not a bonus item or veto (left empty: not claimed, not triggered). */
export const isRequiredFor = (indicator: FillIndicator, bureau: FillBureau) =>
  indicator.kind !== 'derived' && isBaseRule(indicator.rule) && appliesToBureau(indicator, bureau)

/** Applicable indicators a bureau must fill (`isRequiredFor`). */
export const requiredIndicators = <T extends FillIndicator>(indicators: readonly T[], bureau: FillBureau) => indicators.filter((i) => isRequiredFor(i, bureau))

export interface FillState {
  value: number | null
  notApplicable: boolean
  note: string | null
}

/** The fill rules for submitting: each required indicator has a value, or is 不适用 with a note. */
export function fillProblems<T extends FillIndicator & Pick<CatalogIndicator, 'code' | 'name'>>(
  indicators: readonly T[],
  values: ReadonlyMap<string, FillState>,
  bureau: FillBureau,
): { missing: T[]; notApplicableWithoutNote: T[] } {
  const missing: T[] = []
  const notApplicableWithoutNote: T[] = []
  for (const ind of requiredIndicators(indicators, bureau)) {
    const v = values.get(ind.code)
    if (v?.notApplicable) {
      if (!v.note?.trim()) notApplicableWithoutNote.push(ind)
    } else if (v?.value == null) missing.push(ind)
  }
  return { missing, notApplicableWithoutNote }
}

/** The longest note (备注) a value may carry. */
export const VALUE_NOTE_MAX = 1000

export const SubmissionValueInput = z.object({
  indicator: z.string().min(1).max(64),
  /** A boolean for boolean indicators, a number otherwise; null clears the value. */
  value: z.union([z.number(), z.boolean()]).nullish(),
  /** Omitted: keep the stored note. null or '': clear it. */
  note: z.string().trim().max(VALUE_NOTE_MAX).nullish(),
  notApplicable: z.boolean().optional(),
  /** 'import' when the value was accepted from an imported annual report; typed values are 'manual'. */
  source: z.enum(['manual', 'import']).optional(),
})
export type SubmissionValueInput = z.infer<typeof SubmissionValueInput>

export const SubmissionCreateBody = z.object({
  year: Year,
  /** Required for the office; a bureau user's own bureau is implied. */
  bureauId: RowId.optional(),
})

export const SubmissionListQuery = z.object({
  year: QueryYear.optional(),
  bureauId: QueryRowId.optional(),
  status: z.enum(SUBMISSION_STATUSES).optional(),
})

export const SubmissionSaveBody = z.object({
  version: Version,
  values: z.array(SubmissionValueInput).max(200),
})
export type SubmissionSaveBody = z.infer<typeof SubmissionSaveBody>

export const ReturnBody = z.object({
  reason: text(500, '请填写退回原因'),
  /** The date (China time) by which the bureau must resubmit; omitted: 5 working days after the return. */
  resubmitDeadline: CalendarDate.optional(),
})
export type ReturnBody = z.infer<typeof ReturnBody>

export const PublicationBody = z.object({
  publishedUrl: z.url({ protocol: /^https?$/, error: '公开网址应为 http:// 或 https:// 开头的网址' }).max(500),
  publishedAt: CalendarDate,
})

export const SubmissionListRow = z.object({
  id: z.number().int(),
  bureauId: z.number().int(),
  bureauCode: z.string(),
  bureauName: z.string(),
  year: z.number().int(),
  status: z.enum(SUBMISSION_STATUSES),
  version: z.number().int(),
  /** The latest submission (a resubmission moves it). */
  submittedAt: z.string().nullable(),
  /** The first submission, never overwritten: lateness is measured to it. */
  firstSubmittedAt: z.string().nullable(),
  approvedAt: z.string().nullable(),
  returnReason: z.string().nullable(),
  /** How many times the office returned the report. */
  returnCount: z.number().int(),
  publishedUrl: z.string().nullable(),
  publishedAt: z.string().nullable(),
  updatedAt: z.string(),
  /** Values that break a plausibility rule (校验规则), explained or not: the reviewer looks at them first. */
  flagCount: z.number().int(),
  /** Threads the office started (批注) that the caller may see: the reviewer looks at them first. */
  commentCount: z.number().int(),
})
export type SubmissionListRow = z.infer<typeof SubmissionListRow>

export const SubmissionValue = z.object({
  indicator: z.string(),
  value: z.union([z.number(), z.boolean()]).nullable(),
  note: z.string().nullable(),
  source: z.enum(VALUE_SOURCES),
  notApplicable: z.boolean(),
  updatedAt: z.string(),
  /** Display name of whoever last changed the value. */
  updatedBy: z.string().nullable(),
})
export type SubmissionValue = z.infer<typeof SubmissionValue>

/** One step of a submission's review history (流转记录). */
export const SubmissionHistoryEntry = z.object({
  /** The step's id: a return's comments (批注) name it as their `eventId`. */
  id: z.number().int(),
  action: z.enum(SUBMISSION_EVENT_ACTIONS),
  at: z.string(),
  /** Display name of whoever took the step. */
  by: z.string().nullable(),
  /** A return's reason. */
  reason: z.string().optional(),
  /** A return's resubmission deadline (a date, China time). */
  resubmitDeadline: z.string().optional(),
})
export type SubmissionHistoryEntry = z.infer<typeof SubmissionHistoryEntry>
/** A value that breaks a plausibility rule (`plausibilityFlags`). */
export const SubmissionFlag = z.object({
  indicator: z.string(),
  kind: z.enum(FLAG_KINDS),
  message: z.string(),
  /** The value has a note explaining it. */
  noted: z.boolean(),
})
export type SubmissionFlag = z.infer<typeof SubmissionFlag>

export const SubmissionDetail = z.object({
  id: z.number().int(),
  bureauId: z.number().int(),
  bureauName: z.string(),
  hasEnforcement: z.boolean(),
  /** The bureau's category in the scheme: which indicators apply to it. */
  bureauCategory: z.string().nullable(),
  year: z.number().int(),
  status: z.enum(SUBMISSION_STATUSES),
  version: z.number().int(),
  /** The latest submission (a resubmission moves it). */
  submittedAt: z.string().nullable(),
  /** The first submission, never overwritten: lateness is measured to it. */
  firstSubmittedAt: z.string().nullable(),
  /** Returns answered after their deadline (any makes the report late). */
  lateResubmissions: z.number().int(),
  /** While returned: the date (China time) by which the bureau must resubmit. */
  resubmitDeadline: z.string().nullable(),
  approvedAt: z.string().nullable(),
  /** Display name of the approver. */
  approvedBy: z.string().nullable(),
  returnReason: z.string().nullable(),
  publishedUrl: z.string().nullable(),
  publishedAt: z.string().nullable(),
  updatedAt: z.string(),
  /** The cycle is locked: nothing can change. */
  locked: z.boolean(),
  /** Values can be saved now (open cycle, draft or returned). */
  editable: z.boolean(),
  values: z.array(SubmissionValue),
  /** The ledger roll-up of every ledger-fed indicator, shown next to a manual override. */
  ledgerValues: z.record(z.string(), z.number()),
  /** Codes that would block submitting: no value, or 不适用 without a note. */
  missing: z.array(z.string()),
  /** The review history (流转记录), oldest first. */
  history: z.array(SubmissionHistoryEntry),
  /** Last year's reported values, by code: what the year-over-year rule compares with. */
  previousValues: z.record(z.string(), z.number()),
  /** Values that break a plausibility rule; one without a note blocks submitting. */
  flags: z.array(SubmissionFlag),
})
export type SubmissionDetail = z.infer<typeof SubmissionDetail>

// ---------------------------------------------------------------------------------------------
// Ledgers (台账)
// ---------------------------------------------------------------------------------------------

/** A ledger field's request schema: a select takes only its options, a count a whole number. */
type FieldSchema<F extends LedgerFieldDef> = F extends { kind: 'count' }
  ? typeof Count
  : F extends { kind: 'select'; options: infer O extends readonly [string, ...string[]] }
    ? z.ZodEnum<{ [K in O[number]]: K }>
    : z.ZodString
/** As stored, the select columns come back as plain text (the database CHECKs hold them to the options). */
type StoredSchema<F extends LedgerFieldDef> = F extends { kind: 'count' } ? z.ZodNumber : z.ZodString

const fieldSchema = (def: LedgerFieldDef) =>
  def.kind === 'count' ? Count : def.kind === 'select' ? z.enum(def.options) : text(LEDGER_TEXT_MAX, `请填写${def.label}`)

const mapFields = (fields: LedgerFieldDefs, schemaOf: (def: LedgerFieldDef) => z.ZodType) =>
  Object.fromEntries(Object.entries(fields).map(([name, def]) => [name, schemaOf(def)]))

/** A bureau-year a request acts on: the office names the bureau, a bureau user's own is implied. */
export const BureauYearBody = z.object({ year: Year, bureauId: RowId.optional() })
export const LedgerQuery = z.object({ year: QueryYear.optional(), bureauId: QueryRowId.optional() })

/** One ledger kind's schemas: the editable fields, the PUT body (fields + version), the POST body (fields + year + bureauId?) and the row. */
function ledgerSchemas<F extends LedgerFieldDefs>(defs: F) {
  const fields = z.object({ date: CalendarDate, ...mapFields(defs, fieldSchema) }) as z.ZodObject<
    { date: typeof CalendarDate } & { [K in keyof F]: FieldSchema<F[K]> }
  >
  const row = z.object({
    id: z.number().int(),
    bureauId: z.number().int(),
    year: z.number().int(),
    date: z.string(),
    version: z.number().int(),
    createdAt: z.string(),
    ...mapFields(defs, (def) => (def.kind === 'count' ? z.number().int() : z.string())),
  }) as z.ZodObject<
    { id: z.ZodNumber; bureauId: z.ZodNumber; year: z.ZodNumber; date: z.ZodString; version: z.ZodNumber; createdAt: z.ZodString } & {
      [K in keyof F]: StoredSchema<F[K]>
    }
  >
  return { fields, update: fields.extend({ version: Version }), create: fields.extend(BureauYearBody.shape), row }
}

type LedgerSchemas<T extends LedgerType> = ReturnType<typeof ledgerSchemas<(typeof LEDGERS)[T]['fields']>>

export const LEDGER_SCHEMAS = Object.fromEntries(LEDGER_TYPES.map((type) => [type, ledgerSchemas(LEDGERS[type].fields)])) as {
  [T in LedgerType]: LedgerSchemas<T>
}

export type LedgerRow<T extends LedgerType> = z.infer<LedgerSchemas<T>['row']>

// ---------------------------------------------------------------------------------------------
// Rectification items (整改事项)
// ---------------------------------------------------------------------------------------------

/** A stored status, or a stage: overdue, 待销号 (`pending`) or 已销号 (`verified`). */
export const RectificationStatusFilter = z.enum([...RECTIFICATION_STATUSES, 'overdue', 'pending', 'verified'])

const rectificationShape = {
  problem: text(1000, '请填写问题'),
  measure: text(1000).default(''),
  owner: text(100).default(''),
  deadline: CalendarDate,
  status: z.enum(RECTIFICATION_STATUSES).default('not_started'),
  completedAt: CalendarDate.nullish(),
  evidence: text(2000).nullish(),
  sourceYear: z.number().int().min(2000).max(2100).nullish(),
}
type RectificationShape = { status: string; completedAt?: string | null; evidence?: string | null }
const completedIffDone = (r: RectificationShape) => (r.status === 'done') === (r.completedAt != null)
const COMPLETED_IFF_DONE = { message: '状态为“已完成”时须填写完成日期，未完成的事项不填完成日期', path: ['completedAt'] }
/** 已完成 needs evidence: the office verifies (销号) an item against it. */
const evidenceIfDone = (r: RectificationShape) => r.status !== 'done' || Boolean(r.evidence)
const EVIDENCE_IF_DONE = { message: '状态为“已完成”时须填写整改佐证（如整改报告、制度文件、会议纪要），供依法治县办核验销号', path: ['evidence'] }
const withItemRules = <T extends z.ZodType<RectificationShape>>(schema: T) => schema.refine(completedIffDone, COMPLETED_IFF_DONE).refine(evidenceIfDone, EVIDENCE_IF_DONE)

export const RectificationFields = withItemRules(z.object(rectificationShape))
export type RectificationFields = z.infer<typeof RectificationFields>
export const RectificationUpdateBody = withItemRules(z.object({ ...rectificationShape, version: Version }))
export type RectificationUpdateBody = z.infer<typeof RectificationUpdateBody>
export const RectificationCreateBody = withItemRules(z.object({ ...rectificationShape, year: Year, bureauId: RowId.optional() }))
export const RectificationBatchBody = z.object({
  year: Year,
  bureauId: RowId.optional(),
  /**
   * The imported annual report the problems come from: the items then belong to the year after the
   * report's year (`year` must say so) and name the report as their source.
   */
  sourceImportId: RowId.optional(),
  items: z.array(RectificationFields).min(1, '请至少选择一项').max(100),
})
/** The office's verification (销号): approve, or send the item back with a reason (退回重改). */
export const RectificationVerifyBody = z
  .object({
    approve: z.boolean(),
    reason: text(500).optional(),
    /** The version the office looked at; a change since then gets 409. */
    version: Version.optional(),
  })
  .refine((b) => b.approve || Boolean(b.reason), { message: '请填写退回原因', path: ['reason'] })
export type RectificationVerifyBody = z.infer<typeof RectificationVerifyBody>
export const RectificationQuery = z.object({
  year: QueryYear.optional(),
  bureauId: QueryRowId.optional(),
  status: RectificationStatusFilter.optional(),
})

export const RectificationItem = z.object({
  id: z.number().int(),
  bureauId: z.number().int(),
  bureauName: z.string(),
  year: z.number().int(),
  sourceYear: z.number().int().nullable(),
  problem: z.string(),
  measure: z.string(),
  owner: z.string(),
  deadline: z.string(),
  status: z.enum(RECTIFICATION_STATUSES),
  completedAt: z.string().nullable(),
  evidence: z.string().nullable(),
  /** 销号: when the office verified the done item (null: not verified), and who (display name). */
  verifiedAt: z.string().nullable(),
  verifiedBy: z.string().nullable(),
  /** Why the office sent the item back (退回重改); cleared when the bureau marks it done again. */
  returnReason: z.string().nullable(),
  /** The imported annual report the problem was taken from. */
  sourceImportId: z.number().int().nullable(),
  version: z.number().int(),
  /** Derived: not done and past the deadline (China time). */
  overdue: z.boolean(),
  /** The same problem was tracked for this bureau the year before. */
  repeated: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
})
export type RectificationItem = z.infer<typeof RectificationItem>

export const CarryOverCandidate = z.object({
  /** The previous year's item this one continues. */
  fromItemId: z.number().int(),
  problem: z.string(),
  measure: z.string(),
  owner: z.string(),
  /** Suggested: the end of the new year; the user may change it before confirming. */
  deadline: z.string(),
  status: z.enum(RECTIFICATION_STATUSES),
  sourceYear: z.number().int().nullable(),
})
export const CarryOver = z.object({
  year: z.number().int(),
  bureauId: z.number().int(),
  candidates: z.array(CarryOverCandidate),
})
export type CarryOver = z.infer<typeof CarryOver>

// ---------------------------------------------------------------------------------------------
// Cycles and reminders
// ---------------------------------------------------------------------------------------------

export const CycleCreateBody = z.object({
  year: Year,
  /** Default: 1 March of year + 1. */
  dueDate: CalendarDate.optional(),
  /** Default: 1 April of year + 1. */
  publishDeadline: CalendarDate.optional(),
})
export const CycleUpdateBody = z.object({ dueDate: CalendarDate, publishDeadline: CalendarDate, version: Version })

/** How many days before the due date a bureau that has not reported starts seeing a reminder. */
export const REMINDER_WINDOW_DAYS = 14

/**
 * Why a bureau is on the 催报 list: not reported (no submission, returned, draft) or reported after
 * the due date. In this order among bureaus equally overdue: the furthest from a report first.
 */
export const CHASE_REASON_CODES = ['missing', 'returned', 'draft', 'late'] as const
export type ChaseReason = (typeof CHASE_REASON_CODES)[number]

export const ChaseRow = z.object({
  bureauId: z.number().int(),
  code: z.string(),
  name: z.string(),
  status: SummaryStatus,
  reason: z.enum(CHASE_REASON_CODES),
  daysOverdue: z.number().int(),
  /** The first submission (days late are measured to it); null while not reported. */
  submittedAt: z.string().nullable(),
})
export type ChaseRow = z.infer<typeof ChaseRow>

export const CountyReminders = z.object({
  scope: z.literal('county'),
  year: z.number().int(),
  dueDate: z.string(),
  /** Not submitted yet (no submission, draft or returned), with days past the due date (0 before it). */
  outstanding: z.array(
    z.object({
      bureauId: z.number().int(),
      code: z.string(),
      name: z.string(),
      status: SummaryStatus,
      daysOverdue: z.number().int(),
    }),
  ),
  /** Reported, but after the due date. */
  late: z.array(
    z.object({
      bureauId: z.number().int(),
      code: z.string(),
      name: z.string(),
      /** The first submission (days late are measured to it). */
      submittedAt: z.string().nullable(),
      daysOverdue: z.number().int(),
    }),
  ),
  /** Both lists as one, longest overdue first: what the overview and the 催报 page show. */
  chase: z.array(ChaseRow),
})
export const BureauReminder = z.object({
  scope: z.literal('bureau'),
  year: z.number().int(),
  bureauId: z.number().int(),
  dueDate: z.string(),
  status: SummaryStatus,
  /** Calendar days (China time) until the due date: 0 on the day, negative after it. */
  daysLeft: z.number().int(),
  /** Past the due date and not reported. */
  overdue: z.boolean(),
  /** Show a banner: not reported and the due date is within REMINDER_WINDOW_DAYS or past. */
  remind: z.boolean(),
})
export const Reminders = z.discriminatedUnion('scope', [CountyReminders, BureauReminder])
export type Reminders = z.infer<typeof Reminders>
