import type { AdminUser, CreateUserBody, UpdateUserBody, UserSession } from '@fazhi/shared'
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '../../api/client'

/** A session of a user, as the sysadmin sees it (shared has the schema but no type alias for it). */
export type Session = UserSession

export const adminKeys = {
  all: ['admin'] as const,
  users: () => [...adminKeys.all, 'users'] as const,
  sessions: (userId: number) => [...adminKeys.all, 'users', userId, 'sessions'] as const,
}

export const usersQuery = () =>
  queryOptions({
    queryKey: adminKeys.users(),
    queryFn: ({ signal }) => api<AdminUser[]>('/api/users', { signal }),
  })

export const sessionsQuery = (userId: number) =>
  queryOptions({
    queryKey: adminKeys.sessions(userId),
    queryFn: ({ signal }) => api<Session[]>(`/api/users/${userId}/sessions`, { signal }),
    staleTime: 0,
  })

export function useCreateUser() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: CreateUserBody) => api<AdminUser>('/api/users', { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.users() }),
  })
}

export function useUpdateUser() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: UpdateUserBody }) => api<AdminUser>(`/api/users/${id}`, { method: 'PUT', body }),
    // A role change or deactivation also ends the user's sessions.
    onSuccess: (_user, { id }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: adminKeys.users() }),
        queryClient.invalidateQueries({ queryKey: adminKeys.sessions(id) }),
      ]),
  })
}

export function useResetPassword() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, password }: { id: number; password: string }) =>
      api<{ ok: true }>(`/api/users/${id}/reset-password`, { method: 'POST', body: { password } }),
    // The reset also clears a lockout and ends every session of the user.
    onSuccess: (_ok, { id }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: adminKeys.users() }),
        queryClient.invalidateQueries({ queryKey: adminKeys.sessions(id) }),
      ]),
  })
}

export function useRevokeSession(userId: number) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (sessionId: string) => api<{ ok: true }>(`/api/sessions/${sessionId}`, { method: 'DELETE' }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: adminKeys.sessions(userId) }),
  })
}
