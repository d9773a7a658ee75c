import { eq } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { users } from '../../db/schema'

/** An account's second factor: the confirmed secret, the one being enrolled, the last step used, the recovery codes' hashes. */
export function totpRepository(db: Db) {
  return {
    async factorsOf(userId: number) {
      return (await db
        .select({
          id: users.id,
          username: users.username,
          secret: users.totpSecret,
          pendingSecret: users.totpPendingSecret,
          lastStep: users.totpLastStep,
          recoveryCodes: users.recoveryCodes,
        })
        .from(users)
        .where(eq(users.id, userId)).limit(1))[0]
    },
    async setFactors(userId: number, patch: Partial<Pick<typeof users.$inferInsert, 'totpSecret' | 'totpPendingSecret' | 'totpLastStep' | 'recoveryCodes'>>) {
      await db.update(users).set(patch).where(eq(users.id, userId))
    },
  }
}
export type TotpRepository = ReturnType<typeof totpRepository>
