import type { RegionRanking } from '@fazhi/shared'
import { queryOptions } from '@tanstack/react-query'
import { api } from '../../api/client'
import { overviewKeys } from '../overview/queries'

/** Under the overview's keys: whatever refreshes the overview (a report's review, a publication) refreshes it too. */
const regionRankingKey = (year: number, regionId: number, version?: number) => [...overviewKeys.all, 'regionRanking', year, regionId, version ?? 'live'] as const

/** The 区县排名 of the regions directly below `regionId`: live, or as published in `version`. */
export const regionRankingQuery = (year: number, regionId: number, version?: number) =>
  queryOptions({
    queryKey: regionRankingKey(year, regionId, version),
    queryFn: ({ signal }) => api<RegionRanking>('/api/regions/ranking', { query: { year, regionId, version }, signal }),
  })
