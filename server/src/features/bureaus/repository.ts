import type { Bureau } from '@fazhi/shared'
import { asc, eq, type SQL } from 'drizzle-orm'
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
        active: bureaus.active,
      })
      .from(bureaus)
      .innerJoin(regions, eq(regions.id, bureaus.regionId))
      .where(where)

  return {
    list(opts: { activeOnly?: boolean } = {}): Bureau[] {
      return select(opts.activeOnly ? eq(bureaus.active, true) : undefined)
        .orderBy(asc(bureaus.id))
        .all()
    },
    find(id: number): Bureau | undefined {
      return select(eq(bureaus.id, id)).get()
    },
  }
}
export type BureausRepository = ReturnType<typeof bureausRepository>
