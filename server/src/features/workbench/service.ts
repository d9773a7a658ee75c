import { mapInOrder } from '../../lib/in-order'
import {
  type BureauWorkbench,
  can,
  daysUntilDue,
  isReported,
  type LeaderWorkbench,
  NO_SUBMISSION,
  type OfficeWorkbench,
  SUBMISSION_EVENT_LABELS,
  type SubmissionEventAction,
  type User,
  WORKBENCH_CHANGES_SIZE,
  WORKBENCH_FIRST_VISIT_DAYS,
  WORKBENCH_LIST_SIZE,
  WORKBENCH_TOP_RANKS,
  type Workbench,
  type WorkbenchChange,
  type WorkbenchDeadline,
  type WorkbenchReport,
} from '@fazhi/shared'
import type { Db } from '../../db/client'
import { forbidden } from '../../errors'
import type { Actor } from '../../lib/actor'
import { actsOnBureau, regionFilter, seesBureau } from '../../plugins/access'
import { type CommentsService, commentsOn } from '../comments/service'
import { type CyclesService, cyclesOn } from '../cycles/service'
import { dashboardSources } from '../dashboard/board'
import { dashboardRepository } from '../dashboard/repository'
import { type DashboardService, dashboardService } from '../dashboard/service'
import { rectificationsOn, type RectificationsService } from '../rectifications/service'
import { resultsOn, type ResultsService } from '../results/service'
import { remindersService } from '../reminders/list'
import { submissionsOn, type SubmissionsService } from '../submissions/service'
import { workbenchRepository, type WorkbenchRepository } from './repository'

export interface WorkbenchDeps {
  repo: WorkbenchRepository
  submissions: Pick<SubmissionsService, 'list' | 'requireSubmission' | 'stepsSince'>
  comments: Pick<CommentsService, 'unanswered' | 'since'>
  rectifications: Pick<RectificationsService, 'list'>
  dashboard: Pick<DashboardService, 'summary' | 'ranking'>
  results: Pick<ResultsService, 'versions'>
  cycles: Pick<CyclesService, 'requireCycle'>
  clock: () => Date
}

const DAY_MS = 86_400_000
const list = <T>(items: readonly T[]) => ({ count: items.length, items: items.slice(0, WORKBENCH_LIST_SIZE) })
const submissionLink = (id: number) => `/submissions/${id}`

/** The nearest deadline still ahead (today included), or null. */
function nextOf(deadlines: readonly (Omit<WorkbenchDeadline, 'daysLeft'> | null)[], now: Date): WorkbenchDeadline | null {
  const ahead = deadlines
    .filter((d): d is Omit<WorkbenchDeadline, 'daysLeft'> => d !== null)
    .map((d) => ({ ...d, daysLeft: daysUntilDue(d.date, now) }))
    .filter((d) => d.daysLeft >= 0)
    .sort((a, b) => a.daysLeft - b.daysLeft)
  return ahead[0] ?? null
}

/**
 * 工作台: each business role's tasks and what changed since its last visit, all read from the
 * features that own them (the review list, 整改, 批注, the dashboard's figures, 催报), so its counts
 * are the figures those pages show.
 */
export function workbenchService(deps: WorkbenchDeps) {
  const { repo, submissions, comments, rectifications, dashboard, results, cycles, clock } = deps
  const reminders = remindersService(dashboard, clock)

  /** The start of "since the last visit": the recorded visit, else the first-visit window. */
  const sinceOf = async (user: User, now: Date) => await repo.seenAt(user.id) ?? new Date(now.getTime() - WORKBENCH_FIRST_VISIT_DAYS * DAY_MS).toISOString()

  /** The review steps since the last visit, of the reports in `reports` when given. */
  const steps = async (actor: Actor, year: number, since: string, actions: readonly SubmissionEventAction[], reports?: ReadonlySet<number>): Promise<WorkbenchChange[]> =>
    (await submissions.stepsSince(actor, { since, year, actions })).filter((s) => !reports || reports.has(s.submissionId)).map((s) => ({
      kind: s.action,
      text: `${s.bureauName} ${s.year} 年度报告${SUBMISSION_EVENT_LABELS[s.action]}`,
      at: s.at,
      link: submissionLink(s.submissionId),
    }))

  // The answer covers (since, asOf]: what `markSeen(asOf)` then leaves behind.
  const changesOf = (since: string, asOf: string, all: WorkbenchChange[]) => {
    const items = all.filter((c) => c.at <= asOf).sort((a, b) => b.at.localeCompare(a.at))
    return { since, asOf, items: items.slice(0, WORKBENCH_CHANGES_SIZE), total: items.length }
  }

  const report = (row: Awaited<ReturnType<SubmissionsService['list']>>[number], now: Date, deadline: string | null): WorkbenchReport => ({
    submissionId: row.id,
    bureauId: row.bureauId,
    bureauName: row.bureauName,
    submittedAt: row.submittedAt,
    resubmitted: row.returnCount > 0,
    resubmitDeadline: deadline,
    overdue: deadline !== null && daysUntilDue(deadline, now) < 0,
    link: submissionLink(row.id),
  })

  /** The office's tasks are those of the bureaus it acts on (its own region's); the regions below it only reads. */
  async function office(actor: Actor, year: number): Promise<OfficeWorkbench> {
    const now = clock()
    const asOf = now.toISOString()
    const since = await sinceOf(actor.user, now)
    const cycle = await cycles.requireCycle(year)
    const acted = (bureauId: number) => actsOnBureau(actor.user, bureauId)
    const rows = (await submissions.list(actor, { year })).filter((r) => acted(r.bureauId))
    const reports = new Set(rows.map((r) => r.id))
    const reviews = rows.filter((r) => r.status === 'submitted').map((r) => report(r, now, null))
    const returned = (
      await mapInOrder(
        rows.filter((r) => r.status === 'returned'),
        async (r) => report(r, now, (await submissions.requireSubmission(actor, r.id)).resubmitDeadline),
      )
    ).sort((a, b) => Number(b.overdue) - Number(a.overdue) || (a.resubmitDeadline ?? '9').localeCompare(b.resubmitDeadline ?? '9'))
    const pending = (await rectifications.list(actor, { year, status: 'pending' })).filter((i) => acted(i.bureauId))
    const county = await reminders.forUser(actor.user, year)
    // A returned report is listed with its resubmission deadline above, not as a bureau to chase.
    const outstanding = county.scope === 'county' ? county.outstanding.filter((b) => b.status !== 'returned' && acted(b.bureauId)) : []
    const dueAhead = daysUntilDue(county.dueDate, now) >= 0
    const outstandingRows = outstanding.map((b) => ({
      bureauId: b.bureauId,
      name: b.name,
      status: b.status,
      daysLeft: dueAhead ? daysUntilDue(county.dueDate, now) : -b.daysOverdue,
      link: '/reminders',
    }))
    const nearestResubmission = await returned.find((r) => r.resubmitDeadline !== null && !r.overdue)
    return {
      scope: 'office',
      year,
      nextDeadline: nextOf(
        [
          { kind: 'due', date: cycle.dueDate, bureauName: null },
          nearestResubmission ? { kind: 'resubmit', date: nearestResubmission.resubmitDeadline!, bureauName: nearestResubmission.bureauName } : null,
          { kind: 'publish', date: cycle.publishDeadline, bureauName: null },
        ],
        now,
      ),
      reviews: list(reviews),
      returned: list(returned),
      toVerify: list(
        pending.map((i) => ({ id: i.id, bureauId: i.bureauId, bureauName: i.bureauName, problem: i.problem, deadline: i.deadline, overdue: i.overdue, link: '/rectifications' })),
      ),
      due: list(dueAhead ? outstandingRows : []),
      overdue: list(dueAhead ? [] : outstandingRows),
      changes: changesOf(since, asOf, [
        ...await steps(actor, year, since, ['submit', 'resubmit'], reports),
        ...(await comments.since(actor, { since, year, side: 'bureau' })).filter((c) => reports.has(c.submissionId)).map((c) => ({
          kind: 'answer' as const,
          text: `${c.bureauName}回复了 ${c.year} 年度报告的批注`,
          at: c.at,
          link: submissionLink(c.submissionId),
        })),
        ...pending
          .filter((i) => i.updatedAt > since)
          .map((i) => ({ kind: 'rectified' as const, text: `${i.bureauName}将整改事项「${i.problem}」标记为已完成，待销号`, at: i.updatedAt, link: '/rectifications' })),
      ]),
    }
  }

  async function bureau(actor: Actor, year: number): Promise<BureauWorkbench> {
    const now = clock()
    const asOf = now.toISOString()
    const since = await sinceOf(actor.user, now)
    const bureauId = actor.user.bureauId!
    const cycle = await cycles.requireCycle(year)
    // Its standing as its ranking page shows it: among its own region's bureaus.
    const region = regionFilter(actor.user, undefined)
    const summary = await dashboard.summary(year, region)
    // Its own entry of the board (a bureau not in the year's board has nothing to rank).
    const own = summary.bureaus.find((b) => b.bureauId === bureauId)
    const status = own?.status ?? NO_SUBMISSION
    const row = (await submissions.list(actor, { year }))[0]
    const returned = row?.status === 'returned' ? report(row, now, (await submissions.requireSubmission(actor, row.id)).resubmitDeadline) : null
    const unanswered = row && (row.status === 'returned' || row.status === 'submitted') ? await comments.unanswered(actor, row.id) : 0
    const open = (await rectifications.list(actor, { year })).filter((i) => i.status !== 'done')
    const reported = isReported(status)
    return {
      scope: 'bureau',
      year,
      bureauId,
      nextDeadline: nextOf(
        [
          reported ? null : { kind: 'due', date: cycle.dueDate, bureauName: null },
          returned?.resubmitDeadline ? { kind: 'resubmit', date: returned.resubmitDeadline, bureauName: returned.bureauName } : null,
          row?.publishedAt ? null : { kind: 'publish', date: cycle.publishDeadline, bureauName: null },
        ],
        now,
      ),
      fill:
        reported || status === 'returned'
          ? null
          : { submissionId: row?.id ?? null, status, dueDate: summary.dueDate, daysLeft: daysUntilDue(summary.dueDate, now), link: row ? submissionLink(row.id) : '/entry' },
      answer: row && unanswered ? { submissionId: row.id, count: unanswered, link: submissionLink(row.id) } : null,
      resubmit: returned,
      rectifications: list(
        open
          .sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.deadline.localeCompare(b.deadline))
          .map((i) => ({ id: i.id, bureauId: i.bureauId, bureauName: i.bureauName, problem: i.problem, deadline: i.deadline, overdue: i.overdue, link: '/rectifications' })),
      ),
      standing: { score: own?.score ?? null, rank: own?.rank ?? null, rankChange: own?.rankChange ?? null, grade: own?.grade ?? null, ranked: (await dashboard.ranking(year, region)).rows.length },
      changes: changesOf(since, asOf, [
        ...await steps(actor, year, since, ['return', 'approve', 'reopen']),
        ...(await comments.since(actor, { since, year, side: 'office' })).map((c) => ({
          kind: 'comment' as const,
          text: `依法治县办在 ${c.year} 年度报告上批注${c.author ? `（${c.author}）` : ''}`,
          at: c.at,
          link: submissionLink(c.submissionId),
        })),
      ]),
    }
  }

  /** A leader's figures are its region's (a leader bound to a county: that county's KPIs and ranking). */
  async function leader(actor: Actor, year: number): Promise<LeaderWorkbench> {
    const now = clock()
    const asOf = now.toISOString()
    const since = await sinceOf(actor.user, now)
    const region = regionFilter(actor.user, undefined)
    const { bureaus: _bureaus, year: _year, dueDate, ...kpis } = await dashboard.summary(year, region)
    const ranking = await dashboard.ranking(year, region)
    const reports = new Set((await submissions.list(actor, { year })).filter((r) => seesBureau(actor.user, r.bureauId)).map((r) => r.id))
    return {
      scope: 'leader',
      year,
      dueDate,
      kpis,
      topRanking: ranking.rows.slice(0, WORKBENCH_TOP_RANKS),
      ranked: ranking.rows.length,
      changes: changesOf(since, asOf, [
        ...await steps(actor, year, since, ['approve'], reports),
        ...(await results
          .versions(year))
          .filter((v) => v.publishedAt > since)
          .map((v) => ({ kind: 'published' as const, text: `${v.title}（第 ${v.version} 版）已发布`, at: v.publishedAt, link: '/results' })),
      ]),
    }
  }

  return {
    /** The caller's 工作台 for `year`: the office's (review), a bureau's, or a leader's (every bureau, no review). */
    async forUser(actor: Actor, year: number): Promise<Workbench> {
      if (can(actor.user, 'review')) return await office(actor, year)
      if (can(actor.user, 'allBureaus')) return await leader(actor, year)
      if (can(actor.user, 'readBusiness') && actor.user.bureauId !== null) return await bureau(actor, year)
      throw forbidden('无权访问工作台')
    },

    /**
     * Records the visit: the next 工作台 lists changes after `at`, the moment the shown answer was
     * made (its `asOf`), so a change that came while the page was open is still new next time.
     * Never moves back, never past now.
     */
    async markSeen(actor: Actor, at: string): Promise<string> {
      const now = clock().toISOString()
      const wanted = at > now ? now : at
      const current = await repo.seenAt(actor.user.id)
      const seen = current !== null && current > wanted ? current : wanted
      await repo.markSeen(actor.user.id, seen)
      return seen
    },
  }
}
export type WorkbenchService = ReturnType<typeof workbenchService>

/** The workbench service over the database, with the services it reads. */
export function workbenchOn(db: Db, clock: () => Date): WorkbenchService {
  return workbenchService({
    repo: workbenchRepository(db),
    submissions: submissionsOn(db, clock),
    comments: commentsOn(db, clock),
    rectifications: rectificationsOn(db, clock),
    dashboard: dashboardService(dashboardSources(db, clock), dashboardRepository(db), clock),
    results: resultsOn(db, clock),
    cycles: cyclesOn(db, clock),
    clock,
  })
}
