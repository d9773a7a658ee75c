import {
  CHASE_LEVEL_LABELS,
  CHASE_NO_RECIPIENT_NOTE,
  CHASE_SKIPPED_NOTE,
  type ChaseBody,
  type ChaseHistory,
  chaseLevelOf,
  chaseMessage,
  type ChaseOutcome,
  type ChaseResult,
  chinaDate,
  daysUntilDue,
  endOfChinaDay,
  startOfChinaDay,
  type SummaryStatus,
} from '@fazhi/shared'
import type { Db } from '../../db/client'
import { type AuditedTransaction, auditedTransaction } from '../../db/transaction'
import { badRequest } from '../../errors'
import type { Actor } from '../../lib/actor'
import { actsOnBureau, assertActsOnBureau, regionFilter, seesBureau } from '../../plugins/access'
import type { CyclesService } from '../cycles/service'
import { dashboardSources } from '../dashboard/board'
import { dashboardRepository } from '../dashboard/repository'
import { dashboardService } from '../dashboard/service'
import { chaseOutcomes, type MessageOutcome } from '../notifications/outcomes'
import { type NotificationsService, notificationsOn } from '../notifications/service'
import type { ScopedUser } from '../regions/scope'
import { chaseList } from './list'
import { type RemindersRepository, remindersRepository } from './repository'
import { mapInOrder } from '../../lib/in-order'

export interface ChaseDeps {
  dashboard: Pick<ReturnType<typeof dashboardService>, 'summary'>
  cycles: Pick<CyclesService, 'requireCycle' | 'requireOpenCycle'>
  notifications: Pick<NotificationsService, 'notify' | 'bureauRecipients'>
  outcomes: (chaseIds: readonly number[]) => Promise<Map<number, MessageOutcome>>
  repo: RemindersRepository
  transaction: AuditedTransaction
  clock: () => Date
}

/**
 * 催报 that leaves a record: each bureau of the year's 催报 list that has not reported (a late report
 * has reported: it is not chased) gets a record and a 'chase' message to its accounts, worded by how
 * late it is; the same level on the same China day is not sent twice. An office chases only the
 * bureaus it acts on (its own region's): a city office does not chase the counties' bureaus.
 */
export function chaseService({ dashboard, cycles, notifications, outcomes, repo, transaction, clock }: ChaseDeps) {
  return {
    async chase(actor: Actor, { year, bureauIds }: ChaseBody): Promise<ChaseResult> {
      await cycles.requireOpenCycle(year)
      const summary = await dashboard.summary(year, regionFilter(actor.user, undefined))
      const outstanding = chaseList(summary.bureaus).filter((row) => row.reason !== 'late' && actsOnBureau(actor.user, row.bureauId))
      let targets = outstanding
      if (bureauIds) {
        for (const id of bureauIds) assertActsOnBureau(actor.user, id)
        const onList = new Set(outstanding.map((row) => row.bureauId))
        const stray = bureauIds.find((id) => !onList.has(id))
        if (stray !== undefined) {
          const name = summary.bureaus.find((b) => b.bureauId === stray)?.name ?? `单位 #${stray}`
          throw badRequest(`${name}不在 ${year} 年度待催报的单位中（已上报的单位无需催报）`)
        }
        const wanted = new Set(bureauIds)
        targets = outstanding.filter((row) => wanted.has(row.bureauId))
      }
      const now = clock()
      const at = now.toISOString()
      const today = chinaDate(now)
      const [dayStart, dayEnd] = [startOfChinaDay(today).toISOString(), endOfChinaDay(today).toISOString()]
      const daysLeft = daysUntilDue(summary.dueDate, now)
      const bureaus = await transaction(actor, async (audit) =>
        await mapInOrder(targets, async (row): Promise<ChaseOutcome> => {
          const level = chaseLevelOf(row.daysOverdue)
          const outcome = { bureauId: row.bureauId, name: row.name, level, daysOverdue: row.daysOverdue }
          if (await repo.chasedBetween(year, row.bureauId, level, dayStart, dayEnd)) return { ...outcome, recipients: 0, skipped: true, note: CHASE_SKIPPED_NOTE }
          const chaseId = await repo.insert({ year, bureauId: row.bureauId, level, status: row.status, daysOverdue: row.daysOverdue, userId: actor.user.id, at })
          const message = chaseMessage({ level, year, bureauName: row.name, dueDate: summary.dueDate, status: row.status, daysOverdue: row.daysOverdue, daysLeft, at: now })
          const reached = (await notifications.notify({
            userIds: await notifications.bureauRecipients(row.bureauId),
            kind: 'chase',
            chaseId,
            year,
            bureauId: row.bureauId,
            link: `/entry?year=${year}`,
            ...message,
          })).length
          await audit({
            action: 'reminder.chase',
            objectType: 'bureau',
            objectId: row.bureauId,
            after: { year, chaseId, bureau: row.name, level: CHASE_LEVEL_LABELS[level], status: row.status, daysOverdue: row.daysOverdue, recipients: reached },
          })
          return { ...outcome, recipients: reached, note: reached ? null : CHASE_NO_RECIPIENT_NOTE }
        }),
      )
      return { year, bureaus }
    },

    /**
     * Every chase of the year, newest first, with what became of its messages; up to `until` (ISO)
     * when given; of the bureaus `viewer` reads when given (an office's: its region's subtree).
     */
    async history(year: number, until?: string, viewer?: ScopedUser): Promise<ChaseHistory> {
      await cycles.requireCycle(year)
      const rows = (await repo.records(year, until)).filter((r) => !viewer || seesBureau(viewer, r.bureauId))
      const byChase = await outcomes(rows.map((r) => r.id))
      return {
        year,
        records: rows.map((r) => ({ ...r, status: r.status as SummaryStatus, ...(byChase.get(r.id) ?? { inApp: { recipients: 0, read: 0 }, deliveries: [] }) })),
      }
    },
  }
}
export type ChaseService = ReturnType<typeof chaseService>

/** The 催报 service over one database, as the routes and the exports use it. */
export function chaseOn(db: Db, clock: () => Date): ChaseService {
  const sources = dashboardSources(db, clock)
  return chaseService({
    dashboard: dashboardService(sources, dashboardRepository(db), clock),
    cycles: sources,
    notifications: notificationsOn(db, clock),
    outcomes: (ids) => chaseOutcomes(db, ids),
    repo: remindersRepository(db),
    transaction: auditedTransaction(db),
    clock,
  })
}
