import type { ChaseBody, ChaseHistory, ChaseResult, Reminders } from '@fazhi/shared'
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '../../api/client'

export const reminderKeys = {
  all: ['reminders'] as const,
  year: (year: number) => [...reminderKeys.all, year] as const,
  history: (year: number) => [...reminderKeys.all, year, 'history'] as const,
}

/** 催报: the outstanding and late bureaus of a region (every region without one) for the office and leaders; a bureau user's own deadline. */
export const remindersQuery = (year: number, regionId?: number | null) =>
  queryOptions({
    queryKey: [...reminderKeys.year(year), regionId ?? null],
    queryFn: ({ signal }) => api<Reminders>('/api/reminders', { query: { year, regionId }, signal }),
  })

/** 催报记录: every chase of the year, newest first, with each channel's delivery. */
export const chaseHistoryQuery = (year: number) =>
  queryOptions({
    queryKey: reminderKeys.history(year),
    queryFn: ({ signal }) => api<ChaseHistory>('/api/reminders/history', { query: { year }, signal }),
  })

/** 一键催报: the list and its history are read again. */
export function useChase() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: ChaseBody) => api<ChaseResult>('/api/reminders/chase', { method: 'POST', body }),
    onSuccess: (_result, { year }) => queryClient.invalidateQueries({ queryKey: reminderKeys.year(year) }),
  })
}
