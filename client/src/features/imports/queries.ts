import type { ImportedReport } from '@fazhi/shared'
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { api, apiUpload } from '../../api/client'

export const importKeys = {
  all: ['imports'] as const,
  latest: (year: number, bureauId: number) => [...importKeys.all, 'latest', year, bureauId] as const,
}

/** The bureau-year's last imported report, or null: its structure check and proposals. */
export const latestImportQuery = (year: number, bureauId: number) =>
  queryOptions({
    queryKey: importKeys.latest(year, bureauId),
    queryFn: async ({ signal }) =>
      (await api<{ report: ImportedReport | null }>('/api/imports/latest', { query: { year, bureauId }, signal })).report,
  })

/** The server's limit (413 above it): checked first so a large file is not sent for nothing. */
export const MAX_REPORT_BYTES = 10 * 1024 * 1024
export const REPORT_ACCEPT = '.docx,.txt'

export function useUploadReport(year: number, bureauId: number) {
  const queryClient = useQueryClient()
  return useMutation({
    /** `confirmCounty`: the user has seen that the report names another county (the 409 `COUNTY_MISMATCH`) and imports it anyway. */
    mutationFn: ({ file, confirmCounty = false }: { file: File; confirmCounty?: boolean }) => {
      const form = new FormData()
      form.append('file', file, file.name)
      return apiUpload<ImportedReport>('/api/imports', form, { query: { year, bureauId, ...(confirmCounty ? { confirmCounty: 1 } : {}) } })
    },
    onSuccess: (report) => queryClient.setQueryData(importKeys.latest(year, bureauId), report),
  })
}
