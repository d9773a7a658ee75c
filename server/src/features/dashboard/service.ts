import { mapInOrder } from '../../lib/in-order'
import { type Bureau, type BureauOverview, CATEGORIES, type CategoryCode, endOfDueDate, existsIn, isPastDue, isReported, overviewIndicator, predecessorsOf, rankChange, Ranking, Summary, SummaryResponse, summaryStatusOf, type SummaryTotals, Trends, type TrendYear, type User, type Vertical, type VerticalResponse } from '@fazhi/shared'
import { assertBureauAccess } from '../../plugins/access'
import { badRequest, notFound } from '../../errors'
import { noSuchCycle } from '../cycles/service'
import { type Board, boardsOf, type DashboardSources, ranksOf } from './board'
import { type CachedResponse, cacheOf, encode, EVERYWHERE, freshResponse, keepResponse, type Scope, stampOf, type SummaryFragment, sync } from './cache'
import type { DashboardRepository } from './repository'
import { rankingOf, summaryEntry } from './shape'
import { type Visibility, visibilityFor } from './visibility'
import { always, holds, intersect, narrowAt, narrowByDaysLate, type TimeWindow } from './window'

const SummaryEntry = SummaryResponse.shape.bureaus.element
const COMMA = Buffer.from(',')
const CLOSE = Buffer.from(']}')

/**
 * The dashboard's answers, shaped from the boards (board.ts). Summary, ranking and trends are kept
 * serialised with an ETag (cache.ts) until a change counter moves or `now` leaves the span in which
 * they hold; a summary is then spliced from per-bureau fragments, re-serialising only changed rows.
 */
export function dashboardService(catalog: DashboardSources, repo: DashboardRepository, clock: () => Date) {
  const cache = cacheOf(repo)
  const boards = boardsOf(catalog, repo, cache)

  async function scopeOf(regionId: number | undefined): Promise<Scope> {
    if (regionId === undefined) return EVERYWHERE
    let scope = cache.scopes.get(regionId)
    if (!scope) {
      if (!await repo.region(regionId)) throw notFound('地区不存在')
      scope = { key: String(regionId), regionIds: await repo.regionTree(regionId) }
      cache.scopes.set(regionId, scope)
    }
    return scope
  }

  /** A request's view: the change counters read once, boards of any year of a scope, and `now`. */
  async function live(regionId?: number) {
    const versions = await sync(cache, repo)
    const now = clock()
    const scope = await scopeOf(regionId)
    return { versions, now, scope, board: (year: number) => boards.board(year, scope, versions, now.getTime()) }
  }
  type View = Awaited<ReturnType<typeof live>>

  function requireBoard(board: Board | null, year: number): Board {
    if (!board) throw noSuchCycle(year)
    return board
  }

  /** The year's board and the year before's, with the window narrowed to the span both hold in. */
  async function pair(view: View, year: number, window: TimeWindow) {
    const current = requireBoard(await view.board(year), year)
    const previous = await view.board(year - 1)
    intersect(window, current.window)
    if (previous) intersect(window, previous.window)
    return { current, previous }
  }

  const summaryHead = (year: number, current: Board, previous: Board | null): Omit<Summary, 'bureaus'> => ({
    year,
    dueDate: current.cycle.dueDate,
    ...boards.totalsOf(current),
    previous: previous && { year: year - 1, ...boards.totalsOf(previous) },
  })

  /**
   * The summary's body, spliced from per-bureau fragments: a fragment of `reuse` (an earlier
   * summary of the same key whose window still holds) is kept when its row object, rank and last
   * year's rank are the same. Each piece goes through its zod schema, so the bytes are what
   * serialising the whole object through `SummaryResponse` gives; fragments are kept as UTF-8 so that a
   * province's 2.6 MB is neither joined as a string nor encoded again after a save. Each entry is
   * what `visibility`'s caller may read of that bureau.
   */
  async function summaryBody(view: View, year: number, window: TimeWindow, visibility: Visibility, reuse?: Map<number, SummaryFragment>) {
    const { current, previous } = await pair(view, year, window)
    const fragments = new Map<number, SummaryFragment>()
    const head = encode(Summary, { ...summaryHead(year, current, previous), bureaus: [] })
    const parts: Buffer[] = [Buffer.from(`${head.slice(0, -"]}".length)}`)]
    current.rows.forEach((r, i) => {
      if (!isReported(r.status)) narrowByDaysLate(window, current.cycle.dueDate, view.now.getTime())
      const previousRank = previous?.byBureau.get(r.bureau.id)?.rank
      let fragment = reuse?.get(r.bureau.id)
      if (!fragment || fragment.source !== r || fragment.rank !== r.rank || fragment.tied !== r.tied || fragment.grade !== r.grade || fragment.previousRank !== previousRank)
        fragment = { source: r, rank: r.rank, tied: r.tied, grade: r.grade, previousRank, bytes: Buffer.from(encode(SummaryEntry, visibility.summaryEntry(summaryEntry(r, current, previousRank, view.now)))) }
      fragments.set(r.bureau.id, fragment)
      if (i) parts.push(COMMA)
      parts.push(fragment.bytes)
    })
    parts.push(CLOSE)
    return { body: Buffer.concat(parts), fragments }
  }

  async function trendsOf(view: View, from: number | undefined, to: number | undefined, window: TimeWindow): Promise<TrendYear[]> {
    const now = view.now.getTime()
    const years = (await boards.cycles()).filter((c) => {
        if (from !== undefined && c.year < from) return false
        if (to !== undefined) return c.year <= to
        narrowAt(window, endOfDueDate(c.dueDate).getTime(), now)
        return isPastDue(c.dueDate, view.now)
      })
    return await mapInOrder(years, async (c) => {
        const b = (await view.board(c.year))!
        intersect(window, b.window)
        const s = boards.totalsOf(b)
        const categories = Object.fromEntries(s.categories.map((x) => [x.code, x.averageAttainment]))
        return { year: c.year, expected: s.expected, reported: s.reported, reportingRate: s.reportingRate, onTimeRate: s.onTimeRate, averageScore: s.averageScore, rectificationCompletionRate: s.rectification.completionRate, categories }
      })
  }

  /**
   * A response from the cache, or computed (narrowing `window` to where it holds), serialised and
   * kept. `years`: the counters it depends on. `key` names whom it was made for when that matters
   * (`Visibility.cacheKey`): a bureau's answer is never the office's, nor another bureau's.
   */
  async function cachedResponse(key: string, regionId: number | undefined, years: (versions: Map<number, number>) => number[], compute: (view: View, window: TimeWindow, stale?: CachedResponse) => Promise<{ body: Buffer; fragments?: Map<number, SummaryFragment> }>): Promise<CachedResponse> {
    const view = await live(regionId)
    const stamp = stampOf(view.versions, years(view.versions))
    const { hit, stale } = freshResponse(cache, `${key}|${view.scope.key}`, stamp, view.now.getTime())
    if (hit) return hit
    const window = always()
    const { body, fragments } = await compute(view, window, stale && holds(stale.window, view.now.getTime()) ? stale : undefined)
    return keepResponse(cache, `${key}|${view.scope.key}`, body, stamp, window, fragments)
  }

  return {
    /** Scores the rows a bulk load or an older version left dirty, so that the first requests need not; boards are built when first asked for. */
    async recomputeDirty(): Promise<void> {
      await boards.recomputeDirty(clock())
    },

    /** The summary as served over HTTP to `viewer`: cached, serialised, with an ETag. */
    async summaryResponse(viewer: User, year: number, regionId?: number): Promise<CachedResponse> {
      const visibility = visibilityFor(viewer)
      return await cachedResponse(`summary|${year}|${visibility.cacheKey}`, regionId, () => [year, year - 1], (view, window, stale) => summaryBody(view, year, window, visibility, stale?.fragments))
    },

    async rankingResponse(viewer: User, year: number, regionId?: number): Promise<CachedResponse> {
      const visibility = visibilityFor(viewer)
      return await cachedResponse(`ranking|${year}|${visibility.cacheKey}`, regionId, () => [year, year - 1], async (view, window) => {
        const { current, previous } = await pair(view, year, window)
        return { body: Buffer.from(encode(Ranking, visibility.ranking(rankingOf(current, previous)))) }
      })
    },

    async trendsResponse(from: number | undefined, to: number | undefined, regionId?: number): Promise<CachedResponse> {
      const years = (versions: Map<number, number>) => [...versions.keys()].filter((y) => y !== 0).sort()
      return await cachedResponse(`trends|${from ?? ''}|${to ?? ''}`, regionId, years, async (view, window) => ({ body: Buffer.from(encode(Trends, { years: await trendsOf(view, from, to, window) })) }))
    },

    async summary(year: number, regionId?: number): Promise<Summary> {
      const view = await live(regionId)
      const { current, previous } = await pair(view, year, always())
      const bureaus = current.rows.map((r) => summaryEntry(r, current, previous?.byBureau.get(r.bureau.id)?.rank, view.now))
      return { ...summaryHead(year, current, previous), bureaus }
    },

    /** The totals the year's summary of a region heads with (every active bureau without one). */
    async totals(year: number, regionId?: number): Promise<SummaryTotals> {
      return boards.totalsOf(requireBoard(await (await live(regionId)).board(year), year))
    },

    async ranking(year: number, regionId?: number): Promise<Ranking> {
      const { current, previous } = await pair(await live(regionId), year, always())
      return rankingOf(current, previous)
    },

    async trends(from: number | undefined, to: number | undefined, regionId?: number): Promise<TrendYear[]> {
      return await trendsOf(await live(regionId), from, to, always())
    },

    async overview(user: User, bureauId: number, year: number, regionId?: number): Promise<BureauOverview> {
      assertBureauAccess(user, bureauId)
      const view = await live(regionId)
      const current = requireBoard(await view.board(year), year)
      const row = current.byBureau.get(bureauId)
      if (!row) {
        const bureau = await catalog.getBureau(bureauId)
        if (bureau && existsIn(bureau, year) && view.scope.regionIds) throw badRequest(`${bureau.name}不在所选地区内`)
        throw notFound(bureau ? `${bureau.name}在 ${year} 年度不存在（尚未设立、已撤销或已合并）` : '单位不存在')
      }
      const previous = await view.board(year - 1)
      const averages = await boards.indicatorAverages(current)
      // The bureau-year scored from its own rows, by the same scorer that fills the pre-aggregated table.
      const indicators = await boards.indicatorsOf(current)
      const scored = isReported(row.status) ? (await repo.scores.compute(year, [bureauId], view.now, { indicators, settings: current.settings })).rows[0] : undefined
      const byCode = new Map(scored?.indicators?.map((i) => [i.code, i]))
      const categoryAverages = boards.totalsOf(current).categories
      const { score, completion, fillRate, rank, rectification } = row
      // Read only when a year predates the bureau (listing every bureau costs at province scale).
      let predecessors: ReturnType<typeof predecessorsOf<Bureau>> | undefined
      return {
        year,
        bureau: row.bureau,
        status: summaryStatusOf(row.status),
        submittedAt: row.submittedAt,
        score,
        completion,
        fillRate,
        rank,
        tied: row.tied,
        rankChange: rankChange(rank, previous?.byBureau.get(bureauId)?.rank),
        rankedCount: current.rankedCount,
        grade: row.grade,
        baseScore: scored?.baseScore ?? null,
        bonus: row.bonus,
        deduction: row.deduction,
        adjustments: scored?.adjustments ?? [],
        indicators: indicators.map((ind) => overviewIndicator(ind, byCode.get(ind.code), averages.get(ind.code)!)),
        categories: CATEGORIES.map((c, i) => ({ code: c.code, name: c.name, attainment: row.categories[c.code as CategoryCode] ?? null, countyAverage: categoryAverages[i].averageAttainment })),
        rankHistory: await mapInOrder(
          (await boards.cycles()).filter((c) => c.year <= year),
          async (c) => {
            const board = await view.board(c.year)
            const own = board?.byBureau.get(bureauId)
            // A year before the bureau existed reads its predecessors' (merged into it), a ranked one first.
            const merged = own ? [] : (predecessors ??= predecessorsOf(await catalog.listBureaus(), bureauId)).flatMap((p) => board?.byBureau.get(p.id) ?? [])
            const r = own ?? merged.find((m) => m.rank !== null) ?? merged[0]
            return { year: c.year, rank: r?.rank ?? null, score: r?.rank != null ? r.score : null, predecessor: r && !own ? r.bureau.name : null }
          },
        ),
        ledgerCounts: await repo.ledgerCounts(bureauId, year),
        rectification,
      }
    },

    /**
     * Every active bureau's per-indicator results for a year (for the exports), from the one scorer
     * (null unless reported: drafts are not scored), and each indicator's county figure.
     */
    async indicatorMatrix(year: number, regionId?: number) {
      const view = await live(regionId)
      const current = requireBoard(await view.board(year), year)
      const results = new Map((await repo.scores.compute(year, null, view.now)).rows.map((r) => [r.bureauId, r.indicators]))
      return {
        indicators: await boards.indicatorsOf(current),
        byBureau: new Map(current.rows.map((r) => [r.bureau.id, isReported(r.status) ? (results.get(r.bureau.id) ?? null) : null])),
        countyAverage: await boards.indicatorAverages(current),
      }
    },

    /** One bureau type compared across the regions of `regionId` (every region without it), as `viewer` may read it. */
    async vertical(viewer: User, year: number, type: string | undefined, regionId?: number): Promise<VerticalResponse> {
      const current = requireBoard(await (await live(regionId)).board(year), year)
      const regionsByType = new Map<string, Set<number>>()
      for (const r of current.rows) regionsByType.set(r.bureau.type, (regionsByType.get(r.bureau.type) ?? new Set()).add(r.bureau.regionId))
      const types = [...regionsByType].filter(([, regions]) => regions.size > 1).map(([t]) => t)
      const chosen = type ?? types[0] ?? null
      const sameType = current.rows.filter((r) => r.bureau.type === chosen)
      const typeRanks = ranksOf(sameType)
      const rows = sameType
        .map((r) => {
          const { regionId, regionName, id: bureauId, name } = r.bureau
          return { regionId, regionName, bureauId, name, status: summaryStatusOf(r.status), score: r.score, completion: r.completion, typeRank: typeRanks.get(bureauId) ?? null, categories: r.categories }
        })
        .sort((a, b) => (a.typeRank ?? Infinity) - (b.typeRank ?? Infinity) || a.regionName.localeCompare(b.regionName, 'zh'))
      const vertical: Vertical = { year, types, type: chosen, rows }
      return visibilityFor(viewer).vertical(vertical)
    },
  }
}
export type DashboardService = ReturnType<typeof dashboardService>
