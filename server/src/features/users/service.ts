import {
  ADMIN_ROLES,
  bindsRegion,
  changesAccess,
  passwordPolicyProblem,
  passwordResetOnWeb,
  ROLE_LABELS,
  type AdminUser,
  type CreateUserBody,
  type GrantRoleBody,
  type Role,
  type UpdateUserBody,
  type User,
} from '@fazhi/shared'
import type { Audit, AuditedTransaction } from '../../db/transaction'
import type { VersionGuard } from '../../db/versions'
import { badRequest, conflict, forbidden, notFound } from '../../errors'
import type { Actor } from '../../lib/actor'
import { hashPassword } from '../auth/passwords'
import type { BureausService } from '../bureaus/service'
import type { RegionsService } from '../regions/service'
import type { UsersRepository } from './repository'

/**
 * Account administration under 三员分立. The sysadmin creates accounts (without a role), renames,
 * deactivates and resets passwords; the 安全保密管理员 grants roles, unlocks and resets second
 * factors. No administrator acts on its own account's rights, and the last active holder of an
 * administrator role is never taken away.
 */
export interface UsersDeps {
  repo: UsersRepository
  bureaus: Pick<BureausService, 'getBureau'>
  regions: Pick<RegionsService, 'findRegion'>
  transaction: AuditedTransaction
  checkVersion: VersionGuard
  clock: () => Date
}

export type RoleGrant = Pick<GrantRoleBody, 'role' | 'bureauId' | 'regionId'>

export function usersService({ repo, bureaus, regions, transaction, checkVersion, clock }: UsersDeps) {
  async function requireUser(id: number) {
    const user = await repo.find(id)
    if (!user) throw notFound('用户不存在')
    return user
  }
  /** The administrator's own account is out of its reach: another administrator acts on it. */
  function refuseSelf(actor: Actor<User | null>, id: number, refusal: string) {
    if (actor.user?.id === id) throw forbidden(refusal)
  }
  /** Refuses a change that leaves no active account with `before`'s administrator role. */
  async function keepLastAdministrator(before: AdminUser, after: { role: Role | null; active: boolean }) {
    const { role } = before
    if (!role || !ADMIN_ROLES.includes(role) || !before.active || (after.active && after.role === role)) return
    if (await repo.activeHolders(role) <= 1) throw badRequest(`${before.displayName}是唯一启用的${ROLE_LABELS[role]}，不能停用或撤销其角色；请先为另一账户授予该角色`)
  }
  async function checkedHash(password: string) {
    const problem = passwordPolicyProblem(password)
    if (problem) throw badRequest(problem)
    return hashPassword(password)
  }
  async function insert(audit: Audit, body: CreateUserBody, passwordHash: string) {
    const id = await repo.insert({ username: body.username, displayName: body.displayName, passwordHash, mustChangePassword: true })
    const user = (await repo.find(id))!
    await audit({ action: 'user.create', objectType: 'user', objectId: id, after: user })
    return user
  }
  /** Sets the role and binding; a change of either ends the account's sessions, so it logs in again. */
  async function grant(audit: Audit, before: AdminUser, { role, bureauId, regionId: asked }: RoleGrant) {
    // Omitted, an office or leader account keeps its region: only an explicit null makes it the whole installation's.
    const regionId = bindsRegion(role) ? (asked === undefined ? before.regionId : asked) : null
    if (bureauId != null && !await bureaus.getBureau(bureauId)) throw badRequest('单位不存在')
    if (regionId != null && !await regions.findRegion(regionId)) throw badRequest('地区不存在')
    await keepLastAdministrator(before, { role, active: before.active })
    await repo.updateAccount(before.id, { role, bureauId, regionId })
    if (changesAccess(before, { role, bureauId, regionId, active: before.active })) await repo.deleteSessionsOf(before.id)
    const after = (await repo.find(before.id))!
    await audit({ action: 'user.role-change', objectType: 'user', objectId: before.id, before, after })
    return after
  }
  /** The web's password reset stops at an administrator's account: the operator resets it on the server. */
  function refuseAdministrator<U extends Pick<AdminUser, 'role'>>(user: U): U {
    if (!passwordResetOnWeb(user.role)) throw forbidden('管理员账户的密码只能由运维人员在服务器上重置')
    return user
  }
  /** A password the account must change at its next login; its sessions end, its lockout and second factor stay. */
  async function setInitialPassword(audit: Audit, user: Pick<AdminUser, 'id'>, passwordHash: string) {
    await repo.update(user.id, { passwordHash, mustChangePassword: true, passwordChangedAt: clock().toISOString() })
    await repo.deleteSessionsOf(user.id)
    await audit({ action: 'user.reset-password', objectType: 'user', objectId: user.id })
  }
  async function createChecked(body: CreateUserBody) {
    if (await repo.findByUsername(body.username)) throw conflict(`用户名 ${body.username} 已存在`)
    return checkedHash(body.password)
  }

  return {
    list: () => repo.list(),

    /** The sysadmin creates an account with no role: it cannot log in until the 安全保密管理员 grants one. */
    async create(actor: Actor, body: CreateUserBody) {
      const passwordHash = await createChecked(body)
      return await transaction(actor, (audit) => insert(audit, body, passwordHash))
    },

    /**
     * The command line's bootstrap of a new database's administrators (`npm run user:create`): the
     * machine's operator creates the account and grants its role in one audited transaction.
     */
    async createWithRole(actor: Actor<null>, body: CreateUserBody, access: RoleGrant) {
      const passwordHash = await createChecked(body)
      return await transaction(actor, async (audit) => grant(audit, await insert(audit, body, passwordHash), access))
    },

    /** The sysadmin renames, deactivates or reactivates an account. */
    async update(actor: Actor, id: number, body: UpdateUserBody) {
      return await transaction(actor, async (audit) => {
        const before = await requireUser(id)
        await checkVersion({ version: before.version, objectType: 'user', objectId: id, noun: '账户' }, body.version)
        const active = body.active ?? before.active
        if (!active) refuseSelf(actor, id, '不能停用自己的账户')
        await keepLastAdministrator(before, { role: before.role, active })
        await repo.updateAccount(id, { displayName: body.displayName, active })
        // A deactivation takes effect at once.
        if (changesAccess(before, { ...before, active })) await repo.deleteSessionsOf(id)
        const after = (await repo.find(id))!
        await audit({ action: 'user.update', objectType: 'user', objectId: id, before, after })
        return after
      })
    },

    /** The 安全保密管理员 grants or revokes a role and its bureau binding, never its own. */
    async setRole(actor: Actor, id: number, body: GrantRoleBody) {
      refuseSelf(actor, id, '不能变更自己的角色或所属单位，请由另一名安全保密管理员操作')
      return await transaction(actor, async (audit) => {
        const before = await requireUser(id)
        await checkVersion({ version: before.version, objectType: 'user', objectId: id, noun: '账户' }, body.version)
        return await grant(audit, before, body)
      })
    },

    /** The 安全保密管理员 lifts a lockout (the failure count and the lock). */
    async unlock(actor: Actor, id: number) {
      refuseSelf(actor, id, '不能解锁自己的账户，请由另一名安全保密管理员操作')
      return await transaction(actor, async (audit) => {
        const before = await requireUser(id)
        await repo.update(id, { failedLogins: 0, lockedUntil: null })
        await audit({ action: 'user.unlock', objectType: 'user', objectId: id, before: { lockedUntil: before.lockedUntil } })
        return (await repo.find(id))!
      })
    },

    /** The 安全保密管理员 removes an account's second factor: it enrols again at its next login. */
    async resetSecondFactor(actor: Actor, id: number) {
      refuseSelf(actor, id, '不能重置自己的双因素认证，请由另一名安全保密管理员操作')
      return await transaction(actor, async (audit) => {
        const before = await requireUser(id)
        await repo.update(id, { totpSecret: null, totpPendingSecret: null, totpLastStep: null, recoveryCodes: [] })
        await repo.deleteSessionsOf(id)
        await audit({ action: 'user.totp-reset', objectType: 'user', objectId: id, before: { hasSecondFactor: before.hasSecondFactor } })
        return (await repo.find(id))!
      })
    },

    /**
     * The sysadmin sets a new initial password for another account (its own changes through 修改密码),
     * never for an administrator's: whoever holds an administrator's password holds its rights, and the
     * sysadmin could give itself the 安全保密管理员's or the auditor's. The second factor stays.
     */
    async resetPassword(actor: Actor, id: number, password: string) {
      refuseSelf(actor, id, '不能重置自己的密码，请在“修改密码”中修改')
      refuseAdministrator(await requireUser(id))
      const passwordHash = await checkedHash(password)
      await transaction(actor, async (audit) => {
        // Again in the transaction: a role granted while the hash was computed counts.
        await setInitialPassword(audit, refuseAdministrator(await requireUser(id)), passwordHash)
      })
    },

    /** The machine's operator resets any account's password, an administrator's too (`npm run user:reset-password`). */
    async resetPasswordByOperator(actor: Actor<null>, username: string, password: string) {
      const passwordHash = await checkedHash(password)
      return await transaction(actor, async (audit) => {
        const found = await repo.findByUsername(username)
        if (!found) throw notFound(`用户 ${username} 不存在`)
        await setInitialPassword(audit, found, passwordHash)
        return (await repo.find(found.id))!
      })
    },

    /** A user's live sessions; `currentSessionId` marks the one asking. */
    async sessions(id: number, currentSessionId: string) {
      await requireUser(id)
      return (await repo.sessionsOf(id)).map((s) => ({ ...s, current: s.id === currentSessionId }))
    },

    async revokeSession(actor: Actor, sessionId: string) {
      await transaction(actor, async (audit) => {
        const session = await repo.findSession(sessionId)
        if (!session) throw notFound('会话不存在或已失效')
        await repo.deleteSession(sessionId)
        await audit({ action: 'session.revoke', objectType: 'user', objectId: session.userId })
      })
    },
  }
}
