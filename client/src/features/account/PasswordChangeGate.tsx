import type { ReactNode } from 'react'
import { Navigate, useLocation } from 'react-router-dom'
import { useCurrentUser } from '../auth/session'

export const CHANGE_PASSWORD_PATH = '/account/password'

/**
 * An account created or reset by the administrator must change its password first: the server
 * refuses every other request until then, so every page leads to the password form.
 */
export function PasswordChangeGate({ children }: { children: ReactNode }) {
  const user = useCurrentUser()
  const { pathname } = useLocation()
  if (user.mustChangePassword && pathname !== CHANGE_PASSWORD_PATH) return <Navigate to={CHANGE_PASSWORD_PATH} replace />
  return children
}
