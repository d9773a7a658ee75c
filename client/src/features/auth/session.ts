import type { Role, User } from '@fazhi/shared'
import { useQuery } from '@tanstack/react-query'
import { meQuery } from './queries'

/** Roles that read the business pages; sysadmin and auditor get 403 from those APIs. */
const BUSINESS_ROLES: readonly Role[] = ['office', 'leader', 'bureau']

export const isBusinessUser = (user: User) => BUSINESS_ROLES.includes(user.role)

/** Where a user lands after login: a bureau user sees their own bureau first. */
export function homePath(user: User): string {
  return user.role === 'bureau' && user.bureauId !== null ? `/bureaus/${user.bureauId}` : '/'
}

/** The signed-in user; only for components rendered inside <RequireAuth>. */
export function useCurrentUser(): User {
  const { data } = useQuery(meQuery())
  if (!data) throw new Error('useCurrentUser outside <RequireAuth>')
  return data
}
