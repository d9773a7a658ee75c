import type { LedgerEntries } from '@fazhi/shared'
import { and, asc, eq } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { legalityReviews, publicityEvents, studySessions } from '../../db/schema'

export type LedgerTable = typeof studySessions | typeof legalityReviews | typeof publicityEvents

export function ledgersRepository(db: Db) {
  const bureauYear = (table: LedgerTable, bureauId: number, year: number) => and(eq(table.bureauId, bureauId), eq(table.year, year))

  return {
    /** Create, read, update and delete on one ledger table; the three tables share this code. */
    of<T extends LedgerTable>(table: T) {
      type Row = T['$inferSelect']
      type Insert = T['$inferInsert']
      // Drizzle cannot resolve column types through a generic table; the union of the three is sound here.
      const t = table as LedgerTable
      return {
        list(filter: { bureauId?: number; year?: number }): Row[] {
          return db
            .select()
            .from(t)
            .where(
              and(
                filter.bureauId === undefined ? undefined : eq(t.bureauId, filter.bureauId),
                filter.year === undefined ? undefined : eq(t.year, filter.year),
              ),
            )
            .orderBy(asc(t.date), asc(t.id))
            .all() as Row[]
        },
        find(id: number): Row | undefined {
          return db.select().from(t).where(eq(t.id, id)).get() as Row | undefined
        },
        insert(row: Insert): Row {
          return db
            .insert(t)
            .values(row as typeof studySessions.$inferInsert)
            .returning()
            .get() as Row
        },
        update(id: number, patch: Partial<Insert>): Row {
          return db
            .update(t)
            .set(patch as Partial<typeof studySessions.$inferInsert>)
            .where(eq(t.id, id))
            .returning()
            .get() as Row
        },
        delete(id: number): void {
          db.delete(t).where(eq(t.id, id)).run()
        },
      }
    },

    /** Every entry of one bureau-year, in the shape the roll-up reads. */
    entries(bureauId: number, year: number): LedgerEntries {
      return {
        studySessions: db
          .select({ form: studySessions.form, participants: studySessions.participants })
          .from(studySessions)
          .where(bureauYear(studySessions, bureauId, year))
          .all(),
        legalityReviews: db.select({ kind: legalityReviews.kind }).from(legalityReviews).where(bureauYear(legalityReviews, bureauId, year)).all(),
        publicityEvents: db
          .select({ audience: publicityEvents.audience, enterprisesCovered: publicityEvents.enterprisesCovered })
          .from(publicityEvents)
          .where(bureauYear(publicityEvents, bureauId, year))
          .all(),
      }
    },
  }
}
export type LedgersRepository = ReturnType<typeof ledgersRepository>
