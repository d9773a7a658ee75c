import { NO_SUBMISSION, REPORTED_STATUSES, type SubmissionStatus } from './constants'
import type { SummaryStatus } from './schemas'

/** A database row's submission status (`null`: no submission) as the API reports it. */
export const summaryStatusOf = (status: SubmissionStatus | null | undefined): SummaryStatus => status ?? NO_SUBMISSION

/** Submitted and approved reports count for 上报率 and ranking; drafts, returned ones and no report do not. */
export const isReported = (status: SummaryStatus | null | undefined) => status != null && (REPORTED_STATUSES as readonly string[]).includes(status)
