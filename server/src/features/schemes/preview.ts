import type { SchemePreview } from '@fazhi/shared'
import { gradesOf, ranksOf } from '../dashboard/board'
import type { scoreStore } from '../dashboard/scores'
import type { DashboardService } from '../dashboard/service'
import type { ResolvedScheme } from './draft'

export interface PreviewDeps {
  dashboard: Pick<DashboardService, 'ranking'>
  scores: Pick<ReturnType<typeof scoreStore>, 'compute'>
}

/**
 * What saving a scheme would do to the year's ranking, without writing anything: the reported
 * bureaus scored by the one scorer under the draft, ranked and graded as the board does, against
 * the live ranking. Only bureaus whose score, rank or grade would move are listed.
 */
export async function previewScheme({ dashboard, scores }: PreviewDeps, year: number, scheme: Pick<ResolvedScheme, 'indicators' | 'settings'>, now: Date): Promise<SchemePreview> {
  const live = await dashboard.ranking(year)
  const { rows } = await scores.compute(
    year,
    live.rows.map((r) => r.bureauId),
    now,
    { indicators: scheme.indicators, settings: scheme.settings },
  )
  const code = new Map(live.rows.map((r) => [r.bureauId, r.code]))
  const rankable = rows.map((r) => ({ bureau: { id: r.bureauId, code: code.get(r.bureauId)! }, status: r.status, score: r.score, completion: r.completion, gradeCap: r.gradeCap }))
  const ranks = ranksOf(rankable)
  const grades = gradesOf(rankable, ranks, scheme.settings)
  const scoreOf = new Map(rows.map((r) => [r.bureauId, r.score]))
  const changes: SchemePreview['changes'] = []
  for (const r of live.rows) {
    const before = { score: r.score, rank: r.rank, grade: r.grade ?? null }
    const after = { score: scoreOf.get(r.bureauId) ?? null, rank: ranks.get(r.bureauId) ?? null, grade: grades.get(r.bureauId) ?? null }
    if (before.score !== after.score || before.rank !== after.rank || before.grade !== after.grade) changes.push({ bureauId: r.bureauId, name: r.name, before, after })
  }
  return { changes, rankedCount: ranks.size }
}
