import {
  type Bureau,
  type BureauOverview,
  type BureauScore,
  CATEGORIES,
  computeBureauScore,
  daysOverdue,
  endOfDueDate,
  isOnTime,
  isOverdue,
  isReported,
  mean,
  rankBureaus,
  rankChange,
  type Ranking,
  type RectificationSummary,
  reportingRates,
  round,
  type StoredValue,
  type Summary,
  type SummaryBureau,
  type TrendYear,
  type Vertical,
  type User,
} from '@fazhi/shared'
import { assertBureauAccess } from '../../plugins/access'
import { notFound } from '../../errors'
import type { CatalogRepository, CycleRow } from '../catalog/repository'
import type { DashboardRepository, SubmissionRow } from './repository'

interface BoardRow {
  bureau: Bureau
  submission: SubmissionRow | null
  result: BureauScore | null
  rectification: RectificationSummary
  rank: number | null
}

interface Scoreboard {
  cycle: CycleRow
  indicators: ReturnType<CatalogRepository['indicatorsForYear']>
  rows: BoardRow[]
  rankedCount: number
}

function summariseRectification(items: readonly { status: string; deadline: string }[], now: Date): RectificationSummary {
  const s = { total: items.length, notStarted: 0, inProgress: 0, done: 0, overdue: 0 }
  // The four counts are disjoint so they stack: overdue items are not also counted as not started / in progress.
  for (const it of items) {
    if (it.status === 'done') s.done++
    else if (isOverdue(it.status, it.deadline, now)) s.overdue++
    else if (it.status === 'in_progress') s.inProgress++
    else s.notStarted++
  }
  return { ...s, completionRate: s.total ? round(s.done / s.total, 4) : null }
}

const averageOf = (xs: readonly (number | null | undefined)[], digits = 4) => {
  const m = mean(xs.filter((x): x is number => typeof x === 'number'))
  return m === null ? null : round(m, digits)
}

export function dashboardService(catalog: CatalogRepository, repo: DashboardRepository, clock: () => Date) {
  /** Scores, ranks and rectification counts of every active bureau for one year. */
  function scoreboard(year: number): Scoreboard | null {
    const cycle = catalog.findCycle(year)
    if (!cycle) return null
    const now = clock()
    const indicators = catalog.indicatorsForYear(year)
    const bureaus = catalog.listBureaus({ activeOnly: true })
    const submissionByBureau = new Map(repo.submissionsForYear(year).map((s) => [s.bureauId, s]))
    const valuesBySubmission = new Map<number, Record<string, StoredValue>>()
    for (const v of repo.valuesForYear(year)) {
      let values = valuesBySubmission.get(v.submissionId)
      if (!values) valuesBySubmission.set(v.submissionId, (values = {}))
      values[v.code] = { value: v.value, notApplicable: v.notApplicable }
    }
    const itemsByBureau = new Map<number, { status: string; deadline: string }[]>()
    for (const it of repo.rectificationForYear(year)) {
      const list = itemsByBureau.get(it.bureauId) ?? []
      list.push(it)
      itemsByBureau.set(it.bureauId, list)
    }

    const rows: BoardRow[] = bureaus.map((bureau) => {
      const submission = submissionByBureau.get(bureau.id) ?? null
      const rectification = summariseRectification(itemsByBureau.get(bureau.id) ?? [], now)
      const result = submission
        ? computeBureauScore(indicators, valuesBySubmission.get(submission.id) ?? {}, {
            hasEnforcement: bureau.hasEnforcement,
            publishedOnTime: submission.publishedAt !== null && submission.publishedAt <= cycle.publishDeadline,
            rectification: rectification,
          })
        : null
      return { bureau, submission, result, rectification, rank: null }
    })
    const ranks = rankBureaus(
      rows
        .filter((r) => r.result)
        .map((r) => ({
          bureauId: r.bureau.id,
          code: r.bureau.code,
          status: r.submission!.status,
          score: r.result!.score,
          completion: r.result!.completion,
        })),
    )
    for (const r of rows) r.rank = ranks.get(r.bureau.id) ?? null
    return { cycle, indicators, rows, rankedCount: ranks.size }
  }

  /** Scoreboards are computed once per request and shared by the lookups a response needs. */
  function memoised() {
    const cache = new Map<number, Scoreboard | null>()
    return (year: number) => {
      if (!cache.has(year)) cache.set(year, scoreboard(year))
      return cache.get(year)!
    }
  }

  const categoryMap = (result: BureauScore | null) =>
    Object.fromEntries(CATEGORIES.map((c) => [c.code, result?.categories.find((x) => x.category === c.code)?.attainment ?? null]))

  const reportedRows = (board: Scoreboard) => board.rows.filter((r) => isReported(r.submission?.status))

  /** Each indicator's mean value over the reported bureaus it applies to. */
  function indicatorAverages(board: Scoreboard): Map<string, number | null> {
    const reported = reportedRows(board)
    return new Map(
      board.indicators.map((ind) => [
        ind.code,
        averageOf(
          reported.map((r) => {
            const result = r.result!.indicators.find((i) => i.code === ind.code)
            return result?.applicable ? result.value : null
          }),
          2,
        ),
      ]),
    )
  }

  function requireBoard(board: Scoreboard | null, year: number): Scoreboard {
    if (!board) throw notFound(`没有 ${year} 年度的填报周期`)
    return board
  }

  function summaryOf(board: Scoreboard, previous: Scoreboard | null): Summary {
    const now = clock()
    const { cycle } = board
    const previousRank = new Map(previous?.rows.map((r) => [r.bureau.id, r.rank]) ?? [])
    const rates = reportingRates(
      board.rows.map((r) => ({ status: r.submission?.status ?? null, submittedAt: r.submission?.submittedAt ?? null })),
      cycle.dueDate,
    )
    const reported = reportedRows(board)
    const allItems = board.rows.map((r) => r.rectification)
    const rectTotals = {
      total: allItems.reduce((s, x) => s + x.total, 0),
      notStarted: allItems.reduce((s, x) => s + x.notStarted, 0),
      inProgress: allItems.reduce((s, x) => s + x.inProgress, 0),
      done: allItems.reduce((s, x) => s + x.done, 0),
      overdue: allItems.reduce((s, x) => s + x.overdue, 0),
    }

    const bureaus: SummaryBureau[] = board.rows.map((r) => {
      const s = r.submission
      const reportedNow = isReported(s?.status)
      const submittedAt = reportedNow ? (s?.submittedAt ?? null) : null
      return {
        bureauId: r.bureau.id,
        code: r.bureau.code,
        name: r.bureau.name,
        shortName: r.bureau.shortName,
        type: r.bureau.type,
        status: s?.status ?? 'missing',
        submittedAt,
        onTime: reportedNow ? isOnTime(submittedAt, cycle.dueDate) : null,
        daysOverdue: daysOverdue(cycle.dueDate, submittedAt ? new Date(submittedAt) : now),
        score: r.result?.score ?? null,
        completion: r.result?.completion ?? null,
        fillRate: r.result?.fillRate ?? null,
        rank: r.rank,
        rankChange: rankChange(r.rank, previousRank.get(r.bureau.id)),
        categories: categoryMap(r.result),
        rectification: r.rectification,
      }
    })

    return {
      year: cycle.year,
      dueDate: cycle.dueDate,
      ...rates,
      averageScore: averageOf(reported.map((r) => r.result?.score), 2),
      rectification: { ...rectTotals, completionRate: rectTotals.total ? round(rectTotals.done / rectTotals.total, 4) : null },
      categories: CATEGORIES.map((c) => ({
        code: c.code,
        name: c.name,
        averageAttainment: averageOf(reported.map((r) => r.result?.categories.find((x) => x.category === c.code)?.attainment)),
      })),
      bureaus,
    }
  }

  return {
    summary(year: number): Summary {
      const board = memoised()
      return summaryOf(requireBoard(board(year), year), board(year - 1))
    },

    ranking(year: number): Ranking {
      const board = memoised()
      const current = requireBoard(board(year), year)
      const previousRank = new Map(board(year - 1)?.rows.map((r) => [r.bureau.id, r.rank]) ?? [])
      const rows = current.rows
        .filter((r) => r.rank !== null)
        .sort((a, b) => a.rank! - b.rank!)
        .map((r) => ({
          rank: r.rank!,
          previousRank: previousRank.get(r.bureau.id) ?? null,
          rankChange: rankChange(r.rank, previousRank.get(r.bureau.id)),
          bureauId: r.bureau.id,
          code: r.bureau.code,
          name: r.bureau.name,
          shortName: r.bureau.shortName,
          type: r.bureau.type,
          score: r.result!.score,
          completion: r.result!.completion,
          categories: categoryMap(r.result),
        }))
      const unreported = current.rows
        .filter((r) => r.rank === null)
        .map((r) => ({ bureauId: r.bureau.id, code: r.bureau.code, name: r.bureau.name }))
      return { year, rows, unreported }
    },

    overview(user: User, bureauId: number, year: number): BureauOverview {
      assertBureauAccess(user, bureauId)
      const board = memoised()
      const current = requireBoard(board(year), year)
      const row = current.rows.find((r) => r.bureau.id === bureauId)
      if (!row) {
        const bureau = catalog.listBureaus().find((b) => b.id === bureauId)
        throw notFound(bureau ? `${bureau.name}已停用` : '单位不存在')
      }
      const reported = reportedRows(current)
      const previous = board(year - 1)
      const averages = indicatorAverages(current)
      const byCode = new Map(row.result?.indicators.map((i) => [i.code, i]))
      return {
        year,
        bureau: row.bureau,
        status: row.submission?.status ?? 'missing',
        submittedAt: row.submission?.submittedAt ?? null,
        score: row.result?.score ?? null,
        completion: row.result?.completion ?? null,
        fillRate: row.result?.fillRate ?? null,
        rank: row.rank,
        rankChange: rankChange(row.rank, previous?.rows.find((r) => r.bureau.id === bureauId)?.rank),
        rankedCount: current.rankedCount,
        indicators: current.indicators.map((ind) => {
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
        categories: CATEGORIES.map((c) => ({
          code: c.code,
          name: c.name,
          attainment: row.result?.categories.find((x) => x.category === c.code)?.attainment ?? null,
          countyAverage: averageOf(reported.map((r) => r.result?.categories.find((x) => x.category === c.code)?.attainment)),
        })),
        rankHistory: catalog
          .listCycles()
          .filter((c) => c.year <= year)
          .map((c) => {
            const r = board(c.year)?.rows.find((x) => x.bureau.id === bureauId)
            return { year: c.year, rank: r?.rank ?? null, score: r?.rank != null ? r.result!.score : null }
          }),
        ledgerCounts: repo.ledgerCounts(bureauId, year),
        rectification: row.rectification,
      }
    },

    /** Every active bureau's per-indicator results for a year, from one scoreboard (for exports). */
    indicatorMatrix(year: number) {
      const current = requireBoard(memoised()(year), year)
      return {
        indicators: current.indicators,
        byBureau: new Map(current.rows.map((r) => [r.bureau.id, r.result?.indicators ?? null])),
        countyAverage: indicatorAverages(current),
      }
    },

    vertical(year: number, type: string | undefined): Vertical {
      const current = requireBoard(memoised()(year), year)
      const regionsByType = new Map<string, Set<number>>()
      for (const r of current.rows) regionsByType.set(r.bureau.type, (regionsByType.get(r.bureau.type) ?? new Set()).add(r.bureau.regionId))
      const types = [...regionsByType].filter(([, regions]) => regions.size > 1).map(([t]) => t)
      const chosen = type ?? types[0] ?? null
      const sameType = current.rows.filter((r) => r.bureau.type === chosen)
      const typeRanks = rankBureaus(
        sameType.filter((r) => r.result).map((r) => ({ bureauId: r.bureau.id, code: r.bureau.code, status: r.submission!.status, score: r.result!.score, completion: r.result!.completion })),
      )
      const rows = sameType
        .map((r) => ({
          regionId: r.bureau.regionId,
          regionName: r.bureau.regionName,
          bureauId: r.bureau.id,
          name: r.bureau.name,
          status: r.submission?.status ?? ('missing' as const),
          score: r.result?.score ?? null,
          completion: r.result?.completion ?? null,
          typeRank: typeRanks.get(r.bureau.id) ?? null,
          categories: categoryMap(r.result),
        }))
        .sort((a, b) => (a.typeRank ?? Infinity) - (b.typeRank ?? Infinity) || a.regionName.localeCompare(b.regionName, 'zh'))
      return { year, types, type: chosen, rows }
    },

    trends(from: number | undefined, to: number | undefined): TrendYear[] {
      const now = clock()
      const board = memoised()
      return catalog
        .listCycles()
        .filter((c) => (from === undefined || c.year >= from) && (to === undefined ? now > endOfDueDate(c.dueDate) : c.year <= to))
        .map((c) => {
          const s = summaryOf(board(c.year)!, board(c.year - 1))
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
    },
  }
}
