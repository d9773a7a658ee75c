import type { BureauOverview } from '@fazhi/shared'
import { queryOptions } from '@tanstack/react-query'
import { api } from '../../api/client'

export const bureauKeys = {
  all: ['bureau'] as const,
  overview: (bureauId: number, year: number, version?: number, regionId?: number | null) =>
    [...bureauKeys.all, bureauId, 'overview', year, version ?? 'live', regionId ?? null] as const,
}

/** A bureau's overview, compared within a region (every region without one): live, or as published in `version`. */
export const bureauOverviewQuery = (bureauId: number, year: number, version?: number, regionId?: number | null) =>
  queryOptions({
    queryKey: bureauKeys.overview(bureauId, year, version, regionId),
    queryFn: ({ signal }) => api<BureauOverview>(`/api/bureaus/${bureauId}/overview`, { query: { year, version, regionId }, signal }),
  })
