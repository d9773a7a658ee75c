import type { SecuritySettings } from '@fazhi/shared'
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '../../api/client'
import { authKeys } from '../auth/queries'

export const securityKeys = {
  all: ['security'] as const,
  settings: () => [...securityKeys.all, 'settings'] as const,
}

export const securitySettingsQuery = () =>
  queryOptions({
    queryKey: securityKeys.settings(),
    queryFn: ({ signal }) => api<SecuritySettings>('/api/security/settings', { signal }),
  })

/**
 * Saves the county's security settings; the answer is the stored settings. A raised requirement ends
 * the sessions of accounts without the factor it now asks for, perhaps this one: the session is
 * asked again, and an ended one goes to the login.
 */
export function useSaveSecuritySettings() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: SecuritySettings) => api<SecuritySettings>('/api/security/settings', { method: 'PUT', body }),
    onSuccess: (settings) => {
      queryClient.setQueryData(securityKeys.settings(), settings)
      void queryClient.invalidateQueries({ queryKey: authKeys.me() })
    },
  })
}
