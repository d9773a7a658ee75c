import type { Role, User } from '@fazhi/shared'
import { forbidden } from '../errors'

/**
 * Who may call each route: the single place authorisation is declared.
 * `ownBureau` routes also restrict a bureau user to their own bureau; the service enforces that
 * with `assertBureauAccess`, since only it knows which bureau a request touches.
 */
export type RouteAccess = { public: true } | { roles: readonly Role[]; ownBureau?: boolean }

const PUBLIC = { public: true } as const
const ANY_USER: Role[] = ['office', 'leader', 'bureau', 'sysadmin', 'auditor']
const BUSINESS_READERS: Role[] = ['office', 'leader', 'bureau']

export const ROUTE_ACCESS: Record<string, RouteAccess> = {
  'GET /api/health': PUBLIC,
  'GET /api/ready': PUBLIC,
  'POST /api/auth/login': PUBLIC,
  'POST /api/auth/logout': PUBLIC,
  'GET /api/auth/me': { roles: ANY_USER },
  'GET /api/cycles': { roles: BUSINESS_READERS },
  'GET /api/bureaus': { roles: BUSINESS_READERS },
  'GET /api/indicators': { roles: BUSINESS_READERS },
  'GET /api/dashboard/summary': { roles: BUSINESS_READERS },
  'GET /api/ranking': { roles: BUSINESS_READERS },
  'GET /api/trends': { roles: BUSINESS_READERS },
  'GET /api/bureaus/:id/overview': { roles: BUSINESS_READERS, ownBureau: true },
}

export const routeKey = (method: string, url: string) => `${method} ${url}`

/** A bureau user may only see or touch their own bureau's details. */
export function assertBureauAccess(user: User, bureauId: number): void {
  if (user.role === 'bureau' && user.bureauId !== bureauId) throw forbidden('只能查看本单位的详细数据')
}
