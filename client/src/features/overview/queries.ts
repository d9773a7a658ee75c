import type { Summary, Trends } from '@fazhi/shared'
import { queryOptions } from '@tanstack/react-query'
import { api } from '../../api/client'

export const overviewKeys = {
  all: ['overview'] as const,
  summary: (year: number, version?: number) => [...overviewKeys.all, 'summary', year, version ?? 'live'] as const,
  trends: () => [...overviewKeys.all, 'trends'] as const,
}

/**
 * The year's summary: live, or as published in `version`. Only the office's and leaders' pages read it,
 * and they read every entry whole (`Summary`); a bureau user's answer is the wider `SummaryResponse`.
 */
export const summaryQuery = (year: number, version?: number) =>
  queryOptions({
    queryKey: overviewKeys.summary(year, version),
    queryFn: ({ signal }) => api<Summary>('/api/dashboard/summary', { query: { year, version }, signal }),
  })

/** Every year whose due date has passed (the server's default range). */
export const trendsQuery = () =>
  queryOptions({
    queryKey: overviewKeys.trends(),
    queryFn: ({ signal }) => api<Trends>('/api/trends', { signal }),
  })
