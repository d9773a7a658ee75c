import type { Ranking } from '@fazhi/shared'
import { queryOptions } from '@tanstack/react-query'
import { api } from '../../api/client'

export const rankingKeys = {
  all: ['ranking'] as const,
  year: (year: number, version?: number) => [...rankingKeys.all, year, version ?? 'live'] as const,
}

/** The year's ranking: live, or as published in `version`. */
export const rankingQuery = (year: number, version?: number) =>
  queryOptions({
    queryKey: rankingKeys.year(year, version),
    queryFn: ({ signal }) => api<Ranking>('/api/ranking', { query: { year, version }, signal }),
  })
