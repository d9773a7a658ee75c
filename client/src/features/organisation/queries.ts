import type { Bureau, BureauImportPreview, BureauInput, BureauMergeBody, Region, RegionBody } from '@fazhi/shared'
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { api, apiUpload } from '../../api/client'
import { catalogKeys } from '../catalog/queries'

export const organisationKeys = {
  all: ['organisation'] as const,
  regions: () => [...organisationKeys.all, 'regions'] as const,
}

export const regionsQuery = () =>
  queryOptions({
    queryKey: organisationKeys.regions(),
    queryFn: ({ signal }) => api<Region[]>('/api/regions', { signal }),
  })

/** The office's changes to regions and bureaus; the bureau list is the catalog's `bureausQuery`. */
export function useOrganisationMutations() {
  const queryClient = useQueryClient()
  // A bureau's region names, years and successor show on every page that lists bureaus.
  const onSuccess = () =>
    Promise.all([queryClient.invalidateQueries({ queryKey: catalogKeys.bureaus() }), queryClient.invalidateQueries({ queryKey: organisationKeys.all })])
  return {
    createRegion: useMutation({ mutationFn: (body: RegionBody) => api<Region>('/api/regions', { method: 'POST', body }), onSuccess }),
    createBureau: useMutation({ mutationFn: (body: BureauInput) => api<Bureau>('/api/bureaus', { method: 'POST', body }), onSuccess }),
    /** Names the version the form read: a change made elsewhere since answers 409. */
    updateBureau: useMutation({
      mutationFn: ({ id, ...body }: BureauInput & { id: number; version: number }) => api<Bureau>(`/api/bureaus/${id}`, { method: 'PUT', body }),
      onSuccess,
    }),
    mergeBureau: useMutation({
      mutationFn: ({ id, ...body }: BureauMergeBody & { id: number }) => api<Bureau>(`/api/bureaus/${id}/merge`, { method: 'POST', body }),
      onSuccess,
    }),
    /** The sheet's preview (commit false) or its import (commit true, only without errors). */
    importBureaus: useMutation({
      mutationFn: ({ file, commit }: { file: File; commit: boolean }) => {
        const form = new FormData()
        form.append('file', file, file.name)
        return apiUpload<BureauImportPreview>('/api/bureaus/import', form, { query: { commit } })
      },
      onSuccess: (preview) => (preview.committed ? onSuccess() : undefined),
    }),
  }
}
