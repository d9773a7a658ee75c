import type { AdminUser, CreateUserBody, GrantRoleBody, UpdateUserBody, UserSession } from '@fazhi/shared'
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

/** A change to an account that may also end its sessions: the list and its sessions are read again. */
function useAccountMutation<V extends { id: number }, R>(mutationFn: (vars: V) => Promise<R>) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn,
    onSuccess: (_user, { id }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: adminKeys.users() }),
        queryClient.invalidateQueries({ queryKey: adminKeys.sessions(id) }),
      ]),
  })
}

/** The sysadmin renames, deactivates or reactivates an account (a deactivation ends its sessions). */
export const useUpdateUser = () =>
  useAccountMutation(({ id, body }: { id: number; body: UpdateUserBody }) => api<AdminUser>(`/api/users/${id}`, { method: 'PUT', body }))

/** The 安全保密管理员 grants or revokes a role and its bureau binding (a change ends the account's sessions). */
export const useGrantRole = () =>
  useAccountMutation(({ id, body }: { id: number; body: GrantRoleBody }) => api<AdminUser>(`/api/users/${id}/role`, { method: 'PUT', body }))

/** The 安全保密管理员 lifts an account's lockout. */
export const useUnlockUser = () => useAccountMutation(({ id }: { id: number }) => api<AdminUser>(`/api/users/${id}/unlock`, { method: 'POST' }))

/** The 安全保密管理员 removes an account's second factor (its sessions end; it enrols again). */
export const useResetSecondFactor = () =>
  useAccountMutation(({ id }: { id: number }) => api<AdminUser>(`/api/users/${id}/totp/reset`, { method: 'POST' }))

/** The sysadmin sets a new initial password (the account's sessions end). */
export const useResetPassword = () =>
  useAccountMutation(({ id, password }: { id: number; password: string }) =>
    api<{ ok: true }>(`/api/users/${id}/reset-password`, { method: 'POST', body: { password } }),
  )

export function useRevokeSession(userId: number) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (sessionId: string) => api<{ ok: true }>(`/api/sessions/${sessionId}`, { method: 'DELETE' }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: adminKeys.sessions(userId) }),
  })
}
