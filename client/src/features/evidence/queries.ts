import type { EvidenceFile, EvidenceUploaded, FileUsage } from '@fazhi/shared'
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useMemo } from 'react'
import { api, apiUpload } from '../../api/client'

/** What a file is attached to, as the upload's form fields name it. */
export type EvidenceTarget = { submissionId: number; indicator: string } | { ledgerType: string; ledgerId: number } | { rectificationId: number }

export const evidenceKeys = {
  all: ['evidence'] as const,
  /** A submission's files: its values', its bureau-year's ledger rows' and rectification items'. */
  submission: (submissionId: number) => [...evidenceKeys.all, 'submission', submissionId] as const,
  /** One ledger row's or rectification item's files. */
  record: (target: EvidenceTarget) => [...evidenceKeys.all, 'record', target] as const,
  usage: (bureauId: number | null) => [...evidenceKeys.all, 'usage', bureauId] as const,
}

export const submissionFilesQuery = (submissionId: number) =>
  queryOptions({
    queryKey: evidenceKeys.submission(submissionId),
    queryFn: ({ signal }) => api<EvidenceFile[]>('/api/files', { query: { submissionId }, signal }),
  })

/** The names of a submission's files by id (a deleted one too, where the caller may see it), to say what a 批注 is about. */
export function useFileNames(submissionId: number): ReadonlyMap<number, string> {
  const files = useQuery(submissionFilesQuery(submissionId))
  return useMemo(() => new Map((files.data ?? []).map((f) => [f.id, f.name])), [files.data])
}

export const recordFilesQuery = (target: EvidenceTarget) =>
  queryOptions({
    queryKey: evidenceKeys.record(target),
    queryFn: ({ signal }) => api<EvidenceFile[]>('/api/files', { query: target, signal }),
  })

/** A bureau's storage (存储配额); null: the user's own bureau. */
export const fileUsageQuery = (bureauId: number | null) =>
  queryOptions({
    queryKey: evidenceKeys.usage(bureauId),
    queryFn: ({ signal }) => api<FileUsage>('/api/files/usage', { query: { bureauId }, signal }),
  })

/** Where a file downloads (or, `inline`, previews) from. */
export const fileUrl = (id: number, inline = false) => `/api/files/${id}${inline ? '?inline=1' : ''}`

/** Upload and delete; both refresh every list of files and the storage figures. */
export function useEvidenceMutations() {
  const client = useQueryClient()
  const onSuccess = () => client.invalidateQueries({ queryKey: evidenceKeys.all })
  return {
    upload: useMutation({
      mutationFn: ({ target, file }: { target: EvidenceTarget; file: File }) => {
        const form = new FormData()
        // The target's fields come before the file, so the server reads them first.
        for (const [name, value] of Object.entries(target)) form.append(name, String(value))
        form.append('file', file)
        return apiUpload<EvidenceUploaded>('/api/files', form)
      },
      onSuccess,
    }),
    remove: useMutation({ mutationFn: (id: number) => api(`/api/files/${id}`, { method: 'DELETE' }), onSuccess }),
    setQuota: useMutation({
      mutationFn: ({ bureauId, quotaMb }: { bureauId: number; quotaMb: number }) =>
        api<FileUsage>(`/api/bureaus/${bureauId}/file-quota`, { method: 'PUT', body: { quotaMb } }),
      onSuccess,
    }),
  }
}
