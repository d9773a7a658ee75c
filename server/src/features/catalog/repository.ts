import { CATALOG_BY_CODE, CATEGORY_NAMES, type CategoryCode, type Indicator, type YearIndicator } from '@fazhi/shared'
import { and, asc, eq } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { indicators, indicatorTargets } from '../../db/schema'

export function catalogRepository(db: Db) {
  return {
    /** The catalog as it applies in `year`: per-year targets and weights override the defaults. */
    indicatorsForYear(year: number): (Indicator & YearIndicator)[] {
      return db
        .select({ ind: indicators, target: indicatorTargets.target, weight: indicatorTargets.weight })
        .from(indicators)
        .leftJoin(indicatorTargets, and(eq(indicatorTargets.indicatorCode, indicators.code), eq(indicatorTargets.year, year)))
        .orderBy(asc(indicators.sortOrder))
        .all()
        .map(({ ind, target, weight }) => {
          const rules = CATALOG_BY_CODE.get(ind.code)
          const overridden = weight !== null
          return {
            code: ind.code,
            category: ind.category as CategoryCode,
            categoryName: CATEGORY_NAMES[ind.category as CategoryCode] ?? ind.category,
            name: ind.name,
            unit: ind.unit,
            kind: ind.kind,
            derivedAs: rules?.derivedAs ?? null,
            derivation: rules?.derivation,
            direction: ind.direction,
            // An override that sets only the weight keeps the default target.
            target: overridden && target !== null ? target : ind.defaultTarget,
            weight: overridden ? weight : ind.defaultWeight,
            enforcementOnly: ind.enforcementOnly,
            plausibleMin: ind.plausibleMin,
            plausibleMax: ind.plausibleMax,
            yoyMinChange: ind.yoyMinChange,
          }
        })
    },
  }
}
export type CatalogRepository = ReturnType<typeof catalogRepository>
