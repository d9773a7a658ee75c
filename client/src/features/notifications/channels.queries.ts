import type { ChannelSettings, ChannelSettingsBody, ChannelTestBody, ChannelTestResult, DeliveryLog, DeliveryLogQuery } from '@fazhi/shared'
import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '../../api/client'

export const channelKeys = {
  all: ['notification-channels'] as const,
  settings: () => [...channelKeys.all, 'settings'] as const,
  deliveries: (query: DeliveryLogQuery) => [...channelKeys.all, 'deliveries', query] as const,
}

export const channelSettingsQuery = () =>
  queryOptions({
    queryKey: channelKeys.settings(),
    queryFn: ({ signal }) => api<ChannelSettings>('/api/notifications/channels', { signal }),
  })

/** 发送记录, a page at a time; the previous page stays on screen while the next loads. */
export const deliveryLogQuery = (query: DeliveryLogQuery) =>
  queryOptions({
    queryKey: channelKeys.deliveries(query),
    queryFn: ({ signal }) => api<DeliveryLog>('/api/notifications/deliveries', { query: { ...query }, signal }),
    placeholderData: keepPreviousData,
  })

export function useSaveChannels() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: ChannelSettingsBody) => api<ChannelSettings>('/api/notifications/channels', { method: 'PUT', body }),
    onSuccess: (settings) => queryClient.setQueryData(channelKeys.settings(), settings),
  })
}

/** A test send through the stored settings: answered at once, not a delivery (the log does not list it). */
export function useTestChannel() {
  return useMutation({
    mutationFn: (body: ChannelTestBody) => api<ChannelTestResult>('/api/notifications/channels/test', { method: 'POST', body }),
  })
}
