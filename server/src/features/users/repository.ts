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
    list() {
      return db.select(adminColumns).from(users).orderBy(asc(users.id)).all()
    },
    find(id: number) {
      return db.select(adminColumns).from(users).where(eq(users.id, id)).get()
    },
    findByUsername(username: string) {
      return db.select({ id: users.id }).from(users).where(eq(users.username, username)).get()
    },
    /** How many active accounts hold `role`: the last holder of an administrator role is never taken away. */
    activeHolders(role: Role) {
      return db.select({ n: count() }).from(users).where(and(eq(users.role, role), eq(users.active, true))).get()!.n
    },
    insert(row: typeof users.$inferInsert) {
      return db.insert(users).values(row).returning({ id: users.id }).get().id
    },
    update(id: number, patch: Partial<typeof users.$inferInsert>) {
      db.update(users).set(patch).where(eq(users.id, id)).run()
    },
    /** An administrator's edit of the account or its rights: bumps the version, so an edit based on the one before gets 409. */
    updateAccount(id: number, patch: Pick<Partial<typeof users.$inferInsert>, 'displayName' | 'role' | 'bureauId' | 'regionId' | 'active'>) {
      db.update(users)
        .set({ ...patch, version: sql`${users.version} + 1` })
        .where(eq(users.id, id))
        .run()
    },
    sessionsOf(userId: number) {
      return db
        .select({ id: sessions.id, createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt, expiresAt: sessions.expiresAt, ip: sessions.ip, userAgent: sessions.userAgent })
        .from(sessions)
        .where(eq(sessions.userId, userId))
        .orderBy(desc(sessions.lastSeenAt))
        .all()
    },
    findSession(id: string) {
      return db.select({ id: sessions.id, userId: sessions.userId }).from(sessions).where(eq(sessions.id, id)).get()
    },
    deleteSession(id: string) {
      db.delete(sessions).where(eq(sessions.id, id)).run()
    },
    deleteSessionsOf(userId: number) {
      db.delete(sessions).where(eq(sessions.userId, userId)).run()
    },
  }
}
export type UsersRepository = ReturnType<typeof usersRepository>
