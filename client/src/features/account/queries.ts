import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '../../api/client'
import { authKeys } from '../auth/queries'

export interface ChangePasswordInput {
  currentPassword: string
  newPassword: string
}

/** Changes the signed-in user's password; the session stays, other sessions end (server side). */
export function useChangePassword() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: ChangePasswordInput) => api<{ ok: true }>('/api/auth/password', { method: 'POST', body }),
    // The user's `mustChangePassword` flag is now off: read it again before leaving the page.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: authKeys.me() }),
  })
}
