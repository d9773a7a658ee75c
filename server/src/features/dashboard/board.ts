import {
  assignGrades,
  type Bureau,
  CATEGORIES,
  type Grade,
  type CountyFigure,
  isReported,
  isYesNo,
  excellentSeats,
  mean,
  pastQuota,
  rankBureaus,
  rankOrder,
  tiedRanks,
  takesExcellentSeat,
  type RectificationSummary,
  reportingRates,
  round,
  type SubmissionStatus,
  type SummaryTotals,
} from '@fazhi/shared'
import type { Db } from '../../db/client'
import { type BureausService, bureausOn } from '../bureaus/service'
import { type CatalogRepository, catalogRepository, type YearSettings } from '../catalog/repository'
import type { CycleRow } from '../cycles/repository'
import { type CyclesService, cyclesOn } from '../cycles/service'
import { type DashboardCache, keepBoard, type Scope, stampOf, touch } from './cache'
import type { BoardSourceRow, DashboardRepository } from './repository'
import { CATEGORY_COLUMNS } from './scores'
import { always, holds, intersect, type TimeWindow } from './window'

type YearIndicators = Awaited<ReturnType<CatalogRepository['indicatorsForYear']>>

/** What the dashboard reads from the features that own the year's scheme, the cycles and the bureaus. */
export type DashboardSources = Pick<CatalogRepository, 'indicatorsForYear' | 'settingsForYear'> & Pick<CyclesService, 'listCycles' | 'findCycle'> & Pick<BureausService, 'listBureaus' | 'getBureau'>

/** Those features' services over one database (whole, so a caller can use more of them). */
export const dashboardSources = (db: Db, clock: () => Date) => ({
  ...catalogRepository(db),
  ...cyclesOn(db, clock),
  ...bureausOn(db),
})

/** One bureau of a year's board (it existed that year): its pre-aggregated figures, its rank within the board's scope and its grade. */
export interface BoardRow {
  bureau: Bureau
  /** The bureau-year has a pre-aggregated row (a submission or rectification items). */
  scored: boolean
  status: SubmissionStatus | null
  submittedAt: string | null
  /** The report's timing for the on-time rule (`isReportOnTime`). */
  firstSubmittedAt: string | null
  lateResubmissions: number
  score: number | null
  completion: number | null
  fillRate: number | null
  categories: Record<string, number | null>
  /** Under the year's rules: bonus and late deduction inside `score`, a veto's grade ceiling. */
  bonus: number | null
  deduction: number | null
  gradeCap: Grade | null
  rectification: RectificationSummary
  window: TimeWindow
  rank: number | null
  /** Its rank is shared with another row of the scope (并列). */
  tied: boolean
  /** The grade (等次) among the ranked rows of the board's scope; null while unranked. */
  grade: Grade | null
}

/**
 * Scores, ranks and 整改 counts of every active bureau in a scope for one year, read from the
 * pre-aggregated table. Valid while the change counters in `stamp` are unchanged and `now` is
 * inside `window`; when only the year's counter moved, the rows recomputed since `version` are
 * patched in and the board re-ranked.
 */
export interface Board {
  cycle: CycleRow
  rows: BoardRow[]
  byBureau: Map<number, BoardRow>
  rankedCount: number
  window: TimeWindow
  /** The year's change counter the rows are current with. */
  version: number
  stamp: string
  /** The year's scheme settings the grades follow. */
  settings: YearSettings
  /** A region's board, not every bureau's. */
  scoped: boolean
  // Worked out once per board (and again after a patch), when first asked for:
  indicators?: YearIndicators
  indicatorAverages?: Map<string, CountyFigure>
  aggregates?: SummaryTotals
}

export const averageOf = (xs: readonly (number | null | undefined)[], digits = 4) => {
  const m = mean(xs.filter((x): x is number => typeof x === 'number'))
  return m === null ? null : round(m, digits)
}

/** The indicator whose county figure is the county rate (items pooled), never a mean of bureau rates. */
const COMPLETION_RATE = 'rectification.completion_rate'

/** Only a reported submission (submitted or approved) is scored: a draft, a returned report and no report carry no figures. */
function toBoardRow(r: BoardSourceRow): BoardRow {
  const total = r.rect_total ?? 0
  const done = r.rect_done ?? 0
  const reportedNow = isReported(r.status)
  const categories: Record<string, number | null> = {}
  for (const c of CATEGORIES) categories[c.code] = reportedNow ? (r[CATEGORY_COLUMNS[c.code] as keyof BoardSourceRow] as number | null) : null
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
      active: r.active_until === null,
      category: r.category,
      activeFrom: r.active_from,
      activeUntil: r.active_until,
      successorId: r.successor_id,
      version: r.bureau_version,
    },
    scored: r.dirty !== null,
    status: r.status,
    submittedAt: r.submitted_at,
    firstSubmittedAt: r.first_submitted_at,
    lateResubmissions: r.late_resubmissions ?? 0,
    score: reportedNow ? r.score : null,
    completion: reportedNow ? r.completion : null,
    fillRate: reportedNow ? r.fill_rate : null,
    categories,
    bonus: reportedNow ? r.bonus : null,
    deduction: reportedNow ? r.deduction : null,
    gradeCap: reportedNow ? r.grade_cap : null,
    rectification: {
      total,
      notStarted: r.rect_not_started ?? 0,
      inProgress: r.rect_in_progress ?? 0,
      pending: r.rect_pending ?? 0,
      done,
      overdue: r.rect_overdue ?? 0,
      completionRate: total ? round(done / total, 4) : null,
    },
    window: { from: r.valid_from ?? -Infinity, until: r.valid_until ?? Infinity },
    rank: null,
    tied: false,
    grade: null,
  }
}

/** What ranking and grading read of a row: a board's, or one scored under a scheme not saved yet (the scheme preview). */
export type RankableRow = Pick<BoardRow, 'status' | 'score' | 'completion' | 'gradeCap'> & { bureau: Pick<Bureau, 'id' | 'code'> }

const rankInput = (r: RankableRow) => ({ bureauId: r.bureau.id, code: r.bureau.code, status: r.status, score: r.score!, completion: r.completion! })

/** Ranks of the reported rows among the given ones. */
export const ranksOf = (rows: readonly RankableRow[]) => rankBureaus(rows.filter((r) => r.status !== null).map(rankInput))

/** Grades of the ranked rows, in rank order, by the year's thresholds, vetoes and 优秀 quota. */
export function gradesOf(rows: readonly RankableRow[], ranks: ReadonlyMap<number, number>, settings: Pick<YearSettings, 'grades' | 'excellentQuota'>): Map<number, Grade> {
  // Tied rows take 优秀 seats in the list's order (bureau code), as `gradeAcrossCounty` does.
  const ranked = rows.filter((r) => ranks.has(r.bureau.id)).sort((a, b) => ranks.get(a.bureau.id)! - ranks.get(b.bureau.id)! || a.bureau.code.localeCompare(b.bureau.code))
  return assignGrades(
    ranked.map((r) => ({ bureauId: r.bureau.id, score: r.score!, gradeCap: r.gradeCap })),
    settings,
  )
}

/** Ranks, grades, window and the figures worked out from the rows, after the rows were read or patched. */
function settle(board: Board): void {
  const ranks = ranksOf(board.rows)
  // A region's board grades without the 优秀 quota, which `gradeAcrossCounty` then applies county-wide.
  const grades = gradesOf(board.rows, ranks, board.scoped ? { ...board.settings, excellentQuota: null } : board.settings)
  const window = always()
  const tied = tiedRanks(ranks.values())
  for (const r of board.rows) {
    r.rank = ranks.get(r.bureau.id) ?? null
    r.tied = r.rank !== null && tied.has(r.rank)
    r.grade = grades.get(r.bureau.id) ?? null
    intersect(window, r.window)
  }
  board.rankedCount = ranks.size
  board.window = window
  board.aggregates = undefined
}

const reported = (board: Board) => board.rows.filter((r) => isReported(r.status))

/** The boards of one database: read from the pre-aggregated rows, kept in its cache, patched when rows change. */
export function boardsOf(catalog: DashboardSources, repo: DashboardRepository, cache: DashboardCache) {
  const store = repo.scores

  const cycles = async (): Promise<CycleRow[]> => (cache.cycles ??= await catalog.listCycles())

  /** Rows whose figures do not hold now (dirty, or an item's deadline passed since) are recomputed first. */
  async function current(year: number, read: () => Promise<BoardSourceRow[]>, now: number): Promise<BoardSourceRow[]> {
    let rows = await read()
    const outdated = rows
      .filter((r) => r.dirty === 1 || (r.valid_from !== null && !(r.valid_from < now)) || (r.valid_until !== null && !(now <= r.valid_until)))
      .map((r) => r.id)
    if (outdated.length) {
      await store.refreshRows(year, outdated, new Date(now))
      rows = await read()
    }
    return rows
  }

  async function build(cycle: CycleRow, scope: Scope, versions: Map<number, number>, now: number): Promise<Board> {
    const { year } = cycle
    const rows = (await current(year, () => repo.boardRows(year, scope.regionIds), now)).map(toBoardRow)
    const board: Board = {
      cycle,
      rows,
      byBureau: new Map(rows.map((r) => [r.bureau.id, r])),
      rankedCount: 0,
      window: always(),
      version: versions.get(year) ?? 0,
      stamp: stampOf(versions, [year]),
      settings: await catalog.settingsForYear(year),
      scoped: scope.regionIds !== null,
    }
    settle(board)
    return board
  }

  /**
   * Brings a board whose year's counter moved up to date by re-reading only the bureaus whose rows
   * were recomputed since, or that gained or lost a row; the other rows keep their objects.
   */
  async function patch(board: Board, scope: Scope, versions: Map<number, number>, now: number): Promise<void> {
    const { year } = board.cycle
    const { recomputed, scored } = await repo.changesSince(year, board.version, scope.regionIds && board.rows.map((r) => r.bureau.id))
    const changed = new Set(recomputed.filter((id) => board.byBureau.has(id)))
    for (const r of board.rows) if (r.scored !== scored.has(r.bureau.id)) changed.add(r.bureau.id)
    // The counter also moves when the year's scheme changes: its grades may change with no row recomputed.
    const settings = await catalog.settingsForYear(year)
    const regrade = settings.version !== board.settings.version
    board.settings = settings
    if (changed.size) {
      const fresh = new Map((await current(year, () => repo.boardRowsOf(year, [...changed]), now)).map((r) => [r.id, toBoardRow(r)]))
      board.rows = board.rows.map((r) => fresh.get(r.bureau.id) ?? r)
      for (const r of fresh.values()) board.byBureau.set(r.bureau.id, r)
    }
    if (changed.size || regrade) settle(board)
    // The counter also moves for the year's targets and weights, which the averages are taken over.
    board.indicators = undefined
    board.indicatorAverages = undefined
    board.version = versions.get(year) ?? 0
    board.stamp = stampOf(versions, [year])
  }

  /** The board of a year and scope at `now`: kept across requests, patched when the year's rows changed, rebuilt when `now` leaves its window. */
  async function board(year: number, scope: Scope, versions: Map<number, number>, now: number): Promise<Board | null> {
    const key = `${year}|${scope.key}`
    const cycle = (await cycles()).find((c) => c.year === year)
    if (!cycle) {
      cache.boards.delete(key)
      return null
    }
    const kept = touch(cache.boards, key)
    // A trigger that marks a row dirty also moves the year's counter: an unchanged stamp means no dirty rows.
    const unchanged = kept?.stamp === stampOf(versions, [year])
    if (!unchanged) await store.refresh(year, new Date(now))
    if (kept && holds(kept.window, now)) {
      if (!unchanged) {
        await patch(kept, scope, versions, now)
        // Any write of the year may move the county's 优秀 seats, in this region or not.
        await gradeAcrossCounty(kept, now)
      }
      return kept
    }
    const built = await build(cycle, scope, versions, now)
    await gradeAcrossCounty(built, now)
    keepBoard(cache, key, built)
    return built
  }

  /**
   * A grade is the county's, whatever the view. Thresholds and vetoes grade a row by itself; an 优秀
   * quota depends on the whole ranking, so a region's board (settled without the quota) decides each
   * of its 优秀 rows against the county's ranked rows (kept per year, see `countyRanked`).
   */
  async function gradeAcrossCounty(scoped: Board, now: number): Promise<void> {
    const { excellentQuota, grades } = scoped.settings
    if (!scoped.scoped || excellentQuota === null || !grades.some((g) => g.grade === '优秀')) return
    const year = scoped.cycle.year
    const ranked = await countyRanked(year, scoped.version)
    const takesSeat = takesExcellentSeat(grades)
    let seated = [...ranked.byBureau.values()].filter(takesSeat)
    // A row past its window can only have lost points since (an item fell overdue): recompute those first.
    const outdated = seated.filter((c) => (c.validFrom !== null && !(c.validFrom < now)) || (c.validUntil !== null && !(now <= c.validUntil))).map((c) => c.bureauId)
    if (outdated.length) {
      await store.refreshRows(year, outdated, new Date(now))
      const fresh = new Map((await repo.rankedRows(year, outdated)).map((r) => [r.bureauId, r]))
      for (const id of outdated) if (fresh.has(id)) ranked.byBureau.set(id, fresh.get(id)!)
      else ranked.byBureau.delete(id)
      seated = [...ranked.byBureau.values()].filter(takesSeat)
    }
    // As `assignGrades` over the whole ranking: a region's 优秀 keeps its seat when fewer than the seats
    // of the county's ranked count rank before it among those taking one (no sort of the county needed).
    const seats = excellentSeats(excellentQuota, ranked.byBureau.size)
    for (const r of scoped.rows) {
      const own = ranked.byBureau.get(r.bureau.id)
      if (!own || !takesSeat(own)) continue
      const ahead = seated.reduce((n, c) => (rankOrder(c, own) < 0 ? n + 1 : n), 0)
      r.grade = ahead < seats ? '优秀' : pastQuota(own.score, grades)
    }
  }

  /** Every ranked bureau-year of the county for `year` at its change counter `version`: kept, and patched with the rows recomputed since. */
  async function countyRanked(year: number, version: number) {
    const kept = cache.ranked.get(year)
    if (kept && kept.version === version) return kept
    if (kept) {
      const { recomputed, rows } = await repo.recomputedSince(year, kept.version)
      // A row that went (or came without a recomputation) changes the count: read the year again.
      if (rows === kept.rows) {
        const fresh = new Map((await repo.rankedRows(year, recomputed)).map((r) => [r.bureauId, r]))
        for (const id of recomputed) if (fresh.has(id)) kept.byBureau.set(id, fresh.get(id)!)
        else kept.byBureau.delete(id)
        kept.version = version
        return kept
      }
    }
    const { rows } = await repo.recomputedSince(year, version)
    const built = { version, rows, byBureau: new Map((await repo.rankedRows(year)).map((r) => [r.bureauId, r])) }
    cache.ranked.set(year, built)
    return built
  }

  async function indicatorsOf(board: Board): Promise<YearIndicators> {
    return (board.indicators ??= await catalog.indicatorsForYear(board.cycle.year))
  }

  /**
   * Each indicator's county figure over the reported bureaus it applies to (from the stored
   * applicable values): the mean; for 是/否 indicators how many answered 是; for 整改完成率 the
   * county rate of the summary (items pooled), so that every page and export names one figure.
   */
  async function indicatorAverages(board: Board): Promise<Map<string, CountyFigure>> {
    if (board.indicatorAverages) return board.indicatorAverages
    const sums = new Map<string, number[]>()
    for (const { indicator_values } of await repo.indicatorValues(board.cycle.year, reported(board).map((r) => r.bureau.id))) {
      if (!indicator_values) continue
      for (const [code, value] of Object.entries(JSON.parse(indicator_values) as Record<string, number>)) {
        const list = sums.get(code)
        if (list) list.push(value)
        else sums.set(code, [value])
      }
    }
    const pooled = totalsOf(board).rectification.completionRate
    const figureOf = (ind: YearIndicators[number]): CountyFigure => {
      const values = sums.get(ind.code) ?? []
      if (isYesNo(ind)) return { average: null, yes: { yes: values.filter((v) => v >= 1).length, of: values.length } }
      if (ind.code === COMPLETION_RATE) return { average: pooled === null ? null : round(pooled * 100, 2), yes: null }
      return { average: averageOf(values, 2), yes: null }
    }
    return (board.indicatorAverages = new Map((await indicatorsOf(board)).map((ind) => [ind.code, figureOf(ind)])))
  }

  /** The scope's totals for a year: what the summary heads with and what the trend plots. */
  function totalsOf(board: Board): SummaryTotals {
    if (board.aggregates) return board.aggregates
    const rates = reportingRates(board.rows, board.cycle.dueDate)
    const reportedRows = reported(board)
    const t = { total: 0, notStarted: 0, inProgress: 0, pending: 0, done: 0, overdue: 0 }
    for (const { rectification: x } of board.rows) {
      t.total += x.total
      t.notStarted += x.notStarted
      t.inProgress += x.inProgress
      t.pending += x.pending
      t.done += x.done
      t.overdue += x.overdue
    }
    return (board.aggregates = {
      ...rates,
      averageScore: averageOf(reportedRows.map((r) => r.score), 2),
      rectification: { ...t, completionRate: t.total ? round(t.done / t.total, 4) : null },
      categories: CATEGORIES.map((c) => ({ code: c.code, name: c.name, averageAttainment: averageOf(reportedRows.map((r) => r.categories[c.code])) })),
    })
  }

  /** Every year's dirty rows recomputed, with no board kept (the recomputation a board does before it serves). */
  async function recomputeDirty(now: Date): Promise<void> {
    for (const c of await cycles()) await store.refresh(c.year, now)
  }

  return { board, cycles, indicatorsOf, indicatorAverages, recomputeDirty, totalsOf }
}
export type Boards = ReturnType<typeof boardsOf>
