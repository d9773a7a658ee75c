import type { Bureau } from '@fazhi/shared'
import { asc, eq, isNull, type SQL, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { bureaus, regions } from '../../db/schema'

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
    list(opts: { activeOnly?: boolean } = {}): Bureau[] {
      return select(opts.activeOnly ? isNull(bureaus.activeUntil) : undefined)
        .orderBy(asc(bureaus.id))
        .all()
    },
    find(id: number): Bureau | undefined {
      return select(eq(bureaus.id, id)).get()
    },
  }
}
export type BureausRepository = ReturnType<typeof bureausRepository>
