import { and, asc, desc, eq, ne, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { bureaus, rectificationItems, users } from '../../db/schema'

export type RectificationRow = typeof rectificationItems.$inferSelect
type Editable = Partial<Omit<typeof rectificationItems.$inferInsert, 'id' | 'bureauId' | 'year' | 'createdAt' | 'version'>>

export function rectificationsRepository(db: Db) {
  return {
    /** Items with their bureau's name and their verifier's (销号). */
    async list(filter: { id?: number; year?: number; bureauId?: number }) {
      return await db
        .select({ item: rectificationItems, bureauName: bureaus.name, verifierName: users.displayName })
        .from(rectificationItems)
        .innerJoin(bureaus, eq(bureaus.id, rectificationItems.bureauId))
        .leftJoin(users, eq(users.id, rectificationItems.verifiedBy))
        .where(
          and(
            filter.id === undefined ? undefined : eq(rectificationItems.id, filter.id),
            filter.year === undefined ? undefined : eq(rectificationItems.year, filter.year),
            filter.bureauId === undefined ? undefined : eq(rectificationItems.bureauId, filter.bureauId),
          ),
        )
        .orderBy(desc(rectificationItems.year), asc(bureaus.id), asc(rectificationItems.deadline), asc(rectificationItems.id))
    },
    async find(id: number): Promise<RectificationRow | undefined> {
      return (await db.select().from(rectificationItems).where(eq(rectificationItems.id, id)).limit(1))[0]
    },
    async insert(row: typeof rectificationItems.$inferInsert): Promise<RectificationRow> {
      return (await db.insert(rectificationItems).values(row).returning())[0]
    },
    /** Every change bumps the version, so an edit based on the version before it gets 409. */
    async update(id: number, patch: Editable): Promise<RectificationRow> {
      return ((await db
        .update(rectificationItems)
        .set({ ...patch, version: sql`${rectificationItems.version} + 1` })
        .where(eq(rectificationItems.id, id))
        .returning())[0])!
    },
    async delete(id: number): Promise<void> {
      await db.delete(rectificationItems).where(eq(rectificationItems.id, id))
    },
    async unfinished(bureauId: number, year: number): Promise<RectificationRow[]> {
      return await db
        .select()
        .from(rectificationItems)
        .where(and(eq(rectificationItems.bureauId, bureauId), eq(rectificationItems.year, year), ne(rectificationItems.status, 'done')))
        .orderBy(asc(rectificationItems.id))
    },
    async problems(bureauId: number, year: number): Promise<string[]> {
      return (await db
        .select({ problem: rectificationItems.problem })
        .from(rectificationItems)
        .where(and(eq(rectificationItems.bureauId, bureauId), eq(rectificationItems.year, year))))
        .map((r) => r.problem)
    },
  }
}
export type RectificationsRepository = ReturnType<typeof rectificationsRepository>
