import { mapInOrder } from '../../lib/in-order'
import { rankRegions, type RegionRanking, regionFiguresOf, type SummaryTotals } from '@fazhi/shared'
import { notFound } from '../../errors'
import type { RegionsService } from './service'

export interface RegionRankingDeps {
  regions: Pick<RegionsService, 'listRegions'>
  /**
   * The totals a region's summary heads with, as the dashboard answers them (every region without
   * one), live or from a published version: the one definition of each figure.
   */
  totalsOf: (year: number, regionId: number | undefined, version: number | undefined) => Promise<SummaryTotals>
}

/**
 * 各地区排名: the regions directly below a region compared by their own summaries' totals (上报率,
 * 按时上报率, 平均得分, 整改完成率, 单位数). Without a region: those below the top region, or the top
 * regions themselves when the installation has several.
 */
export function regionRankingService({ regions, totalsOf }: RegionRankingDeps) {
  return {
    async ranking(year: number, regionId: number | undefined, version: number | undefined): Promise<RegionRanking> {
      const all = await regions.listRegions()
      if (regionId !== undefined && !all.some((r) => r.id === regionId)) throw notFound('地区不存在')
      const tops = all.filter((r) => r.parentId === null)
      const parent = regionId ?? (tops.length === 1 ? tops[0].id : null)
      // The parent's own figures first: an unknown year or version is refused even without regions below.
      const overall = regionFiguresOf(await totalsOf(year, parent ?? undefined, version))
      const rows = await mapInOrder(
        all.filter((r) => r.parentId === parent),
        async ({ id, code, name, level }) => ({ regionId: id, code, name, level, ...regionFiguresOf(await totalsOf(year, id, version)) }),
      )
      return { year, version: version ?? null, regionId: parent, overall, rows: rankRegions(rows) }
    },
  }
}
