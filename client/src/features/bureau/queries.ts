import type { BureauOverview } from '@fazhi/shared'
import { queryOptions } from '@tanstack/react-query'
import { api } from '../../api/client'

export const bureauKeys = {
  all: ['bureau'] as const,
  overview: (bureauId: number, year: number) => [...bureauKeys.all, bureauId, 'overview', year] as const,
}

export const bureauOverviewQuery = (bureauId: number, year: number) =>
  queryOptions({
    queryKey: bureauKeys.overview(bureauId, year),
    queryFn: ({ signal }) => api<BureauOverview>(`/api/bureaus/${bureauId}/overview`, { query: { year }, signal }),
  })
