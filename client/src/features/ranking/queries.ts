import type { Ranking } from '@fazhi/shared'
import { queryOptions } from '@tanstack/react-query'
import { api } from '../../api/client'

export const rankingKeys = {
  all: ['ranking'] as const,
  year: (year: number) => [...rankingKeys.all, year] as const,
}

export const rankingQuery = (year: number) =>
  queryOptions({
    queryKey: rankingKeys.year(year),
    queryFn: ({ signal }) => api<Ranking>('/api/ranking', { query: { year }, signal }),
  })
