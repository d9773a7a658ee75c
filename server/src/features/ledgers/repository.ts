import { LEDGER_TYPES, type LedgerEntries, type LedgerType } from '@fazhi/shared'
import { and, asc, eq, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { LEDGER_TABLES, type LedgerTable, type studySessions } from '../../db/schema'

type StoredEntries = { [T in LedgerType]: (typeof LEDGER_TABLES)[T]['$inferSelect'][] }

export function ledgersRepository(db: Db) {
  const bureauYear = (table: LedgerTable, bureauId: number, year: number) => and(eq(table.bureauId, bureauId), eq(table.year, year))

  return {
    /** Create, read, update and delete on one ledger table; every ledger shares this code. */
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
        /** Every change bumps the version, so an edit based on the version before it gets 409. */
        update(id: number, patch: Partial<Insert>): Row {
          return db
            .update(t)
            .set({ ...(patch as Partial<typeof studySessions.$inferInsert>), version: sql`${t.version} + 1` })
            .where(eq(t.id, id))
            .returning()
            .get() as Row
        },
        delete(id: number): void {
          db.delete(t).where(eq(t.id, id)).run()
        },
      }
    },

    /** Every entry of one bureau-year, for the roll-up. */
    entries(bureauId: number, year: number): LedgerEntries {
      const stored = Object.fromEntries(
        LEDGER_TYPES.map((type) => [type, db.select().from(LEDGER_TABLES[type]).where(bureauYear(LEDGER_TABLES[type], bureauId, year)).all()]),
      ) as StoredEntries
      // Type-checked: a table that lacks a column its roll-up reads fails to compile here.
      return stored
    },
  }
}
export type LedgersRepository = ReturnType<typeof ledgersRepository>
