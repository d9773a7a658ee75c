import type { ResultVersion } from '@fazhi/shared'
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '../../api/client'

export const resultKeys = {
  all: ['results'] as const,
  versions: (year: number) => [...resultKeys.all, year] as const,
}

/** A year's published versions (定稿), oldest first. */
export const resultVersionsQuery = (year: number) =>
  queryOptions({
    queryKey: resultKeys.versions(year),
    queryFn: ({ signal }) => api<ResultVersion[]>(`/api/results/${year}`, { signal }),
  })

/** Publishes the year's figures as its next version. */
export function usePublishResults(year: number) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (title: string) => api<{ version: number }>(`/api/cycles/${year}/publish`, { method: 'POST', body: { title } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: resultKeys.versions(year) }),
  })
}
