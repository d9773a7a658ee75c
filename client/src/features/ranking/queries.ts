import type { Ranking } from '@fazhi/shared'
import { queryOptions } from '@tanstack/react-query'
import { api } from '../../api/client'

export const rankingKeys = {
  all: ['ranking'] as const,
  year: (year: number, version?: number, regionId?: number | null) => [...rankingKeys.all, year, version ?? 'live', regionId ?? null] as const,
}

/** The year's ranking of a region (every region without one): live, or as published in `version`. */
export const rankingQuery = (year: number, version?: number, regionId?: number | null) =>
  queryOptions({
    queryKey: rankingKeys.year(year, version, regionId),
    queryFn: ({ signal }) => api<Ranking>('/api/ranking', { query: { year, version, regionId }, signal }),
  })
