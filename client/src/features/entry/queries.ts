import type {
  BatchApproveBody,
  BatchReturnBody,
  BatchReviewResult,
  Indicator,
  LedgerRow,
  LedgerType,
  ReturnBody,
  SubmissionAction,
  SubmissionChanges,
  SubmissionDetail,
  SubmissionListRow,
  SubmissionStatus,
  SubmissionValueInput,
} from '@fazhi/shared'
import { queryOptions, useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query'
import { api } from '../../api/client'
import { bureauKeys } from '../bureau/queries'
import { commentKeys } from '../comments/queries'
import { overviewKeys } from '../overview/queries'
import { rankingKeys } from '../ranking/queries'

export interface SubmissionFilter {
  year?: number
  bureauId?: number
  status?: SubmissionStatus
}

export const entryKeys = {
  all: ['entry'] as const,
  indicators: (year: number) => [...entryKeys.all, 'indicators', year] as const,
  submissions: () => [...entryKeys.all, 'submissions'] as const,
  submissionLists: () => [...entryKeys.submissions(), 'list'] as const,
  submissionList: (filter: SubmissionFilter) => [...entryKeys.submissionLists(), filter] as const,
  submission: (id: number) => [...entryKeys.submissions(), 'detail', id] as const,
  changesAll: () => [...entryKeys.submissions(), 'changes'] as const,
  /** 自退回以来的修改 of a report. */
  changes: (id: number) => [...entryKeys.changesAll(), id] as const,
  /** The id of a bureau-year's submission; null is the caller's own bureau. */
  submissionId: (year: number, bureauId: number | null) => [...entryKeys.submissions(), 'id', year, bureauId] as const,
  ledgers: () => [...entryKeys.all, 'ledgers'] as const,
  ledger: (type: LedgerType, year: number, bureauId: number) => [...entryKeys.ledgers(), type, year, bureauId] as const,
}

export const indicatorsQuery = (year: number) =>
  queryOptions({
    queryKey: entryKeys.indicators(year),
    queryFn: ({ signal }) => api<Indicator[]>('/api/indicators', { query: { year }, signal }),
    staleTime: 10 * 60_000,
  })

export const submissionListQuery = (filter: SubmissionFilter) =>
  queryOptions({
    queryKey: entryKeys.submissionList(filter),
    queryFn: ({ signal }) => api<SubmissionListRow[]>('/api/submissions', { query: { ...filter }, signal }),
  })

export const submissionQuery = (id: number) =>
  queryOptions({
    queryKey: entryKeys.submission(id),
    queryFn: ({ signal }) => api<SubmissionDetail>(`/api/submissions/${id}`, { signal }),
    // The form decides when to take the server's values (see useSubmissionForm): no silent refetches.
    staleTime: Infinity,
  })

export const submissionChangesQuery = (id: number) =>
  queryOptions({
    queryKey: entryKeys.changes(id),
    queryFn: ({ signal }) => api<SubmissionChanges>(`/api/submissions/${id}/changes`, { signal }),
  })

/** The id of a bureau-year's submission, or null while it has none; `bureauId` null is the user's own bureau. */
export const submissionIdQuery = (year: number, bureauId: number | null) =>
  queryOptions({
    queryKey: entryKeys.submissionId(year, bureauId),
    queryFn: async ({ signal }) => {
      const query = { year, ...(bureauId === null ? {} : { bureauId }) }
      const [existing] = await api<SubmissionListRow[]>('/api/submissions', { query, signal })
      return existing?.id ?? null
    },
    // A bureau-year keeps its submission: once known, the id does not change.
    staleTime: Infinity,
  })

/** Opens a bureau-year's draft. POST answers 201 with a new draft, 200 with one that already exists. */
export function useCreateSubmission() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ year, bureauId }: { year: number; bureauId: number | null }) =>
      api<SubmissionDetail>('/api/submissions', { method: 'POST', body: { year, ...(bureauId === null ? {} : { bureauId }) } }),
    onSuccess: (detail, { year, bureauId }) => {
      queryClient.setQueryData(entryKeys.submissionId(year, bureauId), detail.id)
      return invalidateSubmission(queryClient, detail)
    },
  })
}

export const ledgerQuery = <T extends LedgerType>(type: T, year: number, bureauId: number) =>
  queryOptions({
    queryKey: entryKeys.ledger(type, year, bureauId),
    queryFn: ({ signal }) => api<LedgerRow<T>[]>(`/api/ledgers/${type}`, { query: { year, bureauId }, signal }),
  })

/** Everything a change of a submission's values or status can move: the dashboard figures too. */
export async function invalidateSubmission(queryClient: QueryClient, detail?: SubmissionDetail) {
  if (detail) queryClient.setQueryData(entryKeys.submission(detail.id), detail)
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: entryKeys.submissionLists() }),
    queryClient.invalidateQueries({ queryKey: entryKeys.changesAll() }),
    queryClient.invalidateQueries({ queryKey: overviewKeys.all }),
    queryClient.invalidateQueries({ queryKey: bureauKeys.all }),
    queryClient.invalidateQueries({ queryKey: rankingKeys.all }),
    // A return sends the office's comments (批注); every step changes who may comment.
    queryClient.invalidateQueries({ queryKey: commentKeys.all }),
  ])
}

export function saveSubmission(id: number, version: number, values: SubmissionValueInput[]) {
  return api<SubmissionDetail>(`/api/submissions/${id}`, { method: 'PUT', body: { version, values } })
}

/** submit, return (with a reason and a resubmission deadline), approve, reopen. */
export function useSubmissionAction() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, action, returned }: { id: number; action: SubmissionAction; returned?: ReturnBody }) =>
      api<SubmissionDetail>(`/api/submissions/${id}/${action}`, { method: 'POST', body: action === 'return' ? returned : undefined }),
    onSuccess: (detail) => invalidateSubmission(queryClient, detail),
  })
}

/**
 * 批量审核: approves, or returns with a reason each, several submitted reports; all or nothing. The
 * lists refresh whatever the answer (a refusal may come from reports that changed since they were read).
 */
export function useBatchReview() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (batch: { action: 'approve'; body: BatchApproveBody } | { action: 'return'; body: BatchReturnBody }) =>
      api<BatchReviewResult>(`/api/submissions/batch/${batch.action}`, { method: 'POST', body: batch.body }),
    onSettled: (_result, _error, batch) => {
      // The batch answers no details: those of its reports are read again when next opened.
      for (const { id } of batch.body.items) queryClient.removeQueries({ queryKey: entryKeys.submission(id) })
      return invalidateSubmission(queryClient)
    },
  })
}

export function usePublication() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, publishedUrl, publishedAt }: { id: number; publishedUrl: string; publishedAt: string }) =>
      api<SubmissionDetail>(`/api/submissions/${id}/publication`, { method: 'PUT', body: { publishedUrl, publishedAt } }),
    onSuccess: (detail) => invalidateSubmission(queryClient, detail),
  })
}

export type LedgerFields = Record<string, string | number>

export function useLedgerMutations(type: LedgerType, year: number, bureauId: number) {
  const queryClient = useQueryClient()
  const onSuccess = () => queryClient.invalidateQueries({ queryKey: entryKeys.ledger(type, year, bureauId) })
  const create = useMutation({
    mutationFn: (fields: LedgerFields) => api(`/api/ledgers/${type}`, { method: 'POST', body: { ...fields, year, bureauId } }),
    onSuccess,
  })
  /** Edits name the version they read: a change made elsewhere since answers 409. */
  const update = useMutation({
    mutationFn: ({ id, fields, version }: { id: number; fields: LedgerFields; version: number }) =>
      api(`/api/ledgers/${type}/${id}`, { method: 'PUT', body: { ...fields, version } }),
    onSuccess,
  })
  const remove = useMutation({
    mutationFn: ({ id, version }: { id: number; version: number }) => api(`/api/ledgers/${type}/${id}`, { method: 'DELETE', query: { version } }),
    onSuccess,
    // A 409 means the table shows an old version: show the latest.
    onError: onSuccess,
  })
  /** The row as stored now, for a save conflict's 刷新; null once deleted. */
  const fetchRow = async (id: number) =>
    ((await queryClient.fetchQuery({ ...ledgerQuery(type, year, bureauId), staleTime: 0 })) as { id: number; version: number }[]).find((r) => r.id === id) ?? null
  return { create, update, remove, fetchRow }
}
