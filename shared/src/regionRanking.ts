import { z } from 'zod'
import { REGION_LEVELS } from './constants'
import type { SummaryTotals } from './schemas'

// 各地区排名: the regions directly below one region, compared by the figures each one's own summary
// heads with (the dashboard's one definition of each: 上报率, 按时上报率, 平均得分, 整改完成率).

const int = z.number().int()

/** One region's figures: its summary's totals for the year (the region and every region below it). */
export const RegionFigures = z.object({
  /** 单位数: the active bureaus of the year (the summary's `expected`). */
  bureauCount: int,
  reportingRate: z.number(),
  onTimeRate: z.number(),
  /** The mean score of the scored (reported) bureaus; null while none is. */
  averageScore: z.number().nullable(),
  /** 整改完成率: verified items ÷ all, 0..1; null without items. */
  rectificationCompletionRate: z.number().nullable(),
})
export type RegionFigures = z.infer<typeof RegionFigures>

export const RegionRankingRow = RegionFigures.extend({
  regionId: int,
  code: z.string(),
  name: z.string(),
  level: z.enum(REGION_LEVELS),
  /** By mean score, then reporting rate, then name; null while no bureau of the region is scored. */
  rank: int.nullable(),
})
export type RegionRankingRow = z.infer<typeof RegionRankingRow>

export const RegionRanking = z.object({
  year: int,
  /** The published version the figures come from; null: live. */
  version: int.nullable(),
  /** The region whose regions below are ranked; null: the top regions themselves (an installation with several). */
  regionId: int.nullable(),
  /** That region's own figures (every top region together when `regionId` is null). */
  overall: RegionFigures,
  rows: z.array(RegionRankingRow),
})
export type RegionRanking = z.infer<typeof RegionRanking>

/** The column labels of the ranking, as every page and export words them. */
export const REGION_RANKING_LABELS: Record<'name' | keyof RegionFigures | 'rank', string> = {
  name: '地区',
  bureauCount: '单位数',
  reportingRate: '上报率',
  onTimeRate: '按时上报率',
  averageScore: '平均得分',
  rectificationCompletionRate: '整改完成率',
  rank: '名次',
}

/** A summary's totals as the ranking's figures. */
export const regionFiguresOf = (totals: SummaryTotals): RegionFigures => ({
  bureauCount: totals.expected,
  reportingRate: totals.reportingRate,
  onTimeRate: totals.onTimeRate,
  averageScore: totals.averageScore,
  rectificationCompletionRate: totals.rectification.completionRate,
})

/**
 * Ranks regions by mean score (unscored last, unranked), then reporting rate; regions equal on both
 * share a rank (as tied bureaus do) and are listed by name.
 */
export function rankRegions(rows: readonly Omit<RegionRankingRow, 'rank'>[]): RegionRankingRow[] {
  const sorted = [...rows].sort((a, b) => (b.averageScore ?? -Infinity) - (a.averageScore ?? -Infinity) || b.reportingRate - a.reportingRate || a.name.localeCompare(b.name, 'zh'))
  return sorted.map((r) => {
    if (r.averageScore === null) return { ...r, rank: null }
    const first = sorted.findIndex((o) => o.averageScore === r.averageScore && o.reportingRate === r.reportingRate)
    return { ...r, rank: first + 1 }
  })
}
