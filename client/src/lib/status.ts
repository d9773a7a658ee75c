import { REPORTED_STATUSES, SUBMISSION_STATUS_LABELS, type SummaryStatus } from '@fazhi/shared'

/** Submission status as a reader sees it; `missing` means no submission at all. */
export const STATUS_LABELS: Record<SummaryStatus, string> = { ...SUBMISSION_STATUS_LABELS, missing: '未填报' }

/** Submitted and approved reports count for 上报率 and ranking; drafts and returned ones do not. */
export const isReportedStatus = (status: SummaryStatus) => (REPORTED_STATUSES as readonly string[]).includes(status)

/** An indicator or category that does not apply to a bureau (e.g. 行政执法 without enforcement powers). */
export const NOT_APPLICABLE = '不适用'
