import type { Cycle } from '@fazhi/shared'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '../../api/client'
import { catalogKeys } from '../catalog/queries'
import { entryKeys } from '../entry/queries'

/** Office tools for reporting cycles; the list itself is the catalog's `cyclesQuery`. */
export function useCycleMutations() {
  const queryClient = useQueryClient()
  // Locking changes what every submission of the year allows.
  const onSuccess = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: catalogKeys.cycles() }),
      queryClient.invalidateQueries({ queryKey: entryKeys.submissions() }),
    ])
  return {
    create: useMutation({
      mutationFn: (body: { year: number; dueDate: string; publishDeadline: string }) => api<Cycle>('/api/cycles', { method: 'POST', body }),
      onSuccess,
    }),
    /** Names the version the form read: a change made elsewhere since answers 409. */
    update: useMutation({
      mutationFn: ({ year, ...body }: { year: number; dueDate: string; publishDeadline: string; version: number }) =>
        api<Cycle>(`/api/cycles/${year}`, { method: 'PUT', body }),
      onSuccess,
    }),
    setLocked: useMutation({
      mutationFn: ({ year, locked }: { year: number; locked: boolean }) => api<Cycle>(`/api/cycles/${year}/${locked ? 'lock' : 'unlock'}`, { method: 'POST' }),
      onSuccess,
    }),
  }
}
