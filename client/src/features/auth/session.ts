import { can, type SessionInfo, type User } from '@fazhi/shared'
import { useQuery } from '@tanstack/react-query'
import { meQuery } from './queries'

/** Voluntary enrolment of the second factor, from the account menu. */
export const TWO_FACTOR_PATH = '/account/two-factor'

/** Where a business user lands after login: the 工作台 of their role (the overview stays at `/`, 总览). */
export function homePath(user: User): string {
  return can(user, 'readBusiness') ? '/workbench' : '/'
}

/** 三员分立: the three administrators have their own pages and no business ones (both who act on accounts land on the account list). */
export function roleHomePath(user: User): string {
  if (can(user, 'listAccounts')) return '/admin/users'
  if (can(user, 'readAudit')) return '/audit'
  return homePath(user)
}

/** The signed-in user; only for components rendered inside <RequireAuth>. */
export function useCurrentUser(): SessionInfo {
  const { data } = useQuery(meQuery())
  if (!data) throw new Error('useCurrentUser outside <RequireAuth>')
  return data
}
