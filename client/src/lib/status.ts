import { SUBMISSION_STATUS_LABELS, type SummaryStatus } from '@fazhi/shared'

/** Submission status as a reader sees it; `missing` means no submission at all. */
export const STATUS_LABELS: Record<SummaryStatus, string> = { ...SUBMISSION_STATUS_LABELS, missing: '未填报' }

/** An indicator or category that does not apply to a bureau (e.g. 行政执法 without enforcement powers). */
export const NOT_APPLICABLE = '不适用'
