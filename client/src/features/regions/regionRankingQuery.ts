import type { Region, RegionRanking } from '@fazhi/shared'
import { queryOptions } from '@tanstack/react-query'
import { api } from '../../api/client'
import { overviewKeys } from '../overview/queries'

/** Under the overview's keys: whatever refreshes the overview (a report's review, a publication) refreshes it too. */
const regionRankingKey = (year: number, regionId: number | null, version?: number) => [...overviewKeys.all, 'regionRanking', year, regionId ?? 'top', version ?? 'live'] as const

/** The 区县排名 of the regions directly below `regionId` (null: the top regions): live, or as published in `version`. */
export const regionRankingQuery = (year: number, regionId: number | null, version?: number) =>
  queryOptions({
    queryKey: regionRankingKey(year, regionId, version),
    queryFn: ({ signal }) => api<RegionRanking>('/api/regions/ranking', { query: { year, regionId: regionId ?? undefined, version }, signal }),
  })

/** Whether a region (null: the whole installation) has several regions directly below it to rank. */
export function ranksRegionsBelow(regions: readonly Region[], regionId: number | null): boolean {
  const below = regions.filter((r) => (regionId === null ? r.parentId === null : r.parentId === regionId))
  return regionId === null ? below.length > 1 : below.length > 0
}
