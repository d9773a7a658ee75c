import type { Scheme, SchemeDraft, SchemeImport, SchemePreview } from '@fazhi/shared'
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { api, apiUpload } from '../../api/client'

export const schemeKeys = {
  all: ['schemes'] as const,
  year: (year: number) => [...schemeKeys.all, year] as const,
}

export const schemeQuery = (year: number) =>
  queryOptions({
    queryKey: schemeKeys.year(year),
    queryFn: ({ signal }) => api<Scheme>(`/api/schemes/${year}`, { signal }),
  })

/** The office's changes to a year's scheme; each answers the scheme as stored, which replaces the cached one. A saved scheme changes every score. */
export function useSchemeMutations(year: number) {
  const queryClient = useQueryClient()
  const onSuccess = (scheme: Scheme) => {
    queryClient.setQueryData(schemeKeys.year(year), scheme)
    return queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== schemeKeys.all[0] })
  }
  return {
    save: useMutation({ mutationFn: (body: SchemeDraft & { version: number }) => api<Scheme>(`/api/schemes/${year}`, { method: 'PUT', body }), onSuccess }),
    copyFrom: useMutation({ mutationFn: (fromYear: number) => api<Scheme>(`/api/schemes/${year}/copy-from/${fromYear}`, { method: 'POST' }), onSuccess }),
    reopen: useMutation({ mutationFn: () => api<Scheme>(`/api/schemes/${year}/reopen`, { method: 'POST' }), onSuccess }),
    preview: useMutation({ mutationFn: (body: SchemeDraft) => api<SchemePreview>(`/api/schemes/${year}/preview`, { method: 'POST', body }) }),
    importFile: useMutation({
      mutationFn: (file: File) => {
        const form = new FormData()
        form.append('file', file)
        return apiUpload<SchemeImport>(`/api/schemes/${year}/import`, form)
      },
    }),
  }
}
