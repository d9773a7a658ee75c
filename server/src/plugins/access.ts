import { can, EXPORT_FILES, exportRoute, LEDGER_TYPES, ROLES, rolesWith, type Role } from '@fazhi/shared'
import { badRequest, forbidden } from '../errors'
import type { ScopedUser } from '../features/regions/scope'

/**
 * Who may call each route: the single place authorisation is declared.
 * `ownBureau` routes also restrict a bureau user to their own bureau; the service enforces that
 * with `assertBureauAccess`, since only it knows which bureau a request touches.
 * `installation` routes touch what belongs to the whole installation (years, the 考核方案,
 * publication, the organisation, the second-factor setting, the message channels): an office bound
 * to a region below the top (`BureauScope.installationWide` false) is refused with 403
 * '该操作属于全系统，由最上级法治办进行' (plugins/auth.ts). Each group below says why it is marked.
 */
export type RouteAccess = { public: true } | { roles: readonly Role[]; ownBureau?: boolean; installation?: boolean }

const PUBLIC = { public: true } as const
const ANY_USER = ROLES
const BUSINESS_READERS = rolesWith('readBusiness')
const BUSINESS_EDITORS = rolesWith('editBusiness')
const REVIEWERS = rolesWith('review')
const CHASERS = rolesWith('chaseBureaus')
const CYCLE_MANAGERS = rolesWith('manageCycles')
const ORGANISATION_MANAGERS = rolesWith('manageOrganisation')
const RESULT_PUBLISHERS = rolesWith('publishResults')
const SCHEME_MANAGERS = rolesWith('manageScheme')
const ALL_BUREAU_READERS = rolesWith('allBureaus')
const ACCOUNT_MANAGERS = rolesWith('manageAccounts')
const ROLE_GRANTERS = rolesWith('grantRoles')
const ACCOUNT_LISTERS = rolesWith('listAccounts')
const AUDIT_READERS = rolesWith('readAudit')
const SECURITY_SETTINGS_MANAGERS = rolesWith('manageSecuritySettings')
const NOTIFICATION_MANAGERS = rolesWith('manageNotifications')

export const ROUTE_ACCESS: Record<string, RouteAccess> = {
  'GET /api/health': PUBLIC,
  'GET /api/ready': PUBLIC,
  'POST /api/auth/login': PUBLIC,
  'POST /api/auth/logout': PUBLIC,
  'GET /api/auth/me': { roles: ANY_USER },
  'POST /api/auth/password': { roles: ANY_USER },
  // The second factor: a session waiting for it reaches only these (plugins/auth.ts, PENDING_FACTOR_ROUTES).
  'POST /api/auth/totp/enrolment': { roles: ANY_USER },
  'POST /api/auth/totp/enrol': { roles: ANY_USER },
  'POST /api/auth/totp/verify': { roles: ANY_USER },
  'GET /api/security/settings': { roles: SECURITY_SETTINGS_MANAGERS },
  // The second-factor setting holds for every account of the installation: only its top office (or the 安全保密管理员) sets it.
  'PUT /api/security/settings': { roles: SECURITY_SETTINGS_MANAGERS, installation: true },
  // 消息通道: the installation's outbound channels and their delivery log (recipients' names and addresses in
  // every region): the top office's; a county office reads no other county's recipients.
  'GET /api/notifications/channels': { roles: NOTIFICATION_MANAGERS, installation: true },
  'PUT /api/notifications/channels': { roles: NOTIFICATION_MANAGERS, installation: true },
  'POST /api/notifications/channels/test': { roles: NOTIFICATION_MANAGERS, installation: true },
  'GET /api/notifications/deliveries': { roles: NOTIFICATION_MANAGERS, installation: true },
  'GET /api/cycles': { roles: BUSINESS_READERS },
  // The bureau directory (names, types) is also what the account list names and the 安全保密管理员 binds bureau accounts to.
  'GET /api/bureaus': { roles: [...BUSINESS_READERS, ...ACCOUNT_LISTERS] },
  // 组织机构 writes (regions, bureaus, their codes, merges, quotas of the shared disk): the installation's tree,
  // kept by its top office. Reading it (and the import template) stays with every office.
  'POST /api/bureaus': { roles: ORGANISATION_MANAGERS, installation: true },
  'PUT /api/bureaus/:id': { roles: ORGANISATION_MANAGERS, installation: true },
  'POST /api/bureaus/:id/merge': { roles: ORGANISATION_MANAGERS, installation: true },
  'GET /api/bureaus/template.xlsx': { roles: ORGANISATION_MANAGERS },
  'POST /api/bureaus/import': { roles: ORGANISATION_MANAGERS, installation: true },
  'GET /api/regions': { roles: [...BUSINESS_READERS, ...ACCOUNT_LISTERS] },
  // 各地区排名: the office and leaders compare the regions below theirs.
  'GET /api/regions/ranking': { roles: ALL_BUREAU_READERS },
  'POST /api/regions': { roles: ORGANISATION_MANAGERS, installation: true },
  'GET /api/indicators': { roles: BUSINESS_READERS },
  'GET /api/dashboard/summary': { roles: BUSINESS_READERS },
  'GET /api/ranking': { roles: BUSINESS_READERS },
  'GET /api/trends': { roles: BUSINESS_READERS },
  'GET /api/vertical': { roles: BUSINESS_READERS },
  // Each takes `version` (a published version's frozen figures) under the same rules as live.
  'GET /api/bureaus/:id/overview': { roles: BUSINESS_READERS, ownBureau: true },
  // Exports take no bureau id: the service limits a bureau user to the county ranking and their own rows.
  ...Object.fromEntries(EXPORT_FILES.map(({ kind, format }) => [`GET /api${exportRoute(kind, format)}`, { roles: BUSINESS_READERS }])),
  'POST /api/imports': { roles: BUSINESS_EDITORS, ownBureau: true },
  'GET /api/imports/latest': { roles: BUSINESS_READERS, ownBureau: true },
  // 三员分立: the sysadmin manages accounts and sessions, the 安全保密管理员 their rights; both list them.
  'GET /api/users': { roles: ACCOUNT_LISTERS },
  'POST /api/users': { roles: ACCOUNT_MANAGERS },
  'PUT /api/users/:id': { roles: ACCOUNT_MANAGERS },
  'POST /api/users/:id/reset-password': { roles: ACCOUNT_MANAGERS },
  'GET /api/users/:id/sessions': { roles: ACCOUNT_MANAGERS },
  'DELETE /api/sessions/:sessionId': { roles: ACCOUNT_MANAGERS },
  'PUT /api/users/:id/role': { roles: ROLE_GRANTERS },
  'POST /api/users/:id/unlock': { roles: ROLE_GRANTERS },
  'POST /api/users/:id/totp/reset': { roles: ROLE_GRANTERS },
  'GET /api/audit': { roles: AUDIT_READERS },
  'GET /api/audit/export.csv': { roles: AUDIT_READERS },
  'GET /api/audit/chain': { roles: AUDIT_READERS },
  // Data entry, ledgers and the review workflow
  'GET /api/submissions': { roles: BUSINESS_READERS, ownBureau: true },
  'POST /api/submissions': { roles: BUSINESS_EDITORS, ownBureau: true },
  'GET /api/submissions/:id': { roles: BUSINESS_READERS, ownBureau: true },
  'PUT /api/submissions/:id': { roles: BUSINESS_EDITORS, ownBureau: true },
  'POST /api/submissions/:id/submit': { roles: BUSINESS_EDITORS, ownBureau: true },
  'POST /api/submissions/:id/return': { roles: REVIEWERS },
  'POST /api/submissions/:id/approve': { roles: REVIEWERS },
  'POST /api/submissions/:id/reopen': { roles: REVIEWERS },
  'PUT /api/submissions/:id/publication': { roles: BUSINESS_EDITORS, ownBureau: true },
  // Another bureau's report answers 404, as if it did not exist.
  'GET /api/submissions/:id/changes': { roles: BUSINESS_READERS, ownBureau: true },
  'POST /api/submissions/batch/approve': { roles: REVIEWERS },
  'POST /api/submissions/batch/return': { roles: REVIEWERS },
  'GET /api/reminders': { roles: BUSINESS_READERS },
  // 消息中心: each caller's own messages and preferences (the services scope every query to the caller).
  'GET /api/notifications': { roles: BUSINESS_READERS },
  'POST /api/notifications/read': { roles: BUSINESS_READERS },
  'GET /api/notifications/preferences': { roles: BUSINESS_READERS },
  'PUT /api/notifications/preferences': { roles: BUSINESS_READERS },
  // 工作台: each business role's own (a bureau user's holds only its own bureau's tasks); the visit marker is the caller's own.
  'GET /api/workbench': { roles: BUSINESS_READERS },
  'POST /api/workbench/seen': { roles: BUSINESS_READERS },
  // 催报: the office chases; the record names every bureau chased, so only those who see every bureau read it.
  'POST /api/reminders/chase': { roles: CHASERS },
  'GET /api/reminders/history': { roles: ALL_BUREAU_READERS },
  // Reviewers' comments (批注): the office comments, the bureau answers on its own reports, the leader reads.
  'GET /api/comments': { roles: BUSINESS_READERS, ownBureau: true },
  'POST /api/comments': { roles: BUSINESS_EDITORS, ownBureau: true },
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
  'POST /api/rectifications/:id/verify': { roles: REVIEWERS },
  // 离线填报: a report's template is read like the report; uploading it is a save. The office's stack
  // covers every bureau: downloading it is reading every bureau's details, uploading it editing them.
  'GET /api/submissions/:id/template.xlsx': { roles: BUSINESS_READERS, ownBureau: true },
  'POST /api/submissions/:id/template': { roles: BUSINESS_EDITORS, ownBureau: true },
  'GET /api/cycles/:year/templates.zip': { roles: ALL_BUREAU_READERS },
  'POST /api/cycles/:year/templates': { roles: BUSINESS_EDITORS.filter((r) => ALL_BUREAU_READERS.includes(r)) },
  'POST /api/rectifications/carry-over': { roles: BUSINESS_EDITORS, ownBureau: true },
  'POST /api/rectifications/batch': { roles: BUSINESS_EDITORS, ownBureau: true },
  // 佐证材料: the service holds a bureau user to their own bureau's files (another's is 404).
  'POST /api/files': { roles: BUSINESS_EDITORS, ownBureau: true },
  'GET /api/files': { roles: BUSINESS_READERS, ownBureau: true },
  'GET /api/files/usage': { roles: BUSINESS_READERS, ownBureau: true },
  'GET /api/files/:id': { roles: BUSINESS_READERS, ownBureau: true },
  'DELETE /api/files/:id': { roles: BUSINESS_EDITORS, ownBureau: true },
  // A bureau's share of the installation's disk: set by the top office, like the rest of 组织机构.
  'PUT /api/bureaus/:id/file-quota': { roles: ORGANISATION_MANAGERS, installation: true },
  // Reporting years, their deadlines and locks, and 定稿发布 hold for every region at once: the top office's.
  'POST /api/cycles': { roles: CYCLE_MANAGERS, installation: true },
  'PUT /api/cycles/:year': { roles: CYCLE_MANAGERS, installation: true },
  'POST /api/cycles/:year/lock': { roles: CYCLE_MANAGERS, installation: true },
  'POST /api/cycles/:year/unlock': { roles: CYCLE_MANAGERS, installation: true },
  'POST /api/cycles/:year/publish': { roles: RESULT_PUBLISHERS, installation: true },
  // The list of versions and what changed between them (ranks, scores) is ranking-level, public to
  // bureau users, who need it to show the published version by default; a version's whole figures
  // hold every bureau's details, so a bureau user reads them only through the pages' `version`, and
  // so does an office or leader bound below the top (the pages answer it its region's figures).
  'GET /api/results/:year': { roles: BUSINESS_READERS },
  'GET /api/results/:year/:version': { roles: ALL_BUREAU_READERS, installation: true },
  // The yearly 考核方案: every business reader knows the rules it is scored by; the office writes them.
  'GET /api/schemes/:year': { roles: BUSINESS_READERS },
  'GET /api/schemes/:year/export.xlsx': { roles: BUSINESS_READERS },
  // The 考核方案 scores every region's bureaus alike: only the top office writes it (the preview is its editor's).
  'PUT /api/schemes/:year': { roles: SCHEME_MANAGERS, installation: true },
  'POST /api/schemes/:year/copy-from/:fromYear': { roles: SCHEME_MANAGERS, installation: true },
  'POST /api/schemes/:year/reopen': { roles: SCHEME_MANAGERS, installation: true },
  'POST /api/schemes/:year/preview': { roles: SCHEME_MANAGERS, installation: true },
  'POST /api/schemes/:year/import': { roles: SCHEME_MANAGERS, installation: true },
}

export const routeKey = (method: string, url: string) => `${method} ${url}`

/**
 * Whether the user may see a bureau's details: the office and leaders every bureau of their region's
 * subtree (`BureauScope.sees`), a bureau user its own (and a city bureau its county counterparts).
 */
export const seesBureau = (user: ScopedUser, bureauId: number): boolean =>
  user.scope ? user.scope.sees === null || user.scope.sees.has(bureauId) : can(user, 'allBureaus') || user.bureauId === bureauId

/** Whether the user may change a bureau's data or review it: the office its own region's bureaus, a bureau user its own. */
export const actsOnBureau = (user: ScopedUser, bureauId: number): boolean =>
  user.scope ? user.scope.acts === null || user.scope.acts.has(bureauId) : can(user, 'allBureaus') || user.bureauId === bureauId

/** A bureau user may only see or touch their own bureau's details; the office those of its region's subtree. */
export function assertBureauAccess(user: ScopedUser, bureauId: number): void {
  if (!seesBureau(user, bureauId)) throw forbidden('只能查看本单位的详细数据')
}

/** A change to a bureau's data: refused (403) outside the bureaus the user acts on (a city office reads the counties' bureaus, it does not change them). */
export function assertActsOnBureau(user: ScopedUser, bureauId: number): void {
  if (actsOnBureau(user, bureauId)) return
  throw forbidden(seesBureau(user, bureauId) ? '该单位不属于本级管理，只能查看' : '只能操作本单位的数据')
}

/**
 * The bureau a request acts on. A bureau user acts on their own (naming another is refused); the
 * office must name one of the bureaus it acts on.
 */
export function resolveBureauId(user: ScopedUser, requested: number | undefined): number {
  if (!can(user, 'allBureaus')) {
    if (requested !== undefined && requested !== user.bureauId) throw forbidden('只能操作本单位的数据')
    return user.bureauId!
  }
  if (requested === undefined) throw badRequest('请选择单位')
  assertActsOnBureau(user, requested)
  return requested
}

/**
 * The bureau filter of a list: a bureau user always sees only their own; others filter as asked
 * (a bureau outside their scope is refused). A list the office reads unfiltered is then held to its
 * scope with `seesBureau`.
 */
export function bureauFilter(user: ScopedUser, requested: number | undefined): number | undefined {
  if (!can(user, 'allBureaus')) return resolveBureauId(user, requested)
  if (requested !== undefined) assertBureauAccess(user, requested)
  return requested
}

/**
 * The region a read covers (a dashboard answer: summary, ranking, trends, overview, vertical, the
 * county ranking, live or published; an export; the 催报 list): the requested one, which must lie in the caller's regions
 * (`BureauScope.regions`, else 403); without one, the caller's own region when its scope is not the
 * whole installation, else none (every region). An unknown region is the dashboard's 404.
 */
export function regionFilter(user: ScopedUser, requested: number | undefined): number | undefined {
  const regions = user.scope?.regions ?? null
  if (requested === undefined) {
    if (regions === null) return undefined
    if (user.regionId === null) throw forbidden('无权查看该地区')
    return user.regionId
  }
  if (regions !== null && !regions.has(requested)) throw forbidden('无权查看该地区')
  return requested
}

/**
 * The bureaus a list covers (the review queue, its history, comments since): the one asked for, which
 * the user must see (a read-only drill-down below the office's own region). Unfiltered, an editor's
 * work: the bureaus it acts on (a bureau user's own, an office's own region's: its actionable
 * reports, the regions below it read one bureau at a time); a reader's (leaders): those it sees.
 * null: every bureau.
 */
export function listedBureaus(user: ScopedUser, requested: number | undefined): readonly number[] | null {
  const one = bureauFilter(user, requested)
  if (one !== undefined) return [one]
  if (!user.scope) return null
  const listed = can(user, 'editBusiness') ? user.scope.acts : user.scope.sees
  return listed && [...listed]
}
