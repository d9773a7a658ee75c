import { can, PublicRankingRow, PublicSummaryBureau, PublicVerticalRow, type Ranking, type Summary, type SummaryBureau, type SummaryResponse, type User, type Vertical, type VerticalResponse } from '@fazhi/shared'
import { seesBureau } from '../../plugins/access'

/**
 * What a caller reads of the bureaus on the county's boards: the summary, the ranking and the
 * vertical view, live or as published (and the exports' ranking sheet). DOMAIN.md: a bureau user
 * sees every bureau's name, score and rank, and only its own details. Another bureau's entry keeps
 * its identity (id, code, names, type, region), score, rank (last year's and the change too) and
 * grade: the `Public…` schemas, whose parse drops every other field. The office and leaders
 * (`allBureaus`) read every entry whole.
 */
export function visibilityFor(viewer: User) {
  const everything = can(viewer, 'allBureaus')
  const own = (bureauId: number) => seesBureau(viewer, bureauId)
  const summaryEntry = (entry: SummaryBureau): SummaryResponse['bureaus'][number] => (own(entry.bureauId) ? entry : PublicSummaryBureau.parse(entry))
  return {
    /** Whether the caller reads every bureau's details (the same answer as the office). */
    everything,
    /** The key under which an answer made for this caller is cached: one for all who read everything, one per bureau otherwise. */
    cacheKey: everything ? 'all' : `bureau:${viewer.bureauId}`,
    summaryEntry,
    summary: (summary: Summary): SummaryResponse => (everything ? summary : { ...summary, bureaus: summary.bureaus.map(summaryEntry) }),
    ranking: (ranking: Ranking): Ranking => (everything ? ranking : { ...ranking, rows: ranking.rows.map((r) => (own(r.bureauId) ? r : PublicRankingRow.parse(r))) }),
    vertical: (vertical: Vertical): VerticalResponse => (everything ? vertical : { ...vertical, rows: vertical.rows.map((r) => (own(r.bureauId) ? r : PublicVerticalRow.parse(r))) }),
  }
}
export type Visibility = ReturnType<typeof visibilityFor>
