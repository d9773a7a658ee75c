import type { LoginBody, RecoveryCodes, SessionInfo, TotpEnrolment } from '@fazhi/shared'
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { useNavigate } from 'react-router-dom'
import { api } from '../../api/client'

export const authKeys = {
  all: ['auth'] as const,
  me: () => [...authKeys.all, 'me'] as const,
}

export const meQuery = () =>
  queryOptions({
    queryKey: authKeys.me(),
    queryFn: ({ signal }) => api<SessionInfo>('/api/auth/me', { signal }),
    staleTime: Infinity,
    retry: false,
  })

export function useLogin() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: LoginBody) => api<SessionInfo>('/api/auth/login', { method: 'POST', body }),
    onSuccess: (session) => queryClient.setQueryData(authKeys.me(), session),
  })
}

/**
 * A new secret to scan. Each call replaces the one the server waits for, so the enrolment page asks
 * for it once and never again behind the user's back.
 */
export function useTotpEnrolment() {
  return useMutation({ mutationFn: () => api<TotpEnrolment>('/api/auth/totp/enrolment', { method: 'POST' }) })
}

/** Confirms the enrolment with a code; the recovery codes it answers are shown once. */
export function useTotpEnrol() {
  return useMutation({ mutationFn: (code: string) => api<RecoveryCodes>('/api/auth/totp/enrol', { method: 'POST', body: { code } }) })
}

/** The second step of a login: the answer is the full session. */
export function useTotpVerify() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (code: string) => api<SessionInfo>('/api/auth/totp/verify', { method: 'POST', body: { code } }),
    onSuccess: (session) => queryClient.setQueryData(authKeys.me(), session),
  })
}

export function useLogout() {
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  return useMutation({
    mutationFn: () => api<{ ok: true }>('/api/auth/logout', { method: 'POST' }),
    onSettled: async () => {
      await navigate('/login', { replace: true })
      // Nothing cached for this user may outlive the session.
      queryClient.clear()
    },
  })
}
