import { z } from 'zod'
import { SUBMISSION_EVENT_ACTIONS } from './constants'
import { GradeSchema, RankingRow, SummaryStatus, SummaryTotals } from './schemas'

/** How many entries each of the 工作台's short lists holds; its `count` is the whole number. */
export const WORKBENCH_LIST_SIZE = 8
/** How many of the changes since the last visit it lists; `total` is the whole number. */
export const WORKBENCH_CHANGES_SIZE = 20
/** Without a recorded visit, "since the last visit" means these last days. */
export const WORKBENCH_FIRST_VISIT_DAYS = 7
/** How many rows of the ranking a leader's 工作台 shows. */
export const WORKBENCH_TOP_RANKS = 10

const isoDate = z.string()
const link = z.string()

/** A count with the first entries (at most `WORKBENCH_LIST_SIZE`), each a task the user acts on. */
const taskList = <T extends z.ZodTypeAny>(item: T) => z.object({ count: z.number().int(), items: z.array(item) })

/** A report to act on: its bureau, status and the page that opens it. */
export const WorkbenchReport = z.object({
  submissionId: z.number().int(),
  bureauId: z.number().int(),
  bureauName: z.string(),
  /** When it was (last) submitted; null while never. */
  submittedAt: z.string().nullable(),
  /** A resubmission after a return (重新上报). */
  resubmitted: z.boolean(),
  /** The resubmission deadline of a returned report (null: none set). */
  resubmitDeadline: isoDate.nullable(),
  /** Past its resubmission deadline. */
  overdue: z.boolean(),
  link,
})
export type WorkbenchReport = z.infer<typeof WorkbenchReport>

/** A bureau that has not reported the year: days left to the due date (negative: days overdue). */
export const WorkbenchOutstanding = z.object({
  bureauId: z.number().int(),
  name: z.string(),
  status: SummaryStatus,
  daysLeft: z.number().int(),
  link,
})

/** A rectification item (整改事项) to act on. */
export const WorkbenchRectification = z.object({
  id: z.number().int(),
  bureauId: z.number().int(),
  bureauName: z.string(),
  problem: z.string(),
  deadline: isoDate,
  overdue: z.boolean(),
  link,
})

/** What comes next: the nearest deadline still ahead (today included). */
export const WORKBENCH_DEADLINE_KINDS = ['due', 'resubmit', 'publish'] as const
export const WORKBENCH_DEADLINE_LABELS: Record<(typeof WORKBENCH_DEADLINE_KINDS)[number], string> = {
  due: '年度报告上报截止',
  resubmit: '退回重报截止',
  publish: '年度报告公开截止',
}
export const WorkbenchDeadline = z.object({
  kind: z.enum(WORKBENCH_DEADLINE_KINDS),
  date: isoDate,
  daysLeft: z.number().int(),
  /** Whose deadline (a resubmission's bureau), null for the county's. */
  bureauName: z.string().nullable(),
})
export type WorkbenchDeadline = z.infer<typeof WorkbenchDeadline>

/** What changed since the last visit: report steps, comments and answers, items done, publications. */
export const WORKBENCH_CHANGE_KINDS = [...SUBMISSION_EVENT_ACTIONS, 'comment', 'answer', 'rectified', 'published'] as const
export type WorkbenchChangeKind = (typeof WORKBENCH_CHANGE_KINDS)[number]
export const WorkbenchChange = z.object({
  kind: z.enum(WORKBENCH_CHANGE_KINDS),
  /** The sentence shown: 示例县科技局 重新上报 2026 年度报告. */
  text: z.string(),
  at: z.string(),
  link: link.nullable(),
})
export type WorkbenchChange = z.infer<typeof WorkbenchChange>
export const WorkbenchChanges = z.object({
  /** The last visit (`POST /api/workbench/seen`), or the start of the first-visit window. */
  since: z.string(),
  /** When this answer was made: what `POST /api/workbench/seen` records once it has been shown. */
  asOf: z.string(),
  /** Newest first, at most `WORKBENCH_CHANGES_SIZE`. */
  items: z.array(WorkbenchChange),
  total: z.number().int(),
})

const common = { year: z.number().int(), changes: WorkbenchChanges }

export const OfficeWorkbench = z.object({
  scope: z.literal('office'),
  ...common,
  nextDeadline: WorkbenchDeadline.nullable(),
  /** Submitted or resubmitted, waiting for review. */
  reviews: taskList(WorkbenchReport),
  /** Returned, awaiting resubmission (overdue first). */
  returned: taskList(WorkbenchReport),
  /** Done by the bureau, waiting for 销号. */
  toVerify: taskList(WorkbenchRectification),
  /** Not reported, the due date ahead. */
  due: taskList(WorkbenchOutstanding),
  /** Not reported, past the due date (longest overdue first). */
  overdue: taskList(WorkbenchOutstanding),
})

/** The bureau's own standing: the ranking page's figures for it. */
export const WorkbenchStanding = z.object({
  score: z.number().nullable(),
  rank: z.number().int().nullable(),
  rankChange: z.number().int().nullable(),
  grade: GradeSchema.nullable().optional(),
  /** How many bureaus are ranked. */
  ranked: z.number().int(),
})

export const BureauWorkbench = z.object({
  scope: z.literal('bureau'),
  ...common,
  bureauId: z.number().int(),
  nextDeadline: WorkbenchDeadline.nullable(),
  /** The year's report while not reported (draft or missing); null once reported. */
  fill: z.object({ submissionId: z.number().int().nullable(), status: SummaryStatus, dueDate: isoDate, daysLeft: z.number().int(), link }).nullable(),
  /** The office's comments (批注) still unanswered on a returned or resubmitted report. */
  answer: z.object({ submissionId: z.number().int(), count: z.number().int(), link }).nullable(),
  /** The returned report to resubmit. */
  resubmit: WorkbenchReport.nullable(),
  /** Rectification items not done (overdue first). */
  rectifications: taskList(WorkbenchRectification),
  standing: WorkbenchStanding,
})

export const LeaderWorkbench = z.object({
  scope: z.literal('leader'),
  ...common,
  dueDate: isoDate,
  /** The overview's headline figures (the dashboard summary's totals), with last year's. */
  kpis: SummaryTotals.extend({ previous: SummaryTotals.extend({ year: z.number().int() }).nullable().optional() }),
  /** The top of the ranking. */
  topRanking: z.array(RankingRow),
  ranked: z.number().int(),
})

/** `GET /api/workbench?year=`: the 工作台 of the caller's role. */
export const Workbench = z.discriminatedUnion('scope', [OfficeWorkbench, BureauWorkbench, LeaderWorkbench])
export type Workbench = z.infer<typeof Workbench>
export type OfficeWorkbench = z.infer<typeof OfficeWorkbench>
export type BureauWorkbench = z.infer<typeof BureauWorkbench>
export type LeaderWorkbench = z.infer<typeof LeaderWorkbench>

/** `POST /api/workbench/seen`: the `asOf` of the answer the user was shown. */
export const WorkbenchSeenBody = z.object({ at: z.iso.datetime({ error: '请给出工作台的显示时间（ISO 时间）' }) })
export type WorkbenchSeenBody = z.infer<typeof WorkbenchSeenBody>
export const WorkbenchSeen = z.object({ seenAt: z.string() })
