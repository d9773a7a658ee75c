import type { Reminders } from '@fazhi/shared'
import { queryOptions } from '@tanstack/react-query'
import { api } from '../../api/client'

export const reminderKeys = {
  all: ['reminders'] as const,
  year: (year: number) => [...reminderKeys.all, year] as const,
}

/** 催报: the county's outstanding and late bureaus for the office and leaders; a bureau user's own deadline. */
export const remindersQuery = (year: number) =>
  queryOptions({
    queryKey: reminderKeys.year(year),
    queryFn: ({ signal }) => api<Reminders>('/api/reminders', { query: { year }, signal }),
  })
