import type { CarryOver, RectificationItem, RectificationStatus } from '@fazhi/shared'
import { queryOptions, useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query'
import { api } from '../../api/client'
import { bureauKeys } from '../bureau/queries'
import { overviewKeys } from '../overview/queries'
import { rankingKeys } from '../ranking/queries'

export interface RectificationFilter {
  year: number
  bureauId?: number
}

export const rectificationKeys = {
  all: ['rectifications'] as const,
  lists: () => [...rectificationKeys.all, 'list'] as const,
  list: (filter: RectificationFilter) => [...rectificationKeys.lists(), filter] as const,
}

/** Every item of the year (a bureau user's own); status filters apply on the client, so counts stay at hand. */
export const rectificationListQuery = (filter: RectificationFilter) =>
  queryOptions({
    queryKey: rectificationKeys.list(filter),
    queryFn: ({ signal }) => api<RectificationItem[]>('/api/rectifications', { query: { ...filter }, signal }),
  })

/** The item as stored now, for a save conflict's 刷新; null once deleted. */
export const fetchRectification = async (queryClient: QueryClient, item: Pick<RectificationItem, 'id' | 'year' | 'bureauId'>) =>
  (await queryClient.fetchQuery({ ...rectificationListQuery({ year: item.year, bureauId: item.bureauId }), staleTime: 0 })).find((i) => i.id === item.id) ?? null

/** The editable fields, as PUT takes them and POST / batch take them with year and bureau. */
export interface RectificationInput {
  problem: string
  measure: string
  owner: string
  deadline: string
  status: RectificationStatus
  completedAt: string | null
  evidence: string | null
  sourceYear?: number | null
}

/** Items feed the rectification indicators, so the dashboard figures move with them. */
export async function invalidateRectifications(queryClient: QueryClient) {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: rectificationKeys.all }),
    queryClient.invalidateQueries({ queryKey: overviewKeys.all }),
    queryClient.invalidateQueries({ queryKey: bureauKeys.all }),
    queryClient.invalidateQueries({ queryKey: rankingKeys.all }),
  ])
}

export function useRectificationMutations() {
  const queryClient = useQueryClient()
  const onSuccess = () => invalidateRectifications(queryClient)
  return {
    create: useMutation({
      mutationFn: (body: RectificationInput & { year: number; bureauId?: number }) =>
        api<RectificationItem>('/api/rectifications', { method: 'POST', body }),
      onSuccess,
    }),
    /** Sends the version the form is based on: a change made elsewhere since answers 409. */
    update: useMutation({
      mutationFn: ({ id, fields, version }: { id: number; fields: RectificationInput; version: number }) =>
        api<RectificationItem>(`/api/rectifications/${id}`, { method: 'PUT', body: { ...fields, version } }),
      onSuccess,
    }),
    remove: useMutation({
      mutationFn: (item: Pick<RectificationItem, 'id' | 'version'>) => api(`/api/rectifications/${item.id}`, { method: 'DELETE', query: { version: item.version } }),
      onSuccess,
    }),
    /** 销号 (approve) or 退回重改 (with a reason), by the office. */
    verify: useMutation({
      mutationFn: ({ item, approve, reason }: { item: Pick<RectificationItem, 'id' | 'version'>; approve: boolean; reason?: string }) =>
        api<RectificationItem>(`/api/rectifications/${item.id}/verify`, { method: 'POST', body: { approve, reason, version: item.version } }),
      onSuccess,
    }),
    /** With `sourceImportId`: problems of an imported report, which go to the year after the report's. */
    batch: useMutation({
      mutationFn: (body: { year: number; bureauId?: number; sourceImportId?: number; items: RectificationInput[] }) =>
        api<RectificationItem[]>('/api/rectifications/batch', { method: 'POST', body }),
      onSuccess,
    }),
  }
}

/** 从上年度报告导入问题: last year's unfinished items, proposed (not inserted). */
export const fetchCarryOver = (year: number, bureauId?: number) =>
  api<CarryOver>('/api/rectifications/carry-over', { method: 'POST', body: { year, ...(bureauId === undefined ? {} : { bureauId }) } })
