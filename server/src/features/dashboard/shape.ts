import { daysLate, isReported, isReportOnTime, rankChange, type Ranking, type SummaryBureau, summaryStatusOf } from '@fazhi/shared'
import type { Board, BoardRow } from './board'

// Pure shaping of board rows into the responses' entries.

/** A bureau's entry of the summary; `previousRank` is its rank in the same scope the year before. */
export function summaryEntry(r: BoardRow, board: Board, previousRank: number | null | undefined, now: Date): SummaryBureau {
  const reportedNow = isReported(r.status)
  const submittedAt = reportedNow ? r.submittedAt : null
  return {
    bureauId: r.bureau.id,
    code: r.bureau.code,
    name: r.bureau.name,
    shortName: r.bureau.shortName,
    type: r.bureau.type,
    status: summaryStatusOf(r.status),
    submittedAt,
    // A fact even while the report is returned: the 催报 list shows when it first came in.
    firstSubmittedAt: r.firstSubmittedAt,
    onTime: reportedNow ? isReportOnTime(r, board.cycle.dueDate) : null,
    // A returned report that first came in on time is not late: days are counted to the first submission.
    daysOverdue: daysLate(r.firstSubmittedAt, board.cycle.dueDate, now),
    score: r.score,
    completion: r.completion,
    fillRate: r.fillRate,
    rank: r.rank,
    tied: r.tied,
    rankChange: rankChange(r.rank, previousRank),
    grade: r.grade,
    categories: r.categories,
    rectification: r.rectification,
  }
}

export function rankingOf(current: Board, previous: Board | null): Ranking {
  const rows = current.rows
    .filter((r) => r.rank !== null)
    .sort((a, b) => a.rank! - b.rank! || a.bureau.code.localeCompare(b.bureau.code))
    .map((r) => {
      const previousRank = previous?.byBureau.get(r.bureau.id)?.rank ?? null
      const { id: bureauId, code, name, shortName, type } = r.bureau
      const onTime = isReportOnTime(r, current.cycle.dueDate)
      return { rank: r.rank!, tied: r.tied, previousRank, rankChange: rankChange(r.rank, previousRank), bureauId, code, name, shortName, type, score: r.score!, completion: r.completion!, onTime, grade: r.grade!, bonus: r.bonus ?? 0, deduction: r.deduction ?? 0, categories: r.categories }
    })
  const unreported = current.rows.filter((r) => r.rank === null).map((r) => ({ bureauId: r.bureau.id, code: r.bureau.code, name: r.bureau.name }))
  return { year: current.cycle.year, rows, unreported }
}
