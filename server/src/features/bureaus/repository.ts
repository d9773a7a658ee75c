import type { Bureau } from '@fazhi/shared'
import { asc, eq, isNull, type SQL, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { bureaus, regions } from '../../db/schema'

/** The stored fields of a bureau an edit sets. */
export type BureauWrite = Pick<typeof bureaus.$inferInsert, 'code' | 'name' | 'shortName' | 'type' | 'category' | 'hasEnforcement' | 'regionId' | 'activeFrom' | 'activeUntil' | 'successorId'>

export function bureausRepository(db: Db) {
  const select = (where: SQL | undefined) =>
    db
      .select({
        id: bureaus.id,
        code: bureaus.code,
        name: bureaus.name,
        shortName: bureaus.shortName,
        type: bureaus.type,
        regionId: bureaus.regionId,
        regionName: regions.name,
        hasEnforcement: bureaus.hasEnforcement,
        active: sql<boolean>`${bureaus.activeUntil} is null`.mapWith(Boolean),
        category: bureaus.category,
        activeFrom: bureaus.activeFrom,
        activeUntil: bureaus.activeUntil,
        successorId: bureaus.successorId,
        version: bureaus.version,
      })
      .from(bureaus)
      .innerJoin(regions, eq(regions.id, bureaus.regionId))
      .where(where)

  return {
    async list(opts: { activeOnly?: boolean } = {}): Promise<Bureau[]> {
      return await select(opts.activeOnly ? isNull(bureaus.activeUntil) : undefined)
        .orderBy(asc(bureaus.id))
    },
    async find(id: number): Promise<Bureau | undefined> {
      return (await select(eq(bureaus.id, id)).limit(1))[0]
    },
    async findByCode(code: string): Promise<Bureau | undefined> {
      return (await select(eq(bureaus.code, code)).limit(1))[0]
    },
    /** The bureau's evidence storage quota in MB; null: the county default. */
    async fileQuotaMb(id: number): Promise<number | null> {
      return ((await db.select({ mb: bureaus.fileQuotaMb }).from(bureaus).where(eq(bureaus.id, id)).limit(1))[0])?.mb ?? null
    },
    async setFileQuotaMb(id: number, mb: number): Promise<void> {
      await db.update(bureaus)
        .set({ fileQuotaMb: mb, version: sql`${bureaus.version} + 1` })
        .where(eq(bureaus.id, id))
    },
    async insert(row: BureauWrite): Promise<number> {
      return ((await db.insert(bureaus).values(row).returning({ id: bureaus.id }))[0]).id
    },
    /** Every change bumps the version, so an edit based on the version before it gets 409. */
    async update(id: number, patch: Partial<BureauWrite>): Promise<void> {
      await db.update(bureaus)
        .set({ ...patch, version: sql`${bureaus.version} + 1` })
        .where(eq(bureaus.id, id))
    },
  }
}
export type BureausRepository = ReturnType<typeof bureausRepository>
