import type { BureauOverview } from '@fazhi/shared'
import { queryOptions } from '@tanstack/react-query'
import { api } from '../../api/client'

export const bureauKeys = {
  all: ['bureau'] as const,
  overview: (bureauId: number, year: number, version?: number) => [...bureauKeys.all, bureauId, 'overview', year, version ?? 'live'] as const,
}

/** A bureau's overview: live, or as published in `version`. */
export const bureauOverviewQuery = (bureauId: number, year: number, version?: number) =>
  queryOptions({
    queryKey: bureauKeys.overview(bureauId, year, version),
    queryFn: ({ signal }) => api<BureauOverview>(`/api/bureaus/${bureauId}/overview`, { query: { year, version }, signal }),
  })
