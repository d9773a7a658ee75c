import type { LoginBody, User } from '@fazhi/shared'
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
    queryFn: ({ signal }) => api<User>('/api/auth/me', { signal }),
    staleTime: Infinity,
    retry: false,
  })

export function useLogin() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: LoginBody) => api<User>('/api/auth/login', { method: 'POST', body }),
    onSuccess: (user) => queryClient.setQueryData(authKeys.me(), user),
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
