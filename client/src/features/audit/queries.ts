import type { AuditChain, AuditPage } from '@fazhi/shared'
import { keepPreviousData, queryOptions } from '@tanstack/react-query'
import { api } from '../../api/client'
import { auditPageQuery, type AuditView } from './filter'

/** One page of the audit log (shared has the schema but no type alias for it). */
export type AuditPageData = AuditPage
export type AuditEventRow = AuditPageData['rows'][number]

export const auditKeys = {
  all: ['audit'] as const,
  page: (query: ReturnType<typeof auditPageQuery>) => [...auditKeys.all, 'page', query] as const,
  chain: () => [...auditKeys.all, 'chain'] as const,
}

export const auditPageQueryOptions = (view: AuditView) => {
  const query = auditPageQuery(view)
  return queryOptions({
    queryKey: auditKeys.page(query),
    queryFn: ({ signal }) => api<AuditPageData>('/api/audit', { query, signal }),
    // The log only grows: read it afresh each time, but keep the page on screen while the next loads.
    staleTime: 0,
    placeholderData: keepPreviousData,
  })
}

/** The hash chain's state, verified by the server on each read (it walks the whole log). */
export const auditChainQueryOptions = () =>
  queryOptions({
    queryKey: auditKeys.chain(),
    queryFn: ({ signal }) => api<AuditChain>('/api/audit/chain', { signal }),
    staleTime: 0,
  })
