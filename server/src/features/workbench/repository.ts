import { eq } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { users } from '../../db/schema'

/** The 工作台's own column of the account: when its user last saw it (`users.workbench_seen_at`). */
export function workbenchRepository(db: Db) {
  return {
    async seenAt(userId: number): Promise<string | null> {
      return ((await db.select({ at: users.workbenchSeenAt }).from(users).where(eq(users.id, userId)).limit(1))[0])?.at ?? null
    },
    async markSeen(userId: number, at: string): Promise<void> {
      await db.update(users).set({ workbenchSeenAt: at }).where(eq(users.id, userId))
    },
  }
}
export type WorkbenchRepository = ReturnType<typeof workbenchRepository>
