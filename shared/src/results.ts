import { z } from 'zod'
import { BureauOverview, Indicator, OverviewIndicator, Ranking, resultVersionParam, Summary } from './schemas'
import { YearParams } from './workflow'

// Published results (定稿发布): a year's figures frozen at publication, numbered 1, 2, … per year.

const int = z.number().int()

export const PublishBody = z.object({
  title: z.string({ error: '请填写定稿标题' }).trim().min(1, '请填写定稿标题').max(100, '定稿标题不能超过 100 个字'),
})
export type PublishBody = z.infer<typeof PublishBody>
export const Published = z.object({ version: int })

export const ResultVersionParams = YearParams.extend({ version: resultVersionParam })

/** What changed in the ranking against the version before. Version 1 changes nothing. */
export const ResultChanges = z.object({
  ranksMoved: z.array(z.object({ bureauId: int, name: z.string(), from: int, to: int })),
  scoresChanged: z.array(z.object({ bureauId: int, name: z.string(), from: z.number(), to: z.number() })),
  added: z.array(z.object({ bureauId: int, name: z.string(), rank: int, score: z.number() })),
  removed: z.array(z.object({ bureauId: int, name: z.string(), rank: int })),
})
export type ResultChanges = z.infer<typeof ResultChanges>

export const ResultVersion = z.object({
  version: int,
  title: z.string(),
  publishedAt: z.string(),
  /** The publisher's display name. */
  publishedBy: z.string().nullable(),
  changes: ResultChanges,
})
export type ResultVersion = z.infer<typeof ResultVersion>
export const ResultVersions = z.array(ResultVersion)

/** One bureau's result for one indicator, as the scorer gave it at publication. */
export const FrozenIndicatorResult = OverviewIndicator.pick({
  code: true,
  category: true,
  value: true,
  target: true,
  weight: true,
  applicable: true,
  filled: true,
  attainment: true,
  met: true,
  pointsAvailable: true,
})
export type FrozenIndicatorResult = z.infer<typeof FrozenIndicatorResult>

/** The rows behind the exports that the summary and ranking do not hold. */
export const ExportFigures = z.object({
  /** The region the export titles name. */
  regionName: z.string(),
  indicators: z.array(Indicator),
  /** Each active bureau's per-indicator results; null without a scored submission. */
  results: z.array(z.object({ bureauId: int, indicators: z.array(FrozenIndicatorResult).nullable() })),
  /** Each indicator's county figure (`CountyFigure`: the mean, or the 是 count of a 是/否 indicator). */
  countyAverage: z.array(z.object({ code: z.string(), average: z.number().nullable(), yes: z.object({ yes: z.number().int(), of: z.number().int() }).nullable() })),
  rectifications: z.array(
    z.object({
      id: int,
      bureauId: int,
      bureauName: z.string(),
      problem: z.string(),
      measure: z.string(),
      owner: z.string(),
      deadline: z.string(),
      status: z.string(),
      completedAt: z.string().nullable(),
      /** 销号: only verified items are done in 整改完成率. */
      verifiedAt: z.string().nullable(),
      returnReason: z.string().nullable(),
    }),
  ),
  publications: z.array(z.object({ bureauId: int, publishedUrl: z.string().nullable(), publishedAt: z.string().nullable() })),
})
export type ExportFigures = z.infer<typeof ExportFigures>

/**
 * Everything the pages and exports show for a year, frozen at publication: the summary, the ranking,
 * each active bureau's overview and the exports' rows. Served as stored, byte for byte.
 */
export const PublishedFigures = z.object({
  year: int,
  version: int,
  title: z.string(),
  publishedAt: z.string(),
  summary: Summary,
  ranking: Ranking,
  overviews: z.array(BureauOverview),
  exports: ExportFigures,
  /**
   * Each region below the top: the summary and ranking the dashboard answered for it (its own
   * bureaus, totals and ranks). Absent in versions published before regions and in an installation
   * of one region.
   */
  regions: z.array(z.object({ regionId: int, summary: Summary, ranking: Ranking })).optional(),
})
export type PublishedFigures = z.infer<typeof PublishedFigures>

/** Ranks moved, scores changed, bureaus added to and removed from the ranking between two published rankings. */
export function resultChanges(previous: Ranking | null, current: Ranking): ResultChanges {
  const changes: ResultChanges = { ranksMoved: [], scoresChanged: [], added: [], removed: [] }
  if (!previous) return changes
  const before = new Map(previous.rows.map((r) => [r.bureauId, r]))
  const now = new Set(current.rows.map((r) => r.bureauId))
  for (const r of current.rows) {
    const b = before.get(r.bureauId)
    if (!b) changes.added.push({ bureauId: r.bureauId, name: r.name, rank: r.rank, score: r.score })
    else {
      if (b.rank !== r.rank) changes.ranksMoved.push({ bureauId: r.bureauId, name: r.name, from: b.rank, to: r.rank })
      if (b.score !== r.score) changes.scoresChanged.push({ bureauId: r.bureauId, name: r.name, from: b.score, to: r.score })
    }
  }
  for (const b of previous.rows) if (!now.has(b.bureauId)) changes.removed.push({ bureauId: b.bureauId, name: b.name, rank: b.rank })
  return changes
}

