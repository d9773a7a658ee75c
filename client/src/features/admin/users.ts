import { bindsBureau, bindsRegion, MIN_PASSWORD_LENGTH, type AdminUser, type Role } from '@fazhi/shared'

/** What the account list shows as a user's state, most pressing first. */
export type AccountState = 'inactive' | 'locked' | 'mustChange' | 'active'

export const ACCOUNT_STATES: Record<AccountState, { label: string; color: string }> = {
  inactive: { label: '已停用', color: 'default' },
  locked: { label: '已锁定', color: 'red' },
  mustChange: { label: '待修改密码', color: 'orange' },
  active: { label: '正常', color: 'green' },
}

export function accountState(user: Pick<AdminUser, 'active' | 'lockedUntil' | 'mustChangePassword'>, now: Date): AccountState {
  if (!user.active) return 'inactive'
  if (user.lockedUntil && Date.parse(user.lockedUntil) > now.getTime()) return 'locked'
  if (user.mustChangePassword) return 'mustChange'
  return 'active'
}

/** The role filter's value for accounts without a role (未授权): the 安全保密管理员's work list. */
export const NO_ROLE = 'none'

/** The 所属地区 choice of an office or leader account bound to no region: 全部地区, the whole installation. */
export const ALL_REGIONS = 'none'

/** The role dialog's choice, as its form holds it (a field not yet set is undefined). */
export interface RoleChoice {
  role: Role | typeof NO_ROLE | undefined
  bureauId: number | null | undefined
  regionId: number | typeof ALL_REGIONS | undefined
}

/**
 * The grant a choice sends (`PUT /api/users/:id/role`): the bureau only for a bureau account, the
 * region only for an office or leader account. The dialog warns that the sessions end when it
 * `changesAccess`.
 */
export function grantOf({ role, bureauId, regionId }: RoleChoice): { role: Role | null; bureauId: number | null; regionId: number | null } {
  const granted = role === NO_ROLE || role === undefined ? null : role
  return {
    role: granted,
    bureauId: bindsBureau(granted) ? (bureauId ?? null) : null,
    regionId: bindsRegion(granted) && regionId !== undefined && regionId !== ALL_REGIONS ? regionId : null,
  }
}

/** What the account list shows as an account's region: its region's name, 全部地区 for an unbound office or leader, nothing for the others. */
export function regionLabel(user: Pick<AdminUser, 'role' | 'regionId'>, regionNames: ReadonlyMap<number, string>): string | null {
  if (!bindsRegion(user.role)) return null
  if (user.regionId === null) return '全部地区'
  return regionNames.get(user.regionId) ?? `地区 #${user.regionId}`
}

export interface UserFilter {
  search: string
  /** A role, `NO_ROLE`, or null for every account. */
  role: Role | typeof NO_ROLE | null
}

export function filterUsers(users: readonly AdminUser[], { search, role: shownRole }: UserFilter): AdminUser[] {
  const needle = search.trim().toLowerCase()
  return users.filter(
    (u) => (shownRole === null || shownRole === (u.role ?? NO_ROLE)) && (!needle || u.username.toLowerCase().includes(needle) || u.displayName.toLowerCase().includes(needle)),
  )
}

const ALPHABETS = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '@#$%&*+=?!'] as const

/**
 * A random initial password that meets the policy (one of each class, no look-alike characters), for
 * the administrator to hand over; the user must change it at first login anyway.
 */
export function generatePassword(length = Math.max(12, MIN_PASSWORD_LENGTH), random: (n: number) => number = secureRandom): string {
  const all = ALPHABETS.join('')
  const chars = ALPHABETS.map((a) => a[random(a.length)])
  while (chars.length < length) chars.push(all[random(all.length)])
  for (let i = chars.length - 1; i > 0; i--) {
    const j = random(i + 1)
    ;[chars[i], chars[j]] = [chars[j], chars[i]]
  }
  return chars.join('')
}

function secureRandom(n: number): number {
  const buf = new Uint32Array(1)
  crypto.getRandomValues(buf)
  return buf[0] % n
}
