import { chinaDate, endOfChinaDay } from './chinaTime'

// Deadline rules, the same on the server and in the browser. Every deadline is a calendar date that
// holds through its last second in China time.

const DAY_MS = 86_400_000

/** The instant a cycle's due date ends: submissions up to the end of that day (China time) are on time. */
export const endOfDueDate = endOfChinaDay

export const isOnTime = (submittedAt: string | null, dueDate: string) =>
  submittedAt !== null && new Date(submittedAt) <= endOfDueDate(dueDate)

/** The due date (or deadline) has ended by `now`. */
export const isPastDue = (dueDate: string, now: Date) => now > endOfDueDate(dueDate)

/** What the on-time rule reads of a report: its first submission and how many returns were answered late. */
export interface ReportTiming {
  firstSubmittedAt: string | null
  lateResubmissions: number
}

/**
 * 按时上报, the one rule: the first submission was by the due date, and every return was answered
 * by the resubmission deadline the office set when returning it. A return alone never makes an
 * on-time report late.
 */
export const isReportOnTime = (t: ReportTiming, dueDate: string) => isOnTime(t.firstSubmittedAt, dueDate) && t.lateResubmissions === 0

/**
 * A resubmission answers its return late when it comes after the end of the resubmission deadline
 * day, and after the due date too: a report back in by the due date is in on time, whatever deadline
 * a return set (a bureau that reported early is not held to a stricter date than the others).
 */
export const isAnswerLate = (resubmittedAt: string, resubmitDeadline: string, dueDate: string) =>
  !isOnTime(resubmittedAt, resubmitDeadline) && !isOnTime(resubmittedAt, dueDate)

/** Days late, measured from the due date to the first submission (to `now` while nothing was submitted). */
export const daysLate = (firstSubmittedAt: string | null, dueDate: string, now: Date) =>
  daysOverdue(dueDate, firstSubmittedAt ? new Date(firstSubmittedAt) : now)

/** Working days the office gives a bureau to answer a return, unless it sets another deadline. */
export const RESUBMIT_WORKING_DAYS = 5

/**
 * The calendar date `days` working days after `date` (YYYY-MM-DD). Working days are Monday to
 * Friday: no holiday calendar (法定节假日 and 调休 workdays) is available offline, so the office
 * adjusts the date in the return dialog around public holidays.
 */
export function addWorkingDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`)
  for (let left = days; left > 0; ) {
    d.setUTCDate(d.getUTCDate() + 1)
    const weekday = d.getUTCDay()
    if (weekday !== 0 && weekday !== 6) left--
  }
  return d.toISOString().slice(0, 10)
}

/** The default resubmission deadline of a return made at `returnedAt`: 5 working days after its China date. */
export const defaultResubmitDeadline = (returnedAt: Date | string) => addWorkingDays(chinaDate(returnedAt), RESUBMIT_WORKING_DAYS)

/** Why a resubmission deadline set at `now` is refused, or null. Today (China time) is allowed. */
export const resubmitDeadlineProblem = (deadline: string, now: Date) => (deadline < chinaDate(now) ? '重报期限不能早于今天' : null)

/** Whole days past the due date at `at` (0 if not past). */
export function daysOverdue(dueDate: string, at: Date): number {
  const diff = at.getTime() - endOfDueDate(dueDate).getTime()
  return diff > 0 ? Math.ceil(diff / DAY_MS) : 0
}

/** China calendar days from `now` to the due date: 0 on the due day, negative once it has passed. */
export const daysUntilDue = (dueDate: string, now: Date) => Math.round((Date.parse(dueDate) - Date.parse(chinaDate(now))) / DAY_MS)

/** A rectification item is overdue when it is not done and its deadline (a date, China time) has passed. */
export const isOverdue = (status: string, deadline: string, now: Date) => status !== 'done' && isPastDue(deadline, now)

/** A rectification item found in a year is to be done by the end of that year unless set otherwise. */
export const defaultRectificationDeadline = (year: number) => `${year}-12-31`

/** The annual report was made public (a calendar date) by the publication deadline. */
export const isPublishedOnTime = (publishedAt: string | null, publishDeadline: string) => publishedAt !== null && publishedAt <= publishDeadline

/**
 * Why a publication date (a calendar date) of a year-`year` report is refused at `now`, or null: the
 * report covers the whole year, so it cannot be public before the year ended, nor on a day to come.
 */
export function publicationDateProblem(year: number, publishedAt: string, now: Date): string | null {
  if (publishedAt < `${year + 1}-01-01`) return `公开日期不能早于 ${year + 1}-01-01（${year} 年度结束后才能公开年度报告）`
  if (publishedAt > chinaDate(now)) return '公开日期不能晚于今天'
  return null
}

/** Default deadlines (《督察工作规定》): report by 1 March, publish by 1 April of the following year. */
export const defaultDeadlines = (year: number) => ({ dueDate: `${year + 1}-03-01`, publishDeadline: `${year + 1}-04-01` })

/** Why a cycle's deadlines are refused, or null: a year-Y report is due in year Y+1, and published after (or when) it is due. */
export function deadlineProblem(year: number, dueDate: string, publishDeadline: string): string | null {
  if (dueDate <= `${year}-12-31`) return `上报截止日期应在 ${year} 年之后`
  if (publishDeadline < dueDate) return '公开截止日期不能早于上报截止日期'
  return null
}
