import {
  can,
  CHASE_REASON_CODES,
  type ChaseReason,
  type ChaseRow,
  daysUntilDue,
  isReported,
  NO_SUBMISSION,
  type Reminders,
  REMINDER_WINDOW_DAYS,
  type SummaryBureau,
} from '@fazhi/shared'
import { regionFilter } from '../../plugins/access'
import type { dashboardService } from '../dashboard/service'
import type { ScopedUser } from '../regions/scope'

type Dashboard = Pick<ReturnType<typeof dashboardService>, 'summary'>

/**
 * 催报: bureaus that have not reported (missing, draft, returned) or reported late by the on-time rule
 * (`isReportOnTime`, through the summary's `onTime`), longest overdue first. A late row shows its first
 * submission: its days late are measured to it.
 */
export function chaseList(bureaus: readonly SummaryBureau[]): ChaseRow[] {
  const rows: ChaseRow[] = []
  for (const b of bureaus) {
    const reported = isReported(b.status)
    if (reported && b.onTime !== false) continue
    const reason = reported ? 'late' : (b.status as Exclude<ChaseReason, 'late'>)
    rows.push({ bureauId: b.bureauId, code: b.code, name: b.name, status: b.status, reason, daysOverdue: b.daysOverdue, submittedAt: b.firstSubmittedAt })
  }
  return rows.sort((a, b) => b.daysOverdue - a.daysOverdue || CHASE_REASON_CODES.indexOf(a.reason) - CHASE_REASON_CODES.indexOf(b.reason) || a.name.localeCompare(b.name, 'zh-CN'))
}

/** 催报: built on the dashboard summary, so the office's list and the dashboard always agree. */
export function remindersService(dashboard: Dashboard, clock: () => Date) {
  return {
    /**
     * A bureau's own reminder, or the office's and leaders' list of a region (`regionId`, within their
     * scope; by default their own region).
     */
    async forUser(user: ScopedUser, year: number, regionId?: number): Promise<Reminders> {
      if (!can(user, 'allBureaus')) {
        const summary = await dashboard.summary(year)
        const status = summary.bureaus.find((b) => b.bureauId === user.bureauId)?.status ?? NO_SUBMISSION
        const daysLeft = daysUntilDue(summary.dueDate, clock())
        const reported = isReported(status)
        return {
          scope: 'bureau',
          year,
          bureauId: user.bureauId!,
          dueDate: summary.dueDate,
          status,
          daysLeft,
          overdue: !reported && daysLeft < 0,
          remind: !reported && daysLeft <= REMINDER_WINDOW_DAYS,
        }
      }
      const summary = await dashboard.summary(year, regionFilter(user, regionId))
      const chase = chaseList(summary.bureaus)
      return {
        scope: 'county',
        year,
        dueDate: summary.dueDate,
        outstanding: chase
          .filter((b) => b.reason !== 'late')
          .map(({ bureauId, code, name, status, daysOverdue }) => ({ bureauId, code, name, status, daysOverdue })),
        late: chase.filter((b) => b.reason === 'late').map(({ bureauId, code, name, submittedAt, daysOverdue }) => ({ bureauId, code, name, submittedAt, daysOverdue })),
        chase,
      }
    },
  }
}
