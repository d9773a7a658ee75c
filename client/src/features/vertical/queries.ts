import { queryOptions } from '@tanstack/react-query'
import { api } from '../../api/client'
import type { Vertical } from '@fazhi/shared'

export const verticalKeys = {
  all: ['vertical'] as const,
  comparison: (year: number, type: string | null) => [...verticalKeys.all, 'comparison', year, type] as const,
}

/** Without a type the server picks the first comparable one and lists them all in `types`. */
export const verticalQuery = (year: number, type: string | null) =>
  queryOptions({
    queryKey: verticalKeys.comparison(year, type),
    queryFn: ({ signal }) => api<Vertical>('/api/vertical', { query: { year, type }, signal }),
  })
