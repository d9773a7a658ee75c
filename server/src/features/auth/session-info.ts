import type { PendingFactor, SessionInfo } from '@fazhi/shared'
import type { ScopedUser } from '../regions/scope'
import { csrfTokenOf } from './service'

/** What the login, `GET /api/auth/me` and the second factor's verification answer: the account, its region and scope's reach, and the session's CSRF token. */
export const sessionInfoOf = (user: ScopedUser, token: string, pendingFactor: PendingFactor | null, totpEnrolled: boolean): SessionInfo => ({
  id: user.id,
  username: user.username,
  displayName: user.displayName,
  role: user.role,
  bureauId: user.bureauId,
  regionId: user.regionId,
  mustChangePassword: user.mustChangePassword,
  installationWide: user.scope?.installationWide ?? true,
  csrfToken: csrfTokenOf(token),
  pendingFactor,
  totpEnrolled,
})
