import type { NotificationList, NotificationPreferences, NotificationReadBody, NotificationReadResult } from '@fazhi/shared'
import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '../../api/client'

export const notificationKeys = {
  all: ['notifications'] as const,
  lists: () => [...notificationKeys.all, 'list'] as const,
  list: (unread: boolean, page: number) => [...notificationKeys.lists(), { unread, page }] as const,
  preferences: () => [...notificationKeys.all, 'preferences'] as const,
}

/** The unread count in the header refreshes every minute and when the window regains focus. */
export const UNREAD_REFRESH_MS = 60_000

/** A page of the user's messages (all or unread) with the unread count. */
export const notificationsQuery = (unread: boolean, page: number) =>
  queryOptions({
    queryKey: notificationKeys.list(unread, page),
    queryFn: ({ signal }) => api<NotificationList>('/api/notifications', { query: { unread: unread ? 1 : undefined, page }, signal }),
    placeholderData: keepPreviousData,
  })

/** The header's count: the first page of unread messages, polled. */
export const unreadCountQuery = () =>
  queryOptions({
    ...notificationsQuery(true, 1),
    select: (list: NotificationList) => list.unread,
    refetchInterval: UNREAD_REFRESH_MS,
    refetchOnWindowFocus: true,
  })

export const preferencesQuery = () =>
  queryOptions({
    queryKey: notificationKeys.preferences(),
    queryFn: ({ signal }) => api<NotificationPreferences>('/api/notifications/preferences', { signal }),
  })

/** Marks messages read (the named ones, or all); every list and the count refetch. */
export function useMarkRead() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: NotificationReadBody) => api<NotificationReadResult>('/api/notifications/read', { method: 'POST', body }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationKeys.lists() }),
  })
}

export function useSavePreferences() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: NotificationPreferences) => api<NotificationPreferences>('/api/notifications/preferences', { method: 'PUT', body }),
    onSuccess: (saved) => queryClient.setQueryData(notificationKeys.preferences(), saved),
  })
}
