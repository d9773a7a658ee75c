import { queryOptions } from '@tanstack/react-query'
import { api } from '../../api/client'
import type { VerticalResponse } from '@fazhi/shared'

export const verticalKeys = {
  all: ['vertical'] as const,
  comparison: (year: number, regionId: number | null, type: string | null) => [...verticalKeys.all, 'comparison', year, regionId ?? 'all', type] as const,
}

/**
 * Without a type the server picks the first comparable one and lists them all in `types`. A bureau
 * reads whole rows only of the bureaus it sees (its own, a city bureau's counterparts below it).
 */
export const verticalQuery = (year: number, regionId: number | null, type: string | null) =>
  queryOptions({
    queryKey: verticalKeys.comparison(year, regionId, type),
    queryFn: ({ signal }) => api<VerticalResponse>('/api/vertical', { query: { year, regionId: regionId ?? undefined, type }, signal }),
  })
