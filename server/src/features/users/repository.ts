import type { Role } from '@fazhi/shared'
import { and, asc, count, desc, eq, isNotNull, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { sessions, users } from '../../db/schema'

const adminColumns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  role: users.role,
  bureauId: users.bureauId,
  regionId: users.regionId,
  active: users.active,
  mustChangePassword: users.mustChangePassword,
  lockedUntil: users.lockedUntil,
  hasSecondFactor: sql<boolean>`${isNotNull(users.totpSecret)}`.mapWith(Boolean),
  version: users.version,
  createdAt: users.createdAt,
}

export function usersRepository(db: Db) {
  return {
    async list() {
      return await db.select(adminColumns).from(users).orderBy(asc(users.id))
    },
    async find(id: number) {
      return (await db.select(adminColumns).from(users).where(eq(users.id, id)).limit(1))[0]
    },
    async findByUsername(username: string) {
      return (await db.select({ id: users.id }).from(users).where(eq(users.username, username)).limit(1))[0]
    },
    /** How many active accounts hold `role`: the last holder of an administrator role is never taken away. */
    async activeHolders(role: Role) {
      return ((await db.select({ n: count() }).from(users).where(and(eq(users.role, role), eq(users.active, true))).limit(1))[0])!.n
    },
    async insert(row: typeof users.$inferInsert) {
      return ((await db.insert(users).values(row).returning({ id: users.id }))[0]).id
    },
    async update(id: number, patch: Partial<typeof users.$inferInsert>) {
      await db.update(users).set(patch).where(eq(users.id, id))
    },
    /** An administrator's edit of the account or its rights: bumps the version, so an edit based on the one before gets 409. */
    async updateAccount(id: number, patch: Pick<Partial<typeof users.$inferInsert>, 'displayName' | 'role' | 'bureauId' | 'regionId' | 'active'>) {
      await db.update(users)
        .set({ ...patch, version: sql`${users.version} + 1` })
        .where(eq(users.id, id))
    },
    async sessionsOf(userId: number) {
      return await db
        .select({ id: sessions.id, createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt, expiresAt: sessions.expiresAt, ip: sessions.ip, userAgent: sessions.userAgent })
        .from(sessions)
        .where(eq(sessions.userId, userId))
        .orderBy(desc(sessions.lastSeenAt))
    },
    async findSession(id: string) {
      return (await db.select({ id: sessions.id, userId: sessions.userId }).from(sessions).where(eq(sessions.id, id)).limit(1))[0]
    },
    async deleteSession(id: string) {
      await db.delete(sessions).where(eq(sessions.id, id))
    },
    async deleteSessionsOf(userId: number) {
      await db.delete(sessions).where(eq(sessions.userId, userId))
    },
  }
}
export type UsersRepository = ReturnType<typeof usersRepository>
