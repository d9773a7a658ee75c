import type { Summary, Trends } from '@fazhi/shared'
import { queryOptions } from '@tanstack/react-query'
import { api } from '../../api/client'

export const overviewKeys = {
  all: ['overview'] as const,
  summary: (year: number) => [...overviewKeys.all, 'summary', year] as const,
  trends: () => [...overviewKeys.all, 'trends'] as const,
}

export const summaryQuery = (year: number) =>
  queryOptions({
    queryKey: overviewKeys.summary(year),
    queryFn: ({ signal }) => api<Summary>('/api/dashboard/summary', { query: { year }, signal }),
  })

/** Every year whose due date has passed (the server's default range). */
export const trendsQuery = () =>
  queryOptions({
    queryKey: overviewKeys.trends(),
    queryFn: ({ signal }) => api<Trends>('/api/trends', { signal }),
  })
