import type { ChaseLevel } from '@fazhi/shared'
import { and, desc, eq, gte, lte } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { bureaus, chaseRecords, users } from '../../db/schema'

export interface NewChaseRecord {
  year: number
  bureauId: number
  level: ChaseLevel
  status: string
  daysOverdue: number
  userId: number
  at: string
}

/** 催报 records (`chase_records`). */
export function remindersRepository(db: Db) {
  return {
    /** Whether the bureau was chased for the year at this level between two instants (ISO). */
    async chasedBetween(year: number, bureauId: number, level: ChaseLevel, from: string, to: string): Promise<boolean> {
      return !!(await db
        .select({ id: chaseRecords.id })
        .from(chaseRecords)
        .where(and(eq(chaseRecords.year, year), eq(chaseRecords.bureauId, bureauId), eq(chaseRecords.level, level), gte(chaseRecords.at, from), lte(chaseRecords.at, to))).limit(1))[0]
    },

    async insert(row: NewChaseRecord): Promise<number> {
      return ((await db.insert(chaseRecords).values(row).returning({ id: chaseRecords.id }))[0]).id
    },

    /** A year's records, newest first, with the bureau's name and who chased; up to `until` (ISO) when given. */
    async records(year: number, until?: string) {
      return await db
        .select({
          id: chaseRecords.id,
          bureauId: chaseRecords.bureauId,
          bureauName: bureaus.name,
          level: chaseRecords.level,
          status: chaseRecords.status,
          daysOverdue: chaseRecords.daysOverdue,
          chasedBy: users.displayName,
          at: chaseRecords.at,
        })
        .from(chaseRecords)
        .innerJoin(bureaus, eq(bureaus.id, chaseRecords.bureauId))
        .leftJoin(users, eq(users.id, chaseRecords.userId))
        .where(and(eq(chaseRecords.year, year), until === undefined ? undefined : lte(chaseRecords.at, until)))
        .orderBy(desc(chaseRecords.at), desc(chaseRecords.id))
    },
  }
}
export type RemindersRepository = ReturnType<typeof remindersRepository>
