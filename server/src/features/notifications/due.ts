import { chinaDate, chinaInstant, DUE_REMINDER_DAYS, daysUntilDue } from '@fazhi/shared'
import type { FastifyBaseLogger } from 'fastify'
import type { Db } from '../../db/client'
import { runUnlessRunning } from '../../db/job-lock'
import { auditedTransaction } from '../../db/transaction'
import type { Actor } from '../../lib/actor'
import { cyclesOn } from '../cycles/service'
import { dashboardSources } from '../dashboard/board'
import { dashboardRepository } from '../dashboard/repository'
import { dashboardService } from '../dashboard/service'
import { chaseList } from '../reminders/list'
import { notificationEventsOn } from './events'

/** Overdue notices go out in the week after the due date (a server down on the day still sends them), never for years long past. */
export const OVERDUE_NOTICE_DAYS = 7
const DAY_MS = 86_400_000
const REMINDER_HOUR = 8
const SYSTEM: Actor<null> = { user: null, name: 'system', ip: null }

/** The reminder a cycle is due for `daysLeft` days before its due date: the nearest of DUE_REMINDER_DAYS not yet passed, or null. */
const reminderDayOf = (daysLeft: number): number | null => [...DUE_REMINDER_DAYS].sort((a, b) => a - b).find((d) => daysLeft <= d) ?? null

/**
 * 上报截止提醒: every open cycle's bureaus that have not reported (the 催报 list's missing, draft and
 * returned rows) are told 14, 7 and 1 days before the due date and once after it (逾期未报). Each
 * message is sent once per account (its dedupe key), so running this again the same day, or after a
 * restart, sends nothing new. Runs as `system` in one audited transaction; with several app servers
 * on one PostgreSQL database, by one of them at a time (another, finding it running, creates nothing).
 */
export function dueRemindersOn(db: Db, clock: () => Date) {
  const cycles = cyclesOn(db, clock)
  const dashboard = dashboardService(dashboardSources(db, clock), dashboardRepository(db), clock)
  const events = notificationEventsOn(db, clock)
  const transaction = auditedTransaction(db)

  const send = (now: Date) =>
    transaction(SYSTEM, async (audit) => {
      let created = 0
      for (const cycle of (await cycles.listCycles()).filter((c) => !c.locked)) {
        const daysLeft = daysUntilDue(cycle.dueDate, now)
        const reminderDay = daysLeft >= 0 ? reminderDayOf(daysLeft) : null
        if (reminderDay === null && (daysLeft >= 0 || -daysLeft > OVERDUE_NOTICE_DAYS)) continue
        // A returned report has its own resubmission deadline, told with the return: not “尚未上报”.
        const outstanding = chaseList((await dashboard.summary(cycle.year)).bureaus).filter((b) => b.reason !== 'late' && b.reason !== 'returned')
        const told: number[] = []
        for (const b of outstanding) {
          const n = reminderDay === null ? await events.overdue(cycle.year, b.bureauId, cycle.dueDate) : await events.dueSoon(cycle.year, b.bureauId, reminderDay, daysLeft, cycle.dueDate)
          if (n) told.push(b.bureauId)
          created += n
        }
        if (told.length)
          await audit({
            action: 'notifications.remind',
            objectType: 'cycle',
            objectId: cycle.year,
            after: { kind: reminderDay === null ? 'overdue' : 'due', reminderDay, dueDate: cycle.dueDate, bureaus: told },
          })
      }
      return created
    })

  return {
    /** Sends the reminders due at `now`; answers how many messages it created. */
    async remindDue(now: Date = clock()): Promise<number> {
      const outcome = await runUnlessRunning(db, 'dueReminders', () => send(now))
      return outcome.ran ? outcome.result : 0
    },
  }
}

/** Runs `remind` every day at 08:00 China time, and at start-up when that hour has passed today; the timers never hold the process open. Answers the stop. */
export function scheduleDueReminders(remind: () => Promise<number>, log: FastifyBaseLogger): () => void {
  const run = async () => {
    try {
      const created = await remind()
      if (created) log.info({ created }, 'due-date reminders sent')
    } catch (err) {
      log.error({ err }, 'due-date reminders failed')
    }
  }
  // 08:00 China time, whatever the server's own time zone; a start after it today sends today's at once.
  const today = chinaInstant(chinaDate(new Date()), `${String(REMINDER_HOUR).padStart(2, '0')}:00:00`)
  const next = new Date(today.getTime() <= Date.now() ? today.getTime() + DAY_MS : today.getTime())
  let interval: NodeJS.Timeout | undefined
  const startup = setTimeout(() => {
    if (today.getTime() <= Date.now()) void run()
  }, 0).unref()
  const first = setTimeout(() => {
    void run()
    interval = setInterval(() => void run(), DAY_MS).unref()
  }, next.getTime() - Date.now()).unref()
  return () => {
    clearTimeout(startup)
    clearTimeout(first)
    clearInterval(interval)
  }
}
