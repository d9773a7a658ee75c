import { type BureauOverview, regionsUnder, type PublishedFigures as Figures, PublishedFigures, type ResultChanges, resultChanges, type ResultVersion, type User } from '@fazhi/shared'
import type { Db } from '../../db/client'
import { type AuditedTransaction, auditedTransaction } from '../../db/transaction'
import { badRequest, notFound } from '../../errors'
import type { Actor } from '../../lib/actor'
import { assertBureauAccess } from '../../plugins/access'
import type { CyclesService } from '../cycles/service'
import { dashboardSources } from '../dashboard/board'
import { dashboardRepository } from '../dashboard/repository'
import { type DashboardService, dashboardService } from '../dashboard/service'
import { chaseOn } from '../reminders/service'
import { exportsRepository } from '../exports/repository'
import { type ExportsService, exportsService } from '../exports/service'
import { type FilePurge, filePurgeOn } from '../files/purge'
import { type NotificationEvents, notificationEventsOn } from '../notifications/events'
import { type SchemesService, schemesOn } from '../schemes/service'
import { type RegionsService, regionsOn } from '../regions/service'
import { type ResultsRepository, resultsRepository } from './repository'
import { mapInOrder } from '../../lib/in-order'

export interface ResultsDeps {
  dashboard: Pick<DashboardService, 'summary' | 'ranking' | 'overview'>
  /** The region tree: publishing freezes each region's own summary and ranking. */
  regions: Pick<RegionsService, 'listRegions'>
  exports: Pick<ExportsService, 'exportFigures'>
  cycles: Pick<CyclesService, 'requireCycle'>
  /** Publishing freezes the year's 考核方案 (the schemes feature stores it as it was published). */
  schemes: Pick<SchemesService, 'freeze'>
  /** Publishing purges the year's deleted evidence files (the files feature removes their rows and unused bytes). */
  files: FilePurge
  /** Where a failed purge is reported: the publication stands, and the next one purges again. */
  logError: (err: unknown, message: string) => void
  repo: ResultsRepository
  /** Everyone who reads the results hears of a publication, in its transaction. */
  notices: Pick<NotificationEvents, 'resultsPublished'>
  transaction: AuditedTransaction
  clock: () => Date
}

/** Parsed figures of the versions last read, per database: a version never changes, so it is parsed once. */
const parsedCaches = new WeakMap<object, Map<string, Figures>>()
const MAX_PARSED = 16

/**
 * Published results (定稿发布). Publishing freezes what the dashboard service answers now — the
 * summary, the ranking, every active bureau's overview — and the rows behind the exports, as one JSON
 * text that is never changed again: the pages and exports of that version read from it, so later
 * approvals, reopenings and edits leave it as it was.
 */
export function resultsService({ dashboard, regions, exports, cycles, schemes, files, logError, repo, notices, transaction, clock }: ResultsDeps, db: Db) {
  const figuresCache = parsedCaches.get(db) ?? new Map<string, Figures>()
  parsedCaches.set(db, figuresCache)

  async function figuresText(year: number, version: number): Promise<string> {
    const text = await repo.figures(year, version)
    if (text === undefined) throw notFound(`${year} 年度没有定稿第 ${version} 版`)
    return text
  }

  /** A version's figures, parsed. */
  async function figures(year: number, version: number): Promise<Figures> {
    const key = `${year}|${version}`
    let kept = figuresCache.get(key)
    if (!kept) {
      kept = JSON.parse(await figuresText(year, version)) as Figures
      figuresCache.set(key, kept)
      if (figuresCache.size > MAX_PARSED) figuresCache.delete(figuresCache.keys().next().value!)
    }
    return kept
  }

  /** The regions whose figures are not every region's: those below the top. */
  async function regionsBelowTop(): Promise<number[]> {
    const all = await regions.listRegions()
    return all.filter((r) => regionsUnder(all, r.id).size < all.length).map((r) => r.id)
  }

  /**
   * The figures a version holds for a region: every region's without one (or for the region that
   * holds them all), else the region's own summary and ranking as frozen at publication.
   */
  async function published(year: number, version: number, regionId?: number): Promise<Figures> {
    const all = await figures(year, version)
    if (regionId === undefined) return all
    if (!(await regions.listRegions()).some((r) => r.id === regionId)) throw notFound('地区不存在')
    if (!(await regionsBelowTop()).includes(regionId)) return all
    const frozen = all.regions?.find((r) => r.regionId === regionId)
    if (!frozen) throw badRequest(`定稿第 ${version} 版发布时未按该地区保存数据，不能按地区查看；请切换到实时数据`)
    return { ...all, summary: frozen.summary, ranking: frozen.ranking }
  }

  return {
    /** Freezes the year's figures as its next version (1, 2, …): one IMMEDIATE transaction, so parallel publications get consecutive numbers. */
    async publish(actor: Actor, year: number, title: string): Promise<{ version: number }> {
      const published = await transaction(actor, async (audit) => {
        await cycles.requireCycle(year)
        const previous = await repo.latest(year)
        const version = (previous?.version ?? 0) + 1
        const publishedAt = clock().toISOString()
        const summary = await dashboard.summary(year)
        const ranking = await dashboard.ranking(year)
        const below = await regionsBelowTop()
        const frozen = PublishedFigures.parse({
          year,
          version,
          title,
          publishedAt,
          summary,
          ranking,
          overviews: await mapInOrder(summary.bureaus, (b) => dashboard.overview(actor.user, b.bureauId, year)),
          exports: await exports.exportFigures(year),
          regions: below.length ? await mapInOrder(below, async (regionId) => ({ regionId, summary: await dashboard.summary(year, regionId), ranking: await dashboard.ranking(year, regionId) })) : undefined,
        })
        const changes: ResultChanges = resultChanges(previous ? (JSON.parse(previous.figures) as Figures).ranking : null, ranking)
        await repo.insert({ year, version, title, publishedAt, publishedBy: actor.user.id, figures: JSON.stringify(frozen), changes: JSON.stringify(changes) })
        await audit({ action: 'results.publish', objectType: 'result', objectId: `${year}/${version}`, after: { year, version, title, changes } })
        await schemes.freeze(actor, year)
        await notices.resultsPublished(year, version, title)
        return { version }
      })
      // Right after the publication commits: the bytes of purged files cannot be put back by a rollback.
      // The publication has committed: a purge that fails does not undo it, nor answer it with a 500.
      try {
        await files.purgeDeleted(actor, year)
      } catch (err) {
        logError(err, `publishing ${year}: purging deleted evidence files failed; the next publication purges again`)
      }
      return published
    },

    /** The year's published versions, oldest first. */
    async versions(year: number): Promise<ResultVersion[]> {
      await cycles.requireCycle(year)
      return (await repo.list(year)).map((v) => ({ ...v, changes: JSON.parse(v.changes) as ResultChanges }))
    },

    /** A version's figures exactly as stored. */
    figuresText,

    /** The figures a page or export of a published version reads, for every region or one (its summary and ranking). */
    published,
    /**
     * One bureau's overview as published (ranked among every bureau: overviews are frozen once); a
     * bureau user sees only their own. With a region, the bureau must be one of its bureaus.
     */
    async overview(user: User, bureauId: number, year: number, version: number, regionId?: number): Promise<BureauOverview> {
      assertBureauAccess(user, bureauId)
      const figures = await published(year, version, regionId)
      const overview = figures.overviews.find((o) => o.bureau.id === bureauId)
      if (!overview) throw notFound(`${year} 年度定稿第 ${version} 版中没有该单位`)
      if (!figures.summary.bureaus.some((b) => b.bureauId === bureauId)) throw badRequest(`${overview.bureau.name}不在所选地区内`)
      return overview
    },
  }
}
export type ResultsService = ReturnType<typeof resultsService>

/** The results service over one database, as the routes of every page and export use it. */
export function resultsOn(db: Db, clock: () => Date, logError: ResultsDeps['logError'] = (err, message) => console.error(message, err)): ResultsService {
  const sources = dashboardSources(db, clock)
  const dashboard = dashboardService(sources, dashboardRepository(db), clock)
  const chases = chaseOn(db, clock)
  const exports = exportsService(sources, dashboardRepository(db), exportsRepository(db), async (year, until) => (await chases.history(year, until)).records, clock)
  const repo = resultsRepository(db)
  const schemes = schemesOn(db, clock, async (year) => await repo.latest(year) !== undefined)
  return resultsService({ dashboard, regions: regionsOn(db), exports, cycles: sources, schemes, files: filePurgeOn(db), logError, repo, notices: notificationEventsOn(db, clock), transaction: auditedTransaction(db), clock }, db)
}
