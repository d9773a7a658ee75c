import { and, asc, desc, eq, ne } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { bureaus, rectificationItems } from '../../db/schema'

export type RectificationRow = typeof rectificationItems.$inferSelect
type Editable = Omit<typeof rectificationItems.$inferInsert, 'id' | 'bureauId' | 'year' | 'createdAt'>

export function rectificationsRepository(db: Db) {
  return {
    /** Items with their bureau's name. */
    list(filter: { id?: number; year?: number; bureauId?: number }) {
      return db
        .select({ item: rectificationItems, bureauName: bureaus.name })
        .from(rectificationItems)
        .innerJoin(bureaus, eq(bureaus.id, rectificationItems.bureauId))
        .where(
          and(
            filter.id === undefined ? undefined : eq(rectificationItems.id, filter.id),
            filter.year === undefined ? undefined : eq(rectificationItems.year, filter.year),
            filter.bureauId === undefined ? undefined : eq(rectificationItems.bureauId, filter.bureauId),
          ),
        )
        .orderBy(desc(rectificationItems.year), asc(bureaus.id), asc(rectificationItems.deadline), asc(rectificationItems.id))
        .all()
    },
    find(id: number): RectificationRow | undefined {
      return db.select().from(rectificationItems).where(eq(rectificationItems.id, id)).get()
    },
    insert(row: typeof rectificationItems.$inferInsert): RectificationRow {
      return db.insert(rectificationItems).values(row).returning().get()
    },
    update(id: number, patch: Editable): RectificationRow {
      return db.update(rectificationItems).set(patch).where(eq(rectificationItems.id, id)).returning().get()!
    },
    delete(id: number): void {
      db.delete(rectificationItems).where(eq(rectificationItems.id, id)).run()
    },
    unfinished(bureauId: number, year: number): RectificationRow[] {
      return db
        .select()
        .from(rectificationItems)
        .where(and(eq(rectificationItems.bureauId, bureauId), eq(rectificationItems.year, year), ne(rectificationItems.status, 'done')))
        .orderBy(asc(rectificationItems.id))
        .all()
    },
    problems(bureauId: number, year: number): string[] {
      return db
        .select({ problem: rectificationItems.problem })
        .from(rectificationItems)
        .where(and(eq(rectificationItems.bureauId, bureauId), eq(rectificationItems.year, year)))
        .all()
        .map((r) => r.problem)
    },
  }
}
export type RectificationsRepository = ReturnType<typeof rectificationsRepository>
