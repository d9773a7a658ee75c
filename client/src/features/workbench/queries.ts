import type { Workbench, WorkbenchSeenBody } from '@fazhi/shared'
import { queryOptions } from '@tanstack/react-query'
import { api } from '../../api/client'

export const workbenchKeys = {
  all: ['workbench'] as const,
  year: (year: number) => [...workbenchKeys.all, year] as const,
}

/** 工作台: the signed-in user's tasks for the year (of a region, every region without one) and what changed since the last visit. */
export const workbenchQuery = (year: number, regionId?: number | null) =>
  queryOptions({
    queryKey: [...workbenchKeys.year(year), regionId ?? null],
    queryFn: ({ signal }) => api<Workbench>('/api/workbench', { query: { year, regionId }, signal }),
  })

/** Records the visit up to the answer that was shown (its `asOf`). */
export const markWorkbenchSeen = (body: WorkbenchSeenBody) => api<{ seenAt: string }>('/api/workbench/seen', { method: 'POST', body })
