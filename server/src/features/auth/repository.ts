import type { Role } from '@fazhi/shared'
import { and, desc, eq, inArray, isNull, lt, ne, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { bureaus, loginThrottles, sessions, users } from '../../db/schema'

/** An attempt counted: the count now, and the lock it set. */
interface Reserved {
  failedLogins: number
  lockedUntil: string | null
}
/** The failure count after one more attempt: an expired lock (still set, but passed) starts it again. */
const COUNTED = 'CASE WHEN locked_until IS NOT NULL THEN 1 ELSE failed_logins + 1 END'
const RESERVED = 'failed_logins AS "failedLogins", locked_until AS "lockedUntil"'

export function authRepository(db: Db) {
  // Every API request looks its session up: prepare the statement once.
  const sessionById = db
    .select({ session: sessions, user: users, bureauUntil: bureaus.activeUntil })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(bureaus, eq(bureaus.id, users.bureauId))
    .where(eq(sessions.id, sql.placeholder('id')))
    .prepare()

  return {
    async findUserByUsername(username: string) {
      return (await db.select().from(users).where(eq(users.username, username)).limit(1))[0]
    },
    /**
     * Counts one attempt atomically, unless the account is locked (then undefined). The attempt that
     * reaches `max` sets the lock; an expired lock starts the count again.
     */
    async reserveAttempt(id: number, now: Date, lockUntil: Date, max: number): Promise<Reserved | undefined> {
      const [at, until] = [now.toISOString(), lockUntil.toISOString()]
      return db.connection.get<Reserved>(
        `UPDATE users SET
           failed_logins = ${COUNTED},
           locked_until = CASE WHEN ${COUNTED} >= ? THEN ? END
         WHERE id = ? AND (locked_until IS NULL OR locked_until <= ?)
         RETURNING ${RESERVED}`,
        [max, until, id, at],
      )
    },
    /**
     * `reserveAttempt` for a username that names no account: the same counting and lock, on its
     * `login_throttles` row, in one write. Rows not tried since `forgetBefore` go, and past `maxRows`
     * the least recently tried, so guessing usernames cannot fill the database.
     */
    async reserveUnknownAttempt(username: string, now: Date, lockUntil: Date, max: number, forgetBefore: Date, maxRows: number): Promise<Reserved | undefined> {
      const [at, until] = [now.toISOString(), lockUntil.toISOString()]
      return db.connection.transaction(async () => {
        await db.connection.run('DELETE FROM login_throttles WHERE last_attempt_at < ?', [forgetBefore.toISOString()])
        const reserved = await db.connection.get<Reserved>(
          `INSERT INTO login_throttles (username, failed_logins, locked_until, last_attempt_at)
             VALUES (?, 1, CASE WHEN 1 >= ? THEN ? END, ?)
           ON CONFLICT (username) DO UPDATE SET
             failed_logins = ${COUNTED.replace(/\b(locked_until|failed_logins)\b/g, 'login_throttles.$1')},
             locked_until = CASE WHEN ${COUNTED.replace(/\b(locked_until|failed_logins)\b/g, 'login_throttles.$1')} >= ? THEN ? END,
             last_attempt_at = ?
           WHERE login_throttles.locked_until IS NULL OR login_throttles.locked_until <= ?
           RETURNING ${RESERVED}`,
          [username, max, until, at, max, until, at, at],
        )
        const rows = (await db.connection.get<{ n: number }>('SELECT count(*) AS n FROM login_throttles'))!.n
        if (Number(rows) > maxRows)
          await db.connection.run(
            'DELETE FROM login_throttles WHERE username IN (SELECT username FROM login_throttles ORDER BY last_attempt_at LIMIT ?)',
            [Number(rows) - maxRows],
          )
        return reserved
      })
    },
    async unknownLockedUntil(username: string) {
      return ((await db.select({ lockedUntil: loginThrottles.lockedUntil }).from(loginThrottles).where(eq(loginThrottles.username, username)).limit(1))[0])?.lockedUntil ?? null
    },
    /**
     * Gives back an attempt `reserveAttempt` counted for a check that passed without ending the
     * guessing (a right password whose login waits for its second factor), and the lock if that
     * attempt set it (`lockedUntil`): the count stays as the failures left it.
     */
    async releaseAttempt(id: number, lockedUntil: string | null) {
      await db.connection.run(
        'UPDATE users SET failed_logins = CASE WHEN failed_logins > 0 THEN failed_logins - 1 ELSE 0 END, locked_until = CASE WHEN locked_until = ? THEN NULL ELSE locked_until END WHERE id = ?',
        [lockedUntil, id],
      )
    },
    async clearAttempts(id: number) {
      await db.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, id))
    },
    async lockedUntil(id: number) {
      return ((await db.select({ lockedUntil: users.lockedUntil }).from(users).where(eq(users.id, id)).limit(1))[0])?.lockedUntil ?? null
    },
    async updateUser(id: number, patch: Partial<typeof users.$inferInsert>) {
      await db.update(users).set(patch).where(eq(users.id, id))
    },
    async createSession(row: typeof sessions.$inferInsert) {
      await db.insert(sessions).values(row)
    },
    /** The session with its user, or undefined. */
    async findSession(id: string) {
      // `execute` (rows), not `get`: PostgreSQL's prepared queries have only `execute`.
      return (await sessionById.execute({ id }))[0]
    },
    async touchSession(id: string, lastSeenAt: string) {
      await db.update(sessions).set({ lastSeenAt }).where(eq(sessions.id, id))
    },
    /** Ends one session; returns its id when there was one. */
    async deleteSession(id: string): Promise<string[]> {
      return (await db.delete(sessions).where(eq(sessions.id, id)).returning({ id: sessions.id })).map((s) => s.id)
    },
    /** Ends the account's sessions but its `keep` newest; returns the ended ids, oldest first. */
    async deleteSessionsBeyond(userId: number, keep: number): Promise<string[]> {
      const newestFirst = await db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, userId)).orderBy(desc(sessions.createdAt), desc(sql.raw(db.connection.dialect === 'pg' ? 'xmin::text::bigint' : 'rowid')))
      const ended: string[] = []
      for (const s of newestFirst.slice(keep).reverse())
        ended.push(...(await db.delete(sessions).where(eq(sessions.id, s.id)).returning({ id: sessions.id })).map((d) => d.id))
      return ended
    },
    async deleteOtherSessions(userId: number, keepId: string) {
      await db.delete(sessions).where(and(eq(sessions.userId, userId), ne(sessions.id, keepId)))
    },
    /** Ends the full sessions of accounts of these roles that have no second factor; returns how many. */
    async deleteSessionsWithoutFactor(roles: readonly Role[]): Promise<number> {
      if (roles.length === 0) return 0
      const lacking = db.select({ id: users.id }).from(users).where(and(isNull(users.totpSecret), inArray(users.role, [...roles])))
      return (await db.delete(sessions).where(and(isNull(sessions.pendingFactor), inArray(sessions.userId, lacking))).returning({ id: sessions.id })).length
    },
    async deleteExpiredSessions(before: string) {
      await db.delete(sessions).where(lt(sessions.expiresAt, before))
    },
  }
}
export type AuthRepository = ReturnType<typeof authRepository>
