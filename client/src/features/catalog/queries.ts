import type { Bureau, Cycle } from '@fazhi/shared'
import { queryOptions } from '@tanstack/react-query'
import { api } from '../../api/client'

export const catalogKeys = {
  all: ['catalog'] as const,
  cycles: () => [...catalogKeys.all, 'cycles'] as const,
  bureaus: () => [...catalogKeys.all, 'bureaus'] as const,
}

// Cycles and bureaus change a few times a year: no need to refetch them within a session.
const CATALOG_STALE_MS = 10 * 60_000

export const cyclesQuery = () =>
  queryOptions({
    queryKey: catalogKeys.cycles(),
    queryFn: ({ signal }) => api<Cycle[]>('/api/cycles', { signal }),
    staleTime: CATALOG_STALE_MS,
  })

export const bureausQuery = () =>
  queryOptions({
    queryKey: catalogKeys.bureaus(),
    queryFn: ({ signal }) => api<Bureau[]>('/api/bureaus', { signal }),
    staleTime: CATALOG_STALE_MS,
  })
