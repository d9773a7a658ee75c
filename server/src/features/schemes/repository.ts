import { and, desc, eq, lt, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { schemeIndicators, schemes } from '../../db/schema'

export type SchemeRow = typeof schemes.$inferSelect
export type SchemeIndicatorRow = typeof schemeIndicators.$inferInsert
/** A scheme's settings as stored (JSON columns as text). */
export type SchemeSettingsRow = Pick<SchemeRow, 'categories' | 'grades' | 'excellentQuota' | 'bonusCap' | 'lateDeduction' | 'codeMap'>

/** The yearly schemes' rows. Reads for scoring go through the catalog repository (`indicatorsForYear`, `settingsForYear`). */
export function schemesRepository(db: Db) {
  return {
    async find(year: number): Promise<SchemeRow | undefined> {
      return (await db.select().from(schemes).where(eq(schemes.year, year)).limit(1))[0]
    },

    /** The latest year before `year` that has a scheme of its own. */
    async latestBefore(year: number): Promise<number | undefined> {
      return ((await db.select({ year: schemes.year }).from(schemes).where(lt(schemes.year, year)).orderBy(desc(schemes.year)).limit(1))[0])?.year
    },

    /**
     * Replaces the year's scheme: its settings (the version bumped, unfrozen) and all its indicator
     * rows. Run inside the caller's audited transaction.
     */
    async replace(year: number, settings: SchemeSettingsRow, rows: readonly Omit<SchemeIndicatorRow, 'year'>[]): Promise<SchemeRow> {
      const row = (await db
        .insert(schemes)
        .values({ year, ...settings, frozen: false })
        .onConflictDoUpdate({ target: schemes.year, set: { ...settings, frozen: false, version: sql`${schemes.version} + 1`, updatedAt: new Date().toISOString() } })
        .returning())[0]
      await db.delete(schemeIndicators).where(eq(schemeIndicators.year, year))
      if (rows.length) await db.insert(schemeIndicators).values(rows.map((r) => ({ ...r, year })))
      return row
    },

    /** Freezes or reopens the year's scheme (the triggers leave the scores alone when only `frozen` changes). */
    async setFrozen(year: number, frozen: boolean): Promise<SchemeRow | undefined> {
      return (await db
        .update(schemes)
        .set({ frozen, version: sql`${schemes.version} + 1` })
        .where(and(eq(schemes.year, year), eq(schemes.frozen, !frozen)))
        .returning())[0]
    },
  }
}
export type SchemesRepository = ReturnType<typeof schemesRepository>
