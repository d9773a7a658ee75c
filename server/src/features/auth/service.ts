import { createHash, randomBytes } from 'node:crypto'
import type { User } from '@fazhi/shared'
import { unauthorized } from '../../errors'
import { verifyPassword } from './passwords'
import type { AuthRepository } from './repository'

export const SESSION_IDLE_MS = 30 * 60_000
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60_000
/** lastSeenAt is written at most this often, so reads do not turn into writes on every request. */
const TOUCH_INTERVAL_MS = 60_000

const sessionIdOf = (token: string) => createHash('sha256').update(token).digest('hex')

type UserRow = NonNullable<ReturnType<AuthRepository['findUserByUsername']>>
const toUser = (u: UserRow): User => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  bureauId: u.bureauId,
})

export function authService(repo: AuthRepository, clock: () => Date) {
  return {
    async login(username: string, password: string, meta: { ip: string; userAgent?: string }) {
      const row = repo.findUserByUsername(username)
      const ok = await verifyPassword(row?.active ? row.passwordHash : null, password)
      if (!row || !ok) throw unauthorized('用户名或密码错误')
      const token = randomBytes(32).toString('base64url')
      const now = clock()
      repo.deleteExpiredSessions(now.toISOString())
      repo.createSession({
        id: sessionIdOf(token),
        userId: row.id,
        createdAt: now.toISOString(),
        lastSeenAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS).toISOString(),
        ip: meta.ip,
        userAgent: meta.userAgent?.slice(0, 256),
      })
      return { token, user: toUser(row) }
    },

    /** The user behind a session token, or null when it is unknown, idle too long or past its absolute limit. */
    resolve(token: string): User | null {
      const id = sessionIdOf(token)
      const found = repo.findSession(id)
      if (!found) return null
      const now = clock().getTime()
      const lastSeen = Date.parse(found.session.lastSeenAt)
      const expired = now - lastSeen > SESSION_IDLE_MS || now >= Date.parse(found.session.expiresAt)
      if (expired || !found.user.active || found.bureauActive === false) {
        repo.deleteSession(id)
        return null
      }
      if (now - lastSeen > TOUCH_INTERVAL_MS) repo.touchSession(id, new Date(now).toISOString())
      return toUser(found.user)
    },

    logout(token: string) {
      repo.deleteSession(sessionIdOf(token))
    },
  }
}
export type AuthService = ReturnType<typeof authService>
