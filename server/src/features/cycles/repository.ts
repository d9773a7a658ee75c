import { asc, eq, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { cycles } from '../../db/schema'

export type CycleRow = typeof cycles.$inferSelect

export function cyclesRepository(db: Db) {
  return {
    async list(): Promise<CycleRow[]> {
      return await db.select().from(cycles).orderBy(asc(cycles.year))
    },
    async find(year: number): Promise<CycleRow | undefined> {
      return (await db.select().from(cycles).where(eq(cycles.year, year)).limit(1))[0]
    },
    async insert(row: typeof cycles.$inferInsert) {
      return (await db.insert(cycles).values(row).returning())[0]
    },
    /** Every change bumps the version, so a deadline edit based on the version before it gets 409. */
    async update(year: number, patch: Partial<Pick<typeof cycles.$inferInsert, 'dueDate' | 'publishDeadline' | 'locked'>>) {
      return (await db
        .update(cycles)
        .set({ ...patch, version: sql`${cycles.version} + 1` })
        .where(eq(cycles.year, year))
        .returning())[0]
    },
  }
}
export type CyclesRepository = ReturnType<typeof cyclesRepository>
