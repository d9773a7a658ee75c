import { createHash, randomBytes } from 'node:crypto'
import { chinaYear, needsSecondFactor, type PendingFactor, passwordPolicyProblem, ROLES, type SecondFactorMode, stillReports, type User } from '@fazhi/shared'
import type { AuditedTransaction } from '../../db/transaction'
import { badRequest, forbidden, unauthorized } from '../../errors'
import type { Actor } from '../../lib/actor'
import type { SecuritySettings } from '../security/settings'
import { credentialAttempts } from './attempts'
import { hashPassword, verifyPassword } from './passwords'
import type { AuthRepository } from './repository'

export const SESSION_IDLE_MS = 30 * 60_000
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60_000
/** lastSeenAt is written at most this often, so reads do not turn into writes on every request. */
const TOUCH_INTERVAL_MS = 60_000

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex')
export const sessionIdOf = (token: string) => sha256(token)
/** The CSRF token is bound to the session: a page that cannot read our responses cannot know it. */
export const csrfTokenOf = (token: string) => sha256(`csrf:${token}`)

type UserRow = NonNullable<Awaited<ReturnType<AuthRepository['findUserByUsername']>>>
/** A session's user: only an account with a role logs in. */
export const toUser = (u: UserRow & { role: User['role'] }): User => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  bureauId: u.bureauId,
  regionId: u.regionId,
  mustChangePassword: u.mustChangePassword,
})

export function authService(
  repo: AuthRepository,
  transaction: AuditedTransaction,
  settings: Pick<SecuritySettings, 'secondFactorMode'>,
  clock: () => Date,
  maxSessionsPerUser = 1,
) {
  const attempts = credentialAttempts(repo, transaction, clock)
  async function openSession(userId: number, ip: string | null, userAgent: string | undefined, pendingFactor: PendingFactor | null) {
    const token = randomBytes(32).toString('base64url')
    const now = clock()
    await repo.deleteExpiredSessions(now.toISOString())
    await repo.createSession({
      id: sessionIdOf(token),
      userId,
      createdAt: now.toISOString(),
      lastSeenAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS).toISOString(),
      ip,
      userAgent: userAgent?.slice(0, 256),
      pendingFactor,
    })
    return token
  }

  /**
   * Before a login opens its session: ends the session whose cookie the request presented (whoever's
   * it was: a login never continues a session it was handed) and the account's oldest sessions past
   * `maxSessionsPerUser - 1` (等保: one account, a bounded number of concurrent sessions) unless the
   * login waits for its second factor. Returns the
   * ended sessions' ids for the login's audit row.
   */
  async function endSessionsBeforeLogin(userId: number, presentedToken: string | undefined, pendingFactor: PendingFactor | null): Promise<string[]> {
    const presented = presentedToken ? await repo.deleteSession(sessionIdOf(presentedToken)) : []
    // A login still waiting for its second factor ends no other session: the password alone must not
    // let anyone log the account's owner out. The limit applies when the factor completes the login.
    return pendingFactor ? presented : [...presented, ...await repo.deleteSessionsBeyond(userId, maxSessionsPerUser - 1)]
  }

  return {
    /**
     * Checks the password and opens a session. Five failed credential checks lock the account for 15
     * minutes (`attempts.ts`); while locked every attempt is refused with 423, even the right password.
     * `presentedToken` is the session cookie the request came with, if any: that session ends.
     */
    async login(actor: Actor<User | null>, username: string, password: string, userAgent: string | undefined, presentedToken?: string) {
      const row = await repo.findUserByUsername(username)
      // The audit rows name the account tried, or the username when there is no such account.
      const as = row ? { id: row.id, username: row.username } : { id: null, username }
      // An account with a second factor, or one that must have one, is not logged in by the password
      // alone: its right password leaves the failure count as it is, the factor clears it.
      const pendingFactor: PendingFactor | null = !row?.role ? null : row.totpSecret ? 'verify' : needsSecondFactor(row.role, await settings.secondFactorMode()) ? 'enrol' : null
      const ok = await attempts.check(actor, as, 'login', 'password', () => verifyPassword(row?.active ? row.passwordHash : null, password), { completes: !pendingFactor })
      if (!row || !ok) throw unauthorized('用户名或密码错误')
      const { role } = row
      if (!role) {
        await transaction(actor, (audit) => audit({ action: 'login', success: false, as, after: { reason: 'no role' } }))
        throw forbidden('该账户尚未授予角色，请联系安全保密管理员')
      }
      const token = await transaction(actor, async (audit) => {
        const endedSessions = await endSessionsBeforeLogin(row.id, presentedToken, pendingFactor)
        const token = await openSession(row.id, actor.ip, userAgent, pendingFactor)
        const after = { ...(pendingFactor && { pendingFactor }), ...(endedSessions.length > 0 && { endedSessions }) }
        await audit({ action: 'login', objectType: 'user', objectId: row.id, as, after: Object.keys(after).length > 0 ? after : undefined })
        return token
      })
      return { token, user: toUser({ ...row, role }), pendingFactor }
    },

    /**
     * The user behind a session token and what the session still needs, or null when it is unknown,
     * idle too long or past its absolute limit.
     */
    async resolve(token: string): Promise<{ user: User; pendingFactor: PendingFactor | null } | null> {
      const id = sessionIdOf(token)
      const found = await repo.findSession(id)
      if (!found) return null
      const now = clock().getTime()
      const lastSeen = Date.parse(found.session.lastSeenAt)
      const expired = now - lastSeen > SESSION_IDLE_MS || now >= Date.parse(found.session.expiresAt)
      const { role } = found.user
      if (expired || !role || !found.user.active || (found.bureauUntil !== null && !stillReports({ activeUntil: found.bureauUntil }, chinaYear(clock())))) {
        await repo.deleteSession(id)
        return null
      }
      if (now - lastSeen > TOUCH_INTERVAL_MS) await repo.touchSession(id, new Date(now).toISOString())
      return { user: toUser({ ...found.user, role }), pendingFactor: found.session.pendingFactor }
    },

    /**
     * Replaces the session of `token` with a full one once its second factor is done, so a token
     * captured before is useless, and ends the account's sessions past the limit as a login does
     * (their ids are returned for the audit row). Call inside the audited transaction that records the factor.
     */
    async completeSession(token: string, userId: number, ip: string | null, userAgent: string | undefined): Promise<{ token: string; endedSessions: string[] }> {
      await repo.deleteSession(sessionIdOf(token))
      const endedSessions = await repo.deleteSessionsBeyond(userId, maxSessionsPerUser - 1)
      return { token: await openSession(userId, ip, userAgent, null), endedSessions }
    },

    /**
     * Ends the full sessions of the accounts that `mode` asks for a second factor they do not have, so
     * a stricter setting holds at once, not after their sessions' 12 hours. Returns how many ended;
     * call inside the audited transaction that changes the setting.
     */
    async endSessionsWithoutFactor(mode: SecondFactorMode): Promise<number> {
      return await repo.deleteSessionsWithoutFactor(ROLES.filter((role) => needsSecondFactor(role, mode)))
    },

    /** Ends the session of `token` (if any); the audit log records it when the session was live. */
    async logout(actor: Actor<User | null>, token: string | undefined) {
      await transaction(actor, async (audit) => {
        if (token) await repo.deleteSession(sessionIdOf(token))
        if (actor.user) await audit({ action: 'logout', objectType: 'user', objectId: actor.user.id })
      })
    },

    /** Changes the user's own password and ends their other sessions. */
    async changePassword(actor: Actor, currentToken: string, currentPassword: string, newPassword: string) {
      const row = (await repo.findUserByUsername(actor.user.username))!
      const who = { id: row.id, username: row.username }
      const checked = () => verifyPassword(row.passwordHash, currentPassword)
      if (!(await attempts.check(actor, who, 'password.change', 'current password', checked, { completes: true, sessionId: sessionIdOf(currentToken) })))
        throw badRequest('当前密码不正确')
      const problem = passwordPolicyProblem(newPassword)
      if (problem) throw badRequest(problem)
      if (currentPassword === newPassword) throw badRequest('新密码不能与当前密码相同')
      const passwordHash = await hashPassword(newPassword)
      await transaction(actor, async (audit) => {
        await repo.updateUser(row.id, { passwordHash, mustChangePassword: false, passwordChangedAt: clock().toISOString() })
        await repo.deleteOtherSessions(row.id, sessionIdOf(currentToken))
        await audit({ action: 'password.change', objectType: 'user', objectId: row.id })
      })
    },
  }
}
export type AuthService = ReturnType<typeof authService>
