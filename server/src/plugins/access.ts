import { EXPORT_FILES, exportRoute, LEDGER_TYPES, type Role, type User } from '@fazhi/shared'
import { badRequest, forbidden } from '../errors'

/**
 * Who may call each route: the single place authorisation is declared.
 * `ownBureau` routes also restrict a bureau user to their own bureau; the service enforces that
 * with `assertBureauAccess`, since only it knows which bureau a request touches.
 */
export type RouteAccess = { public: true } | { roles: readonly Role[]; ownBureau?: boolean }

const PUBLIC = { public: true } as const
const ANY_USER: Role[] = ['office', 'leader', 'bureau', 'sysadmin', 'auditor']
const BUSINESS_READERS: Role[] = ['office', 'leader', 'bureau']
/** May change business data: the office for any bureau, a bureau user for their own. Leaders only read. */
const BUSINESS_EDITORS: Role[] = ['office', 'bureau']
const OFFICE: Role[] = ['office']
const SYSADMIN: Role[] = ['sysadmin']
const AUDITOR: Role[] = ['auditor']

export const ROUTE_ACCESS: Record<string, RouteAccess> = {
  'GET /api/health': PUBLIC,
  'GET /api/ready': PUBLIC,
  'POST /api/auth/login': PUBLIC,
  'POST /api/auth/logout': PUBLIC,
  'GET /api/auth/me': { roles: ANY_USER },
  'POST /api/auth/password': { roles: ANY_USER },
  'GET /api/cycles': { roles: BUSINESS_READERS },
  // The bureau directory (names, types) is also what the sysadmin binds bureau accounts to.
  'GET /api/bureaus': { roles: [...BUSINESS_READERS, 'sysadmin'] },
  'GET /api/indicators': { roles: BUSINESS_READERS },
  'GET /api/dashboard/summary': { roles: BUSINESS_READERS },
  'GET /api/ranking': { roles: BUSINESS_READERS },
  'GET /api/trends': { roles: BUSINESS_READERS },
  'GET /api/vertical': { roles: BUSINESS_READERS },
  'GET /api/bureaus/:id/overview': { roles: BUSINESS_READERS, ownBureau: true },
  // Exports take no bureau id: the service limits a bureau user to the county ranking and their own rows.
  ...Object.fromEntries(EXPORT_FILES.map(({ kind, format }) => [`GET /api${exportRoute(kind, format)}`, { roles: BUSINESS_READERS }])),
  'POST /api/imports': { roles: ['office', 'bureau'], ownBureau: true },
  'GET /api/imports/latest': { roles: BUSINESS_READERS, ownBureau: true },
  'GET /api/users': { roles: SYSADMIN },
  'POST /api/users': { roles: SYSADMIN },
  'PUT /api/users/:id': { roles: SYSADMIN },
  'POST /api/users/:id/reset-password': { roles: SYSADMIN },
  'GET /api/users/:id/sessions': { roles: SYSADMIN },
  'DELETE /api/sessions/:sessionId': { roles: SYSADMIN },
  'GET /api/audit': { roles: AUDITOR },
  'GET /api/audit/export.csv': { roles: AUDITOR },
  // Data entry, ledgers and the review workflow
  'GET /api/submissions': { roles: BUSINESS_READERS, ownBureau: true },
  'POST /api/submissions': { roles: BUSINESS_EDITORS, ownBureau: true },
  'GET /api/submissions/:id': { roles: BUSINESS_READERS, ownBureau: true },
  'PUT /api/submissions/:id': { roles: BUSINESS_EDITORS, ownBureau: true },
  'POST /api/submissions/:id/submit': { roles: BUSINESS_EDITORS, ownBureau: true },
  'POST /api/submissions/:id/return': { roles: OFFICE },
  'POST /api/submissions/:id/approve': { roles: OFFICE },
  'POST /api/submissions/:id/reopen': { roles: OFFICE },
  'PUT /api/submissions/:id/publication': { roles: BUSINESS_EDITORS, ownBureau: true },
  'GET /api/reminders': { roles: BUSINESS_READERS },
  ...Object.fromEntries(
    LEDGER_TYPES.flatMap((type): [string, RouteAccess][] => [
      [`GET /api/ledgers/${type}`, { roles: BUSINESS_READERS, ownBureau: true }],
      [`POST /api/ledgers/${type}`, { roles: BUSINESS_EDITORS, ownBureau: true }],
      [`PUT /api/ledgers/${type}/:id`, { roles: BUSINESS_EDITORS, ownBureau: true }],
      [`DELETE /api/ledgers/${type}/:id`, { roles: BUSINESS_EDITORS, ownBureau: true }],
    ]),
  ),
  'GET /api/rectifications': { roles: BUSINESS_READERS, ownBureau: true },
  'POST /api/rectifications': { roles: BUSINESS_EDITORS, ownBureau: true },
  'PUT /api/rectifications/:id': { roles: BUSINESS_EDITORS, ownBureau: true },
  'DELETE /api/rectifications/:id': { roles: BUSINESS_EDITORS, ownBureau: true },
  'POST /api/rectifications/carry-over': { roles: BUSINESS_EDITORS, ownBureau: true },
  'POST /api/rectifications/batch': { roles: BUSINESS_EDITORS, ownBureau: true },
  'POST /api/cycles': { roles: OFFICE },
  'PUT /api/cycles/:year': { roles: OFFICE },
  'POST /api/cycles/:year/lock': { roles: OFFICE },
  'POST /api/cycles/:year/unlock': { roles: OFFICE },
}

export const routeKey = (method: string, url: string) => `${method} ${url}`

/** A bureau user may only see or touch their own bureau's details. */
export function assertBureauAccess(user: User, bureauId: number): void {
  if (user.role === 'bureau' && user.bureauId !== bureauId) throw forbidden('只能查看本单位的详细数据')
}

/**
 * The bureau a request acts on. A bureau user acts on their own (naming another is refused); the
 * office must name one.
 */
export function resolveBureauId(user: User, requested: number | undefined): number {
  if (user.role === 'bureau') {
    if (requested !== undefined && requested !== user.bureauId) throw forbidden('只能操作本单位的数据')
    return user.bureauId!
  }
  if (requested === undefined) throw badRequest('请选择单位')
  return requested
}

/** The bureau filter of a list: a bureau user always sees only their own; others filter as asked. */
export function bureauFilter(user: User, requested: number | undefined): number | undefined {
  return user.role === 'bureau' ? resolveBureauId(user, requested) : requested
}
