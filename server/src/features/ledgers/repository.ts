import { LEDGER_TYPES, type LedgerEntries, type LedgerType } from '@fazhi/shared'
import { and, asc, eq, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { LEDGER_TABLES, type LedgerTable, type studySessions } from '../../db/schema'
import { mapInOrder } from '../../lib/in-order'

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
        async list(filter: { bureauId?: number; year?: number }): Promise<Row[]> {
          return await db
            .select()
            .from(t)
            .where(
              and(
                filter.bureauId === undefined ? undefined : eq(t.bureauId, filter.bureauId),
                filter.year === undefined ? undefined : eq(t.year, filter.year),
              ),
            )
            .orderBy(asc(t.date), asc(t.id)) as Row[]
        },
        async find(id: number): Promise<Row | undefined> {
          return (await db.select().from(t).where(eq(t.id, id)).limit(1))[0] as Row | undefined
        },
        async insert(row: Insert): Promise<Row> {
          return (await db
            .insert(t)
            .values(row as typeof studySessions.$inferInsert)
            .returning())[0] as Row
        },
        /** Every change bumps the version, so an edit based on the version before it gets 409. */
        async update(id: number, patch: Partial<Insert>): Promise<Row> {
          return (await db
            .update(t)
            .set({ ...(patch as Partial<typeof studySessions.$inferInsert>), version: sql`${t.version} + 1` })
            .where(eq(t.id, id))
            .returning())[0] as Row
        },
        async delete(id: number): Promise<void> {
          await db.delete(t).where(eq(t.id, id))
        },
      }
    },

    /** Every entry of one bureau-year, for the roll-up. */
    async entries(bureauId: number, year: number): Promise<LedgerEntries> {
      const stored = Object.fromEntries(
        await mapInOrder(LEDGER_TYPES, async (type) => [type, await db.select().from(LEDGER_TABLES[type]).where(bureauYear(LEDGER_TABLES[type], bureauId, year))]),
      ) as StoredEntries
      // Type-checked: a table that lacks a column its roll-up reads fails to compile here.
      return stored
    },
  }
}
export type LedgersRepository = ReturnType<typeof ledgersRepository>
