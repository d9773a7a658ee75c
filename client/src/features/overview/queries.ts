import type { Summary, Trends } from '@fazhi/shared'
import { queryOptions } from '@tanstack/react-query'
import { api } from '../../api/client'

export const overviewKeys = {
  all: ['overview'] as const,
  summary: (year: number, version?: number, regionId?: number | null) => [...overviewKeys.all, 'summary', year, version ?? 'live', regionId ?? null] as const,
  trends: (regionId?: number | null) => [...overviewKeys.all, 'trends', regionId ?? null] as const,
}

/**
 * The year's summary of a region (every region without one): live, or as published in `version`. Only the office's and leaders' pages read it,
 * and they read every entry whole (`Summary`); a bureau user's answer is the wider `SummaryResponse`.
 */
export const summaryQuery = (year: number, version?: number, regionId?: number | null) =>
  queryOptions({
    queryKey: overviewKeys.summary(year, version, regionId),
    queryFn: ({ signal }) => api<Summary>('/api/dashboard/summary', { query: { year, version, regionId }, signal }),
  })

/** Every year whose due date has passed (the server's default range), of a region or every region. */
export const trendsQuery = (regionId?: number | null) =>
  queryOptions({
    queryKey: overviewKeys.trends(regionId),
    queryFn: ({ signal }) => api<Trends>('/api/trends', { query: { regionId }, signal }),
  })
