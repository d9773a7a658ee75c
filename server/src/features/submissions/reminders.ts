import { can, daysUntilDue, isReported, NO_SUBMISSION, type Reminders, REMINDER_WINDOW_DAYS, type User } from '@fazhi/shared'
import type { dashboardService } from '../dashboard/service'

type Dashboard = Pick<ReturnType<typeof dashboardService>, 'summary'>

/** 催报: built on the dashboard summary, so the office's list and the dashboard always agree. */
export function remindersService(dashboard: Dashboard, clock: () => Date) {
  return {
    forUser(user: User, year: number): Reminders {
      const summary = dashboard.summary(year)
      if (!can(user, 'allBureaus')) {
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
      return {
        scope: 'county',
        year,
        dueDate: summary.dueDate,
        outstanding: summary.bureaus
          .filter((b) => !isReported(b.status))
          .map((b) => ({ bureauId: b.bureauId, code: b.code, name: b.name, status: b.status, daysOverdue: b.daysOverdue }))
          .sort((a, b) => b.daysOverdue - a.daysOverdue),
        late: summary.bureaus
          .filter((b) => isReported(b.status) && b.onTime === false)
          .map((b) => ({ bureauId: b.bureauId, code: b.code, name: b.name, submittedAt: b.submittedAt, daysOverdue: b.daysOverdue }))
          .sort((a, b) => b.daysOverdue - a.daysOverdue),
      }
    },
  }
}
