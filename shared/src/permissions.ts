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
  /** 催报: chase the bureaus that have not reported (a message and a record per bureau). */
  chaseBureaus: ['office'],
  /** Publish a year's results (定稿发布): freeze the figures every page and export then shows by default. */
  publishResults: ['office'],
  /** Open reporting years, set their deadlines, lock them. */
  manageCycles: ['office'],
  /** Manage regions and bureaus (组织机构): create, rename, end, merge, import. */
  manageOrganisation: ['office'],
  /** Write the yearly 考核方案: indicators, points, rules, grades; copy, import, reopen after publication. */
  manageScheme: ['office'],
  /** Configure the county's outbound message channels (e-mail, webhook), send test messages, read the delivery log (发送记录). */
  manageNotifications: ['office'],
  /**
   * 三员分立, the system administrator: create accounts (with no role until one is granted), rename,
   * deactivate, reset passwords, and end sessions. No business pages and no rights to grant.
   */
  manageAccounts: ['sysadmin'],
  /**
   * 三员分立, the 安全保密管理员: grant and revoke roles and bureau bindings, reset second factors,
   * unlock accounts. Never on its own account.
   */
  grantRoles: ['secadmin'],
  /** See the list of accounts: both administrators who act on them. */
  listAccounts: ['sysadmin', 'secadmin'],
  /** Switch the second-factor requirement (双因素认证) for the county. */
  manageSecuritySettings: ['office', 'secadmin'],
  /**
   * Lower that requirement (all → privileged → off): only the 安全保密管理员. The office, a business
   * role, may only raise it, or it could switch the administrators' second factor off.
   */
  lowerSecondFactor: ['secadmin'],
  /** 三员分立, the 安全审计员: read and export the audit log, the other administrators' actions included. */
  readAudit: ['auditor'],
} as const satisfies Record<string, readonly Role[]>

export type Capability = keyof typeof CAPABILITY_ROLES

export const rolesWith = (capability: Capability): readonly Role[] => CAPABILITY_ROLES[capability]

/**
 * What holds for the whole installation (years, publication, the 考核方案, 组织机构, the message
 * channels, the second-factor setting): an office bound to a region below the top reads it and does
 * not change it (the server's `installation` routes refuse it).
 */
export const INSTALLATION_CAPABILITIES: readonly Capability[] = ['manageCycles', 'publishResults', 'manageOrganisation', 'manageScheme', 'manageNotifications', 'manageSecuritySettings']

/** Whether the user holds the capability; `installationWide: false` (a session's, `SessionInfo`) withholds the installation's. */
export const can = (user: { role: Role; installationWide?: boolean }, capability: Capability): boolean =>
  rolesWith(capability).includes(user.role) && !(user.installationWide === false && INSTALLATION_CAPABILITIES.includes(capability))

/** The roles that must use a second factor (TOTP) even when the county's setting leaves it to the others. */
export const SECOND_FACTOR_ROLES: readonly Role[] = ['office', 'sysadmin', 'secadmin', 'auditor']

/** The county's second-factor setting: `off` (the demo), `privileged` (the roles above; the default), `all`. */
export const SECOND_FACTOR_MODES = ['off', 'privileged', 'all'] as const
export type SecondFactorMode = (typeof SECOND_FACTOR_MODES)[number]

/** Whether an account of this role must log in with its second factor under the county's setting. */
export const needsSecondFactor = (role: Role, mode: SecondFactorMode): boolean =>
  mode === 'all' || (mode === 'privileged' && SECOND_FACTOR_ROLES.includes(role))

/** Whether going from one mode to another asks less of the accounts (needs `lowerSecondFactor`). */
export const lowersSecondFactor = (from: SecondFactorMode, to: SecondFactorMode): boolean =>
  SECOND_FACTOR_MODES.indexOf(to) < SECOND_FACTOR_MODES.indexOf(from)

/** The administrators of 三员分立: none may act on its own account's rights. */
export const ADMIN_ROLES: readonly Role[] = ['sysadmin', 'secadmin', 'auditor']

/**
 * Whether the sysadmin may reset this account's password on the web: never an administrator's,
 * whose password would give the sysadmin that administrator's rights; the machine's operator resets
 * those (`npm run user:reset-password`).
 */
export const passwordResetOnWeb = (role: Role | null): boolean => !role || !ADMIN_ROLES.includes(role)

/** Whether an account of this role belongs to exactly one bureau (the others belong to none). */
export const bindsBureau = (role: Role | null): boolean => role === 'bureau'

/**
 * Whether an account of this role may be bound to a region (the office and leaders, who read every
 * bureau's details): it then reads that region and the regions below it, and an office acts on the
 * bureaus of its own region. Unbound, it reads and acts on the whole installation.
 */
export const bindsRegion = (role: Role | null): boolean => role !== null && rolesWith('allBureaus').includes(role) && !bindsBureau(role)

/**
 * Whether an office or leader account's rights reach the bureaus of a region for changes: those of
 * its own region, or every region when it is bound to none. The regions below its own it only reads.
 * The server's scope (`features/regions/scope.ts`) applies the same rule; screens use this one to
 * offer or hide a change.
 */
export const regionActedOn = (user: { regionId: number | null }, bureauRegionId: number): boolean => user.regionId === null || user.regionId === bureauRegionId

export interface AccountAccess {
  role: Role | null
  bureauId: number | null
  regionId: number | null
  active: boolean
}

/** A change to an account that alters what it may do: the server ends its sessions, so it logs in again. */
export const changesAccess = (before: AccountAccess, after: AccountAccess): boolean =>
  after.role !== before.role || after.bureauId !== before.bureauId || after.regionId !== before.regionId || (before.active && !after.active)
