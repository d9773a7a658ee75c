import type { Role } from './constants'

/**
 * Who may do what: the roles holding each capability. The server's route table and guards and every
 * screen ask `can(user, capability)` instead of naming roles.
 */
export const CAPABILITY_ROLES = {
  /** Read the business pages: dashboard, ranking, submissions, ledgers, rectifications. */
  readBusiness: ['office', 'leader', 'bureau'],
  /** Change business data: submissions, ledgers, rectifications, imports, publication. Leaders only read. */
  editBusiness: ['office', 'bureau'],
  /** See and act on every bureau; a business user without it is held to the bureau its account binds. */
  allBureaus: ['office', 'leader'],
  /** Approve, return and reopen submissions; verify (销号) rectification items or send them back (退回重改). */
  review: ['office'],
  /** Publish a year's results (定稿发布): freeze the figures every page and export then shows by default. */
  publishResults: ['office'],
  /** Open reporting years, set their deadlines, lock them. */
  manageCycles: ['office'],
  /** Manage regions and bureaus (组织机构): create, rename, end, merge, import. */
  manageOrganisation: ['office'],
  /** Write the yearly 考核方案: indicators, points, rules, grades; copy, import, reopen after publication. */
  manageScheme: ['office'],
  /** Manage accounts and their sessions (三员分立: the sysadmin has no business pages). */
  manageUsers: ['sysadmin'],
  /** Read the audit log. */
  readAudit: ['auditor'],
} as const satisfies Record<string, readonly Role[]>

export type Capability = keyof typeof CAPABILITY_ROLES

export const rolesWith = (capability: Capability): readonly Role[] => CAPABILITY_ROLES[capability]

export const can = (user: { role: Role }, capability: Capability): boolean => rolesWith(capability).includes(user.role)

/** Whether an account of this role belongs to exactly one bureau (the others belong to none). */
export const bindsBureau = (role: Role): boolean => role === 'bureau'

export interface AccountAccess {
  role: Role
  bureauId: number | null
  active: boolean
}

/** A change to an account that alters what it may do: the server ends its sessions, so it logs in again. */
export const changesAccess = (before: AccountAccess, after: AccountAccess): boolean =>
  after.role !== before.role || after.bureauId !== before.bureauId || (before.active && !after.active)
