import { createHash } from 'node:crypto'
import {
  type Bureau,
  type BureauOverview,
  type BureauScore,
  CATEGORIES,
  type CategoryCode,
  computeBureauScore,
  daysOverdue,
  endOfDueDate,
  isOnTime,
  isPastDue,
  isPublishedOnTime,
  isReported,
  mean,
  rankBureaus,
  rankChange,
  Ranking,
  type RectificationSummary,
  reportingRates,
  round,
  type StoredValue,
  Summary,
  type SummaryBureau,
  type SubmissionStatus,
  summaryStatusOf,
  Trends,
  type TrendYear,
  type Vertical,
  type User,
} from '@fazhi/shared'
import type { z } from 'zod'
import { assertBureauAccess } from '../../plugins/access'
import { badRequest, notFound } from '../../errors'
import type { Db } from '../../db/client'
import { type BureausService, bureausOn } from '../bureaus/service'
import { type CatalogRepository, catalogRepository } from '../catalog/repository'
import type { CycleRow } from '../cycles/repository'
import { type CyclesService, cyclesOn, noSuchCycle } from '../cycles/service'
import type { BoardSourceRow, DashboardRepository, SubmissionRow } from './repository'
import { CATEGORY_COLUMNS } from './scores'
import { always, holds, intersect, narrowAt, narrowByDaysLate, summariseRectification, type TimeWindow } from './window'

type YearIndicators = ReturnType<CatalogRepository['indicatorsForYear']>

/** One active bureau of a board: its pre-aggregated figures and its rank within the board's scope. */
interface BoardRow {
  bureau: Bureau
  status: SubmissionStatus | null
  submittedAt: string | null
  score: number | null
  completion: number | null
  fillRate: number | null
  categories: Record<string, number | null>
  rectification: RectificationSummary
  rank: number | null
}

/**
 * Scores, ranks and 整改 counts of every active bureau in a scope for one year, read from the
 * pre-aggregated table. Valid while the change counters in `stamp` are unchanged and `now` is
 * inside `window`.
 */
interface Board {
  cycle: CycleRow
  rows: BoardRow[]
  byBureau: Map<number, BoardRow>
  rankedCount: number
  window: TimeWindow
  stamp: string
  // Worked out once per board, when first asked for:
  indicators?: YearIndicators
  indicatorAverages?: Map<string, number | null>
  aggregates?: Aggregates
}

/** A scope's totals for one year (the head of the summary, one point of the trend). */
type Aggregates = Omit<Summary, 'year' | 'dueDate' | 'bureaus'>

/** A whole response body, serialised once (through its zod schema, as the route would) and kept with its ETag. */
export interface CachedResponse {
  body: Buffer
  /** The body gzipped, made when a client first asks for it. */
  gzip?: Buffer
  etag: string
  stamp: string
  window: TimeWindow
}

/** Who the dashboard covers: every active bureau (`regionIds` null) or those of a region and the regions below it. */
interface Scope {
  key: string
  regionIds: number[] | null
}
const EVERYWHERE: Scope = { key: '*', regionIds: null }

/** In-memory caches of one database, shared by every dashboard service on it (routes, exports, reminders). */
interface DashboardCache {
  versions: Map<number, number>
  boards: Map<string, Board>
  responses: Map<string, CachedResponse>
  responseBytes: number
  scopes: Map<number, Scope>
  cycles?: CycleRow[]
}
const MAX_BOARDS = 256
const MAX_RESPONSE_BYTES = 64 * 1024 * 1024
/** Keyed by the database's score store, which exists once per database. */
const caches = new WeakMap<object, DashboardCache>()

const averageOf = (xs: readonly (number | null | undefined)[], digits = 4) => {
  const m = mean(xs.filter((x): x is number => typeof x === 'number'))
  return m === null ? null : round(m, digits)
}

/** Least recently used goes first: a Map keeps insertion order, so a hit is moved to the end. */
function touch<K, V>(map: Map<K, V>, key: K): V | undefined {
  const value = map.get(key)
  if (value !== undefined) {
    map.delete(key)
    map.set(key, value)
  }
  return value
}

function encode<T extends z.ZodType>(schema: T, data: z.output<T>): Buffer {
  const result = schema.safeEncode(data)
  if (!result.success) throw new Error(`dashboard response does not match its schema: ${result.error.message}`)
  return Buffer.from(JSON.stringify(result.data))
}

/** The from-scratch scoring of a year (the export's indicator matrix): every active bureau, from the source tables. */
export interface ScratchRow {
  bureau: Bureau
  submission: SubmissionRow | null
  result: BureauScore | null
  rectification: RectificationSummary
}

/** What the dashboard reads from the features that own the indicator catalog, the cycles and the bureaus. */
export type DashboardSources = Pick<CatalogRepository, 'indicatorsForYear'> & Pick<CyclesService, 'listCycles' | 'findCycle'> & Pick<BureausService, 'listBureaus' | 'getBureau'>

/** Those features' services over one database (whole, so a caller can use more of them). */
export const dashboardSources = (db: Db, clock: () => Date) => ({
  ...catalogRepository(db),
  ...cyclesOn(db, clock),
  ...bureausOn(db),
})

export function dashboardService(catalog: DashboardSources, repo: DashboardRepository, clock: () => Date) {
  const store = repo.scores
  let cache = caches.get(store)
  if (!cache) caches.set(store, (cache = { versions: new Map(), boards: new Map(), responses: new Map(), responseBytes: 0, scopes: new Map() }))
  const state = cache

  /**
   * Reads the change counters (one small query) and drops what they say is out of date: everything
   * when bureaus, regions or the catalog changed, else the boards of the years that changed.
   */
  function sync(): Map<number, number> {
    const current = repo.versions()
    const before = state.versions
    if (current.get(0) !== before.get(0)) {
      state.boards.clear()
      state.responses.clear()
      state.responseBytes = 0
      state.scopes.clear()
      state.cycles = undefined
    } else {
      const changed = new Set<number>()
      for (const [year, version] of current) if (before.get(year) !== version) changed.add(year)
      for (const year of before.keys()) if (!current.has(year)) changed.add(year)
      if (changed.size) for (const key of [...state.boards.keys()]) if (changed.has(Number(key.split('|')[0]))) state.boards.delete(key)
      // Cached responses check their own stamps when they are looked up.
    }
    state.versions = current
    return current
  }

  const stampOf = (versions: Map<number, number>, years: readonly number[]) =>
    [0, ...years].map((y) => versions.get(y) ?? 'x').join('.')

  function cycles(): CycleRow[] {
    return (state.cycles ??= catalog.listCycles())
  }

  function scopeOf(regionId: number | undefined): Scope {
    if (regionId === undefined) return EVERYWHERE
    let scope = state.scopes.get(regionId)
    if (!scope) {
      if (!repo.region(regionId)) throw notFound('地区不存在')
      scope = { key: String(regionId), regionIds: repo.regionTree(regionId) }
      state.scopes.set(regionId, scope)
    }
    return scope
  }

  function toBoardRow(r: BoardSourceRow): BoardRow {
    const total = r.rect_total ?? 0
    const done = r.rect_done ?? 0
    const categories: Record<string, number | null> = {}
    for (const c of CATEGORIES) categories[c.code] = r[CATEGORY_COLUMNS[c.code] as keyof BoardSourceRow] as number | null
    return {
      bureau: {
        id: r.id,
        code: r.code,
        name: r.name,
        shortName: r.short_name,
        type: r.type,
        regionId: r.region_id,
        regionName: r.region_name,
        hasEnforcement: r.has_enforcement === 1,
        active: r.active === 1,
      },
      status: r.status,
      submittedAt: r.submitted_at,
      score: r.score,
      completion: r.completion,
      fillRate: r.fill_rate,
      categories,
      rectification: {
        total,
        notStarted: r.rect_not_started ?? 0,
        inProgress: r.rect_in_progress ?? 0,
        done,
        overdue: r.rect_overdue ?? 0,
        completionRate: total ? round(done / total, 4) : null,
      },
      rank: null,
    }
  }

  /** Rows whose figures do not hold now (dirty, or an item's deadline passed since) are recomputed first. */
  function readRows(year: number, scope: Scope, now: number): BoardSourceRow[] {
    store.refresh(new Date(now), year)
    let rows = repo.boardRows(year, scope.regionIds)
    const stale = (r: BoardSourceRow) =>
      r.dirty === 1 || (r.valid_from !== null && !(r.valid_from < now)) || (r.valid_until !== null && !(now <= r.valid_until))
    const outdated = rows.filter(stale).map((r) => r.id)
    if (outdated.length) {
      store.refreshRows(year, outdated, new Date(now))
      rows = repo.boardRows(year, scope.regionIds)
    }
    return rows
  }

  function buildBoard(year: number, scope: Scope, versions: Map<number, number>, now: number): Board | null {
    const cycle = cycles().find((c) => c.year === year)
    if (!cycle) return null
    const source = readRows(year, scope, now)
    const window = always()
    const rows = source.map((r) => {
      intersect(window, { from: r.valid_from ?? -Infinity, until: r.valid_until ?? Infinity })
      return toBoardRow(r)
    })
    const ranks = rankBureaus(
      rows
        .filter((r) => r.status !== null)
        .map((r) => ({ bureauId: r.bureau.id, code: r.bureau.code, status: r.status, score: r.score!, completion: r.completion! })),
    )
    for (const r of rows) r.rank = ranks.get(r.bureau.id) ?? null
    return { cycle, rows, byBureau: new Map(rows.map((r) => [r.bureau.id, r])), rankedCount: ranks.size, window, stamp: stampOf(versions, [year]) }
  }

  /** Boards are kept across requests until a change counter moves or `now` leaves their window. */
  function boards(versions: Map<number, number>, now: number) {
    return (year: number, scope: Scope): Board | null => {
      const key = `${year}|${scope.key}`
      const cached = touch(state.boards, key)
      if (cached && cached.stamp === stampOf(versions, [year]) && holds(cached.window, now)) return cached
      const board = buildBoard(year, scope, versions, now)
      if (board) {
        state.boards.set(key, board)
        if (state.boards.size > MAX_BOARDS) state.boards.delete(state.boards.keys().next().value!)
      } else state.boards.delete(key)
      return board
    }
  }

  function requireBoard(board: Board | null, year: number): Board {
    if (!board) throw noSuchCycle(year)
    return board
  }

  const reported = (board: Board) => board.rows.filter((r) => isReported(r.status))

  function indicatorsOf(board: Board): YearIndicators {
    return (board.indicators ??= catalog.indicatorsForYear(board.cycle.year))
  }

  /** Each indicator's mean value over the reported bureaus it applies to (from the stored applicable values). */
  function indicatorAverages(board: Board): Map<string, number | null> {
    if (board.indicatorAverages) return board.indicatorAverages
    const sums = new Map<string, number[]>()
    const ids = reported(board).map((r) => r.bureau.id)
    for (const { indicator_values } of repo.indicatorValues(board.cycle.year, ids)) {
      if (!indicator_values) continue
      for (const [code, value] of Object.entries(JSON.parse(indicator_values) as Record<string, number>)) {
        const list = sums.get(code)
        if (list) list.push(value)
        else sums.set(code, [value])
      }
    }
    return (board.indicatorAverages = new Map(indicatorsOf(board).map((ind) => [ind.code, averageOf(sums.get(ind.code) ?? [], 2)])))
  }

  /** The scope's totals for a year: what the summary heads with and what the trend plots. */
  function aggregatesOf(board: Board): Aggregates {
    return (board.aggregates ??= computeAggregates(board))
  }

  function computeAggregates(board: Board): Aggregates {
    const rates = reportingRates(
      board.rows.map((r) => ({ status: r.status, submittedAt: r.submittedAt })),
      board.cycle.dueDate,
    )
    const reportedRows = reported(board)
    const t = { total: 0, notStarted: 0, inProgress: 0, done: 0, overdue: 0 }
    for (const { rectification: x } of board.rows) {
      t.total += x.total
      t.notStarted += x.notStarted
      t.inProgress += x.inProgress
      t.done += x.done
      t.overdue += x.overdue
    }
    return {
      ...rates,
      averageScore: averageOf(reportedRows.map((r) => r.score), 2),
      rectification: { ...t, completionRate: t.total ? round(t.done / t.total, 4) : null },
      categories: CATEGORIES.map((c) => ({ code: c.code, name: c.name, averageAttainment: averageOf(reportedRows.map((r) => r.categories[c.code])) })),
    }
  }

  function summaryOf(board: Board, previous: Board | null, now: Date, window: TimeWindow): Summary {
    const { cycle } = board
    const bureaus: SummaryBureau[] = board.rows.map((r) => {
      const reportedNow = isReported(r.status)
      const submittedAt = reportedNow ? r.submittedAt : null
      if (!submittedAt) narrowByDaysLate(window, cycle.dueDate, now.getTime())
      return {
        bureauId: r.bureau.id,
        code: r.bureau.code,
        name: r.bureau.name,
        shortName: r.bureau.shortName,
        type: r.bureau.type,
        status: summaryStatusOf(r.status),
        submittedAt,
        onTime: reportedNow ? isOnTime(submittedAt, cycle.dueDate) : null,
        daysOverdue: daysOverdue(cycle.dueDate, submittedAt ? new Date(submittedAt) : now),
        score: r.score,
        completion: r.completion,
        fillRate: r.fillRate,
        rank: r.rank,
        rankChange: rankChange(r.rank, previous?.byBureau.get(r.bureau.id)?.rank),
        categories: r.categories,
        rectification: r.rectification,
      }
    })
    return { year: cycle.year, dueDate: cycle.dueDate, ...aggregatesOf(board), bureaus }
  }

  function rankingOf(board: Board, previous: Board | null): Ranking {
    const rows = board.rows
      .filter((r) => r.rank !== null)
      .sort((a, b) => a.rank! - b.rank!)
      .map((r) => {
        const previousRank = previous?.byBureau.get(r.bureau.id)?.rank ?? null
        return {
          rank: r.rank!,
          previousRank,
          rankChange: rankChange(r.rank, previousRank),
          bureauId: r.bureau.id,
          code: r.bureau.code,
          name: r.bureau.name,
          shortName: r.bureau.shortName,
          type: r.bureau.type,
          score: r.score!,
          completion: r.completion!,
          categories: r.categories,
        }
      })
    const unreported = board.rows.filter((r) => r.rank === null).map((r) => ({ bureauId: r.bureau.id, code: r.bureau.code, name: r.bureau.name }))
    return { year: board.cycle.year, rows, unreported }
  }

  function trendsOf(board: (year: number, scope: Scope) => Board | null, scope: Scope, from: number | undefined, to: number | undefined, now: Date, window: TimeWindow): TrendYear[] {
    return cycles()
      .filter((c) => {
        if (from !== undefined && c.year < from) return false
        if (to !== undefined) return c.year <= to
        narrowAt(window, endOfDueDate(c.dueDate).getTime(), now.getTime())
        return isPastDue(c.dueDate, now)
      })
      .map((c) => {
        const b = board(c.year, scope)!
        intersect(window, b.window)
        const s = aggregatesOf(b)
        return {
          year: c.year,
          expected: s.expected,
          reported: s.reported,
          reportingRate: s.reportingRate,
          onTimeRate: s.onTimeRate,
          averageScore: s.averageScore,
          rectificationCompletionRate: s.rectification.completionRate,
          categories: Object.fromEntries(s.categories.map((x) => [x.code, x.averageAttainment])),
        }
      })
  }

  /**
   * A response from the cache, or computed, serialised and cached. `compute` narrows the window to
   * the span in which its answer holds; `years` are the change counters it depends on.
   */
  function cachedResponse<T extends z.ZodType>(
    versions: Map<number, number>,
    key: string,
    schema: T,
    years: (versions: Map<number, number>) => number[],
    compute: (board: (year: number, scope: Scope) => Board | null, now: Date, window: TimeWindow) => z.output<T>,
  ): CachedResponse {
    const now = clock()
    const stamp = stampOf(versions, years(versions))
    const hit = touch(state.responses, key)
    if (hit && hit.stamp === stamp && holds(hit.window, now.getTime())) return hit
    if (hit) {
      state.responses.delete(key)
      state.responseBytes -= hit.body.length
    }
    const window = always()
    const body = encode(schema, compute(boards(versions, now.getTime()), now, window))
    // Weak: the same entity is sent gzipped or not.
    const entry: CachedResponse = { body, etag: `W/"${createHash('sha1').update(body).digest('base64url')}"`, stamp, window }
    state.responses.set(key, entry)
    state.responseBytes += body.length
    while (state.responseBytes > MAX_RESPONSE_BYTES && state.responses.size > 1) {
      const [oldest, evicted] = state.responses.entries().next().value!
      state.responses.delete(oldest)
      state.responseBytes -= evicted.body.length
    }
    return entry
  }

  const summaryKey = (year: number, scope: Scope) => `summary|${year}|${scope.key}`

  function computeSummary(year: number, scope: Scope) {
    return (board: (year: number, scope: Scope) => Board | null, now: Date, window: TimeWindow): Summary => {
      const current = requireBoard(board(year, scope), year)
      const previous = board(year - 1, scope)
      intersect(window, current.window)
      if (previous) intersect(window, previous.window)
      return summaryOf(current, previous, now, window)
    }
  }

  function computeRanking(year: number, scope: Scope) {
    return (board: (year: number, scope: Scope) => Board | null, _now: Date, window: TimeWindow): Ranking => {
      const current = requireBoard(board(year, scope), year)
      const previous = board(year - 1, scope)
      intersect(window, current.window)
      if (previous) intersect(window, previous.window)
      return rankingOf(current, previous)
    }
  }

  /** The detail of one bureau-year, scored from its own rows (a handful of indexed reads). */
  function bureauDetail(bureau: Bureau, year: number, indicators: YearIndicators, publishDeadline: string, now: Date) {
    const submission = repo.submission(bureau.id, year) ?? null
    if (!submission) return null
    const values: Record<string, StoredValue> = {}
    for (const v of repo.values(submission.id)) values[v.code] = { value: v.value, notApplicable: v.notApplicable }
    const rectification = summariseRectification(repo.rectificationItems(bureau.id, year), now)
    return computeBureauScore(indicators, values, {
      hasEnforcement: bureau.hasEnforcement,
      publishedOnTime: isPublishedOnTime(submission.publishedAt, publishDeadline),
      rectification,
    })
  }

  /** Every active bureau scored from the source tables, as the dashboard did before it had a pre-aggregated table. */
  function scratchBoard(year: number): { cycle: CycleRow; indicators: YearIndicators; rows: ScratchRow[] } | null {
    const cycle = catalog.findCycle(year)
    if (!cycle) return null
    const now = clock()
    const indicators = catalog.indicatorsForYear(year)
    const submissionByBureau = new Map(repo.submissionsForYear(year).map((s) => [s.bureauId, s]))
    const valuesBySubmission = new Map<number, Record<string, StoredValue>>()
    for (const v of repo.valuesForYear(year)) {
      let values = valuesBySubmission.get(v.submissionId)
      if (!values) valuesBySubmission.set(v.submissionId, (values = {}))
      values[v.code] = { value: v.value, notApplicable: v.notApplicable }
    }
    const itemsByBureau = new Map<number, { status: string; deadline: string }[]>()
    for (const it of repo.rectificationForYear(year)) itemsByBureau.set(it.bureauId, [...(itemsByBureau.get(it.bureauId) ?? []), it])
    const rows = catalog.listBureaus({ activeOnly: true }).map((bureau) => {
      const submission = submissionByBureau.get(bureau.id) ?? null
      const { window: _window, ...rectification } = summariseRectification(itemsByBureau.get(bureau.id) ?? [], now)
      const result = submission
        ? computeBureauScore(indicators, valuesBySubmission.get(submission.id) ?? {}, {
            hasEnforcement: bureau.hasEnforcement,
            publishedOnTime: isPublishedOnTime(submission.publishedAt, cycle.publishDeadline),
            rectification,
          })
        : null
      return { bureau, submission, result, rectification }
    })
    return { cycle, indicators, rows }
  }

  const live = () => {
    const versions = sync()
    const now = clock()
    return { now, board: boards(versions, now.getTime()) }
  }

  return {
    /** The summary as served over HTTP: cached, serialised, with an ETag. */
    summaryResponse(year: number, regionId?: number): CachedResponse {
      const versions = sync()
      const scope = scopeOf(regionId)
      return cachedResponse(versions, summaryKey(year, scope), Summary, () => [year, year - 1], computeSummary(year, scope))
    },

    rankingResponse(year: number, regionId?: number): CachedResponse {
      const versions = sync()
      const scope = scopeOf(regionId)
      return cachedResponse(versions, `ranking|${year}|${scope.key}`, Ranking, () => [year, year - 1], computeRanking(year, scope))
    },

    trendsResponse(from: number | undefined, to: number | undefined, regionId?: number): CachedResponse {
      const versions = sync()
      const scope = scopeOf(regionId)
      return cachedResponse(
        versions,
        `trends|${from ?? ''}|${to ?? ''}|${scope.key}`,
        Trends,
        (versions) => [...versions.keys()].filter((y) => y !== 0).sort(),
        (board, now, window) => ({ years: trendsOf(board, scope, from, to, now, window) }),
      )
    },

    summary(year: number, regionId?: number): Summary {
      const { now, board } = live()
      return computeSummary(year, scopeOf(regionId))(board, now, always())
    },

    ranking(year: number, regionId?: number): Ranking {
      const { now, board } = live()
      return computeRanking(year, scopeOf(regionId))(board, now, always())
    },

    trends(from: number | undefined, to: number | undefined, regionId?: number): TrendYear[] {
      const { now, board } = live()
      return trendsOf(board, scopeOf(regionId), from, to, now, always())
    },

    overview(user: User, bureauId: number, year: number, regionId?: number): BureauOverview {
      assertBureauAccess(user, bureauId)
      const { now, board } = live()
      const scope = scopeOf(regionId)
      const current = requireBoard(board(year, scope), year)
      const row = current.byBureau.get(bureauId)
      if (!row) {
        const bureau = catalog.getBureau(bureauId)
        if (bureau?.active && scope.regionIds) throw badRequest(`${bureau.name}不在所选地区内`)
        throw notFound(bureau ? `${bureau.name}已停用` : '单位不存在')
      }
      const previous = board(year - 1, scope)
      const indicators = indicatorsOf(current)
      const averages = indicatorAverages(current)
      const detail = row.status ? bureauDetail(row.bureau, year, indicators, current.cycle.publishDeadline, now) : null
      const byCode = new Map(detail?.indicators.map((i) => [i.code, i]))
      const categoryAverages = aggregatesOf(current).categories
      return {
        year,
        bureau: row.bureau,
        status: summaryStatusOf(row.status),
        submittedAt: row.submittedAt,
        score: row.score,
        completion: row.completion,
        fillRate: row.fillRate,
        rank: row.rank,
        rankChange: rankChange(row.rank, previous?.byBureau.get(bureauId)?.rank),
        rankedCount: current.rankedCount,
        indicators: indicators.map((ind) => {
          const r = byCode.get(ind.code)
          return {
            code: ind.code,
            category: ind.category,
            name: ind.name,
            unit: ind.unit,
            kind: ind.kind,
            derivedAs: ind.derivedAs,
            direction: ind.direction,
            value: r?.value ?? null,
            target: ind.target,
            weight: ind.weight,
            applicable: r?.applicable ?? false,
            filled: r?.filled ?? false,
            attainment: r?.attainment ?? null,
            met: r?.met ?? false,
            pointsAvailable: r?.pointsAvailable ?? 0,
            countyAverage: averages.get(ind.code) ?? null,
          }
        }),
        categories: CATEGORIES.map((c, i) => ({
          code: c.code,
          name: c.name,
          attainment: row.categories[c.code as CategoryCode] ?? null,
          countyAverage: categoryAverages[i].averageAttainment,
        })),
        rankHistory: cycles()
          .filter((c) => c.year <= year)
          .map((c) => {
            const r = board(c.year, scope)?.byBureau.get(bureauId)
            return { year: c.year, rank: r?.rank ?? null, score: r?.rank != null ? r.score : null }
          }),
        ledgerCounts: repo.ledgerCounts(bureauId, year),
        rectification: row.rectification,
      }
    },

    /** Every active bureau's per-indicator results for a year, scored from the source tables (for exports). */
    indicatorMatrix(year: number) {
      const current = scratchBoard(year)
      if (!current) throw noSuchCycle(year)
      const reportedRows = current.rows.filter((r) => isReported(r.submission?.status))
      return {
        indicators: current.indicators,
        byBureau: new Map(current.rows.map((r) => [r.bureau.id, r.result?.indicators ?? null])),
        countyAverage: new Map(
          current.indicators.map((ind) => [
            ind.code,
            averageOf(
              reportedRows.map((r) => {
                const result = r.result!.indicators.find((i) => i.code === ind.code)
                return result?.applicable ? result.value : null
              }),
              2,
            ),
          ]),
        ),
      }
    },

    /** The year scored from scratch (the source tables, no pre-aggregated rows): what the cache must equal. */
    scratchBoard,

    vertical(year: number, type: string | undefined): Vertical {
      const { board } = live()
      const current = requireBoard(board(year, EVERYWHERE), year)
      const regionsByType = new Map<string, Set<number>>()
      for (const r of current.rows) regionsByType.set(r.bureau.type, (regionsByType.get(r.bureau.type) ?? new Set()).add(r.bureau.regionId))
      const types = [...regionsByType].filter(([, regions]) => regions.size > 1).map(([t]) => t)
      const chosen = type ?? types[0] ?? null
      const sameType = current.rows.filter((r) => r.bureau.type === chosen)
      const typeRanks = rankBureaus(
        sameType.filter((r) => r.status !== null).map((r) => ({ bureauId: r.bureau.id, code: r.bureau.code, status: r.status, score: r.score!, completion: r.completion! })),
      )
      const rows = sameType
        .map((r) => ({
          regionId: r.bureau.regionId,
          regionName: r.bureau.regionName,
          bureauId: r.bureau.id,
          name: r.bureau.name,
          status: summaryStatusOf(r.status),
          score: r.score,
          completion: r.completion,
          typeRank: typeRanks.get(r.bureau.id) ?? null,
          categories: r.categories,
        }))
        .sort((a, b) => (a.typeRank ?? Infinity) - (b.typeRank ?? Infinity) || a.regionName.localeCompare(b.regionName, 'zh'))
      return { year, types, type: chosen, rows }
    },
  }
}
export type DashboardService = ReturnType<typeof dashboardService>
