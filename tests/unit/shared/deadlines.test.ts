import {
  isAnswerLate,
  addWorkingDays,
  daysLate,
  daysOverdue,
  daysUntilDue,
  deadlineProblem,
  defaultDeadlines,
  defaultRectificationDeadline,
  defaultResubmitDeadline,
  isOnTime,
  isOverdue,
  isPastDue,
  isPublishedOnTime,
  isReportOnTime,
  publicationDateProblem,
  resubmitDeadlineProblem,
} from '@fazhi/shared'
import { describe, expect, it } from 'vitest'

describe('due dates end at 23:59:59 China time (UTC+8)', () => {
  const due = '2026-03-01'

  it('isOnTime: the whole due day counts, the next China day does not', () => {
    expect(isOnTime('2026-02-20T09:00:00+08:00', due)).toBe(true)
    expect(isOnTime('2026-03-01T23:59:59+08:00', due)).toBe(true)
    expect(isOnTime('2026-03-01T15:59:59.000Z', due)).toBe(true) // same instant in UTC
    expect(isOnTime('2026-03-01T15:59:59.999Z', due)).toBe(true)
    expect(isOnTime('2026-03-01T16:00:00.000Z', due)).toBe(false) // 2 March 00:00 in China
    expect(isOnTime('2026-03-02T00:00:00+08:00', due)).toBe(false)
    // 1 March in UTC, but already 2 March in the county: late
    expect(isOnTime('2026-03-01T17:30:00Z', due)).toBe(false)
    // 28 Feb in UTC, 1 March in China: on time
    expect(isOnTime('2026-02-28T20:00:00Z', due)).toBe(true)
  })

  it('isOnTime: never submitted is not on time', () => {
    expect(isOnTime(null, due)).toBe(false)
  })

  it('daysOverdue counts China calendar days past the due date', () => {
    expect(daysOverdue(due, new Date('2026-02-27T08:00:00+08:00'))).toBe(0)
    expect(daysOverdue(due, new Date('2026-03-01T23:59:59+08:00'))).toBe(0)
    expect(daysOverdue(due, new Date('2026-03-02T00:00:00+08:00'))).toBe(1)
    expect(daysOverdue(due, new Date('2026-03-02T23:59:59+08:00'))).toBe(1)
    expect(daysOverdue(due, new Date('2026-03-03T00:00:01+08:00'))).toBe(2)
    expect(daysOverdue(due, new Date('2026-03-11T12:00:00+08:00'))).toBe(10)
  })

  it('isOverdue: not done and past the end of the deadline day', () => {
    const deadline = '2025-06-30'
    expect(isOverdue('in_progress', deadline, new Date('2025-06-30T23:59:59+08:00'))).toBe(false)
    expect(isOverdue('in_progress', deadline, new Date('2025-07-01T00:00:00+08:00'))).toBe(true)
    expect(isOverdue('not_started', deadline, new Date('2025-06-30T16:00:00Z'))).toBe(true)
    expect(isOverdue('not_started', deadline, new Date('2025-06-30T15:59:59Z'))).toBe(false)
    expect(isOverdue('done', deadline, new Date('2026-01-01T00:00:00+08:00'))).toBe(false)
  })
})

describe('past the due date', () => {
  it('holds through the last millisecond of the due day in China', () => {
    expect(isPastDue('2026-03-01', new Date('2026-03-01T15:59:59.999Z'))).toBe(false)
    expect(isPastDue('2026-03-01', new Date('2026-03-01T16:00:00Z'))).toBe(true)
  })
})

describe('days until the due date (the reminder banner)', () => {
  const due = '2027-03-01'

  it('counts China calendar days: 0 on the due day, negative after it', () => {
    expect(daysUntilDue(due, new Date('2027-01-20T02:00:00Z'))).toBe(40)
    expect(daysUntilDue(due, new Date('2027-02-15T02:00:00Z'))).toBe(14)
    expect(daysUntilDue(due, new Date('2027-03-01T15:00:00Z'))).toBe(0)
    // 16:30 UTC on 1 March is already 2 March in the county
    expect(daysUntilDue(due, new Date('2027-03-01T16:30:00Z'))).toBe(-1)
  })

  it('does not change within a China day', () => {
    expect(daysUntilDue(due, new Date('2027-02-28T00:00:00+08:00'))).toBe(1)
    expect(daysUntilDue(due, new Date('2027-02-28T23:59:59+08:00'))).toBe(1)
  })
})

describe('publication deadline', () => {
  it('counts a report published on the deadline day as on time', () => {
    expect(isPublishedOnTime('2027-03-20', '2027-04-01')).toBe(true)
    expect(isPublishedOnTime('2027-04-01', '2027-04-01')).toBe(true)
    expect(isPublishedOnTime('2027-04-02', '2027-04-01')).toBe(false)
  })

  it('does not count an unpublished report', () => {
    expect(isPublishedOnTime(null, '2027-04-01')).toBe(false)
  })
})

describe('cycle deadlines', () => {
  it('defaults to 1 March and 1 April of the following year', () => {
    expect(defaultDeadlines(2026)).toEqual({ dueDate: '2027-03-01', publishDeadline: '2027-04-01' })
  })

  it('refuses a due date within the reporting year and a publication before the due date', () => {
    expect(deadlineProblem(2026, '2026-12-31', '2027-04-01')).toBe('上报截止日期应在 2026 年之后')
    expect(deadlineProblem(2026, '2027-03-01', '2027-02-28')).toBe('公开截止日期不能早于上报截止日期')
    expect(deadlineProblem(2026, '2027-03-01', '2027-03-01')).toBeNull()
  })
})

describe('rectification deadlines', () => {
  it('defaults to the end of the year the problem was found in', () => {
    expect(defaultRectificationDeadline(2025)).toBe('2025-12-31')
  })
})

describe('按时上报: the one rule (isReportOnTime)', () => {
  const due = '2026-03-01'
  const report = (firstSubmittedAt: string | null, lateResubmissions = 0) => ({ firstSubmittedAt, lateResubmissions })

  it('takes the first submission up to 23:59:59 China time on the due day, not 00:00 the next day', () => {
    expect(isReportOnTime(report('2026-03-01T23:59:59+08:00'), due)).toBe(true)
    expect(isReportOnTime(report('2026-03-01T15:59:59.999Z'), due)).toBe(true)
    expect(isReportOnTime(report('2026-03-02T00:00:00+08:00'), due)).toBe(false)
    expect(isReportOnTime(report(null), due)).toBe(false)
  })

  it('stays on time through returns answered by their deadlines, and turns late with one answered after it', () => {
    // returned twice, both answered in time: nothing counted
    expect(isReportOnTime(report('2026-02-20T09:00:00+08:00', 0), due)).toBe(true)
    // the first return answered in time, the second late
    expect(isReportOnTime(report('2026-02-20T09:00:00+08:00', 1), due)).toBe(false)
    expect(isReportOnTime(report('2026-02-20T09:00:00+08:00', 2), due)).toBe(false)
  })

  it('measures days late from the due date to the first submission, whatever came after', () => {
    const now = new Date('2026-11-20T10:00:00+08:00')
    expect(daysLate('2026-02-20T09:00:00+08:00', due, now)).toBe(0)
    expect(daysLate('2026-03-02T00:00:00+08:00', due, now)).toBe(1)
    expect(daysLate('2026-03-11T12:00:00+08:00', due, now)).toBe(10)
    expect(daysLate(null, due, new Date('2026-03-03T12:00:00+08:00'))).toBe(2)
  })

  it('a resubmission answers its return on time through the end of the deadline day (China time)', () => {
    const deadline = '2026-03-06'
    expect(isAnswerLate('2026-03-06T23:59:59+08:00', deadline, due)).toBe(false)
    expect(isAnswerLate('2026-03-06T15:59:59.999Z', deadline, due)).toBe(false)
    expect(isAnswerLate('2026-03-07T00:00:00+08:00', deadline, due)).toBe(true)
  })

  it('a resubmission back by the due date is never late, whatever deadline the return set', () => {
    // In early (10 Jan), returned with a deadline of 19 Jan, back on 1 Feb: still before the due date.
    expect(isAnswerLate('2026-02-01T10:00:00+08:00', '2026-01-19', due)).toBe(false)
    expect(isAnswerLate('2026-03-01T23:59:59+08:00', '2026-01-19', due)).toBe(false)
    expect(isAnswerLate('2026-03-02T00:00:00+08:00', '2026-01-19', due)).toBe(true)
  })
})

describe('resubmission deadlines: working days', () => {
  it('counts Monday to Friday only', () => {
    expect(addWorkingDays('2026-03-02', 5)).toBe('2026-03-09') // Monday → next Monday
    expect(addWorkingDays('2026-03-05', 5)).toBe('2026-03-12') // Thursday → next Thursday, over a weekend
    expect(addWorkingDays('2026-03-06', 5)).toBe('2026-03-13') // Friday → next Friday
    expect(addWorkingDays('2026-03-07', 5)).toBe('2026-03-13') // Saturday: Monday is the first working day
    expect(addWorkingDays('2026-03-08', 5)).toBe('2026-03-13') // Sunday
    expect(addWorkingDays('2026-03-06', 1)).toBe('2026-03-09') // Friday + 1 → Monday
    expect(addWorkingDays('2026-12-31', 5)).toBe('2027-01-07') // over the new year
    expect(addWorkingDays('2026-03-06', 0)).toBe('2026-03-06')
  })

  it('defaults to 5 working days after the China date of the return', () => {
    // 16:30 UTC on Thursday 5 March is 00:30 on Friday 6 March in the county
    expect(defaultResubmitDeadline(new Date('2026-03-05T16:30:00Z'))).toBe('2026-03-13')
    expect(defaultResubmitDeadline(new Date('2026-03-05T15:59:59Z'))).toBe('2026-03-12')
    expect(defaultResubmitDeadline('2026-03-07T10:00:00+08:00')).toBe('2026-03-13')
  })

  it('refuses a deadline before today (China time), allows today', () => {
    const now = new Date('2026-03-05T16:30:00Z') // 6 March in China
    expect(resubmitDeadlineProblem('2026-03-05', now)).toBe('重报期限不能早于今天')
    expect(resubmitDeadlineProblem('2026-03-06', now)).toBeNull()
    expect(resubmitDeadlineProblem('2026-04-30', now)).toBeNull()
  })
})

describe('publication dates', () => {
  const now = new Date('2026-04-10T16:30:00Z') // 11 April 2026 in China

  it('refuses a date before the reported year ended', () => {
    expect(publicationDateProblem(2025, '2025-12-31', now)).toMatch(/不能早于 2026-01-01/)
    expect(publicationDateProblem(2025, '2026-01-01', now)).toBeNull()
  })

  it('refuses a date after today (China time)', () => {
    expect(publicationDateProblem(2025, '2026-04-11', now)).toBeNull()
    expect(publicationDateProblem(2025, '2026-04-12', now)).toBe('公开日期不能晚于今天')
  })
})
