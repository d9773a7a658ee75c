import { can, type Reminders, REMINDER_WINDOW_DAYS, REPORTED_STATUSES, type SummaryStatus, type User } from '@fazhi/shared'
import type { dashboardService } from '../dashboard/service'

type Dashboard = Pick<ReturnType<typeof dashboardService>, 'summary'>

const DAY_MS = 86_400_000
const chinaDate = (at: Date) => at.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' })
const isReported = (status: SummaryStatus) => (REPORTED_STATUSES as readonly string[]).includes(status)

/** 催报: built on the dashboard summary, so the office's list and the dashboard always agree. */
export function remindersService(dashboard: Dashboard, clock: () => Date) {
  return {
    forUser(user: User, year: number): Reminders {
      const summary = dashboard.summary(year)
      if (!can(user, 'allBureaus')) {
        const status = summary.bureaus.find((b) => b.bureauId === user.bureauId)?.status ?? 'missing'
        const daysLeft = Math.round((Date.parse(summary.dueDate) - Date.parse(chinaDate(clock()))) / DAY_MS)
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
