import { eq } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { cycles } from '../../db/schema'

export function cyclesRepository(db: Db) {
  return {
    insert(row: typeof cycles.$inferInsert) {
      return db.insert(cycles).values(row).returning().get()
    },
    update(year: number, patch: Partial<Pick<typeof cycles.$inferInsert, 'dueDate' | 'publishDeadline' | 'locked'>>) {
      return db.update(cycles).set(patch).where(eq(cycles.year, year)).returning().get()
    },
  }
}
export type CyclesRepository = ReturnType<typeof cyclesRepository>
