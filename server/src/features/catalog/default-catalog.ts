import { CATALOG } from '@fazhi/shared'
import { eq } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { indicators } from '../../db/schema'

/**
 * Adds the indicator catalog every database needs; the server does it at each start. Safe to run
 * again: existing rows are left as the office edited them, except that plausibility rules
 * (校验规则) still unset get the catalog's defaults.
 */
export async function addDefaultCatalog(db: Db): Promise<void> {
  await db.insert(indicators)
    .values(
      CATALOG.map((c, i) => ({
        code: c.code,
        category: c.category,
        name: c.name,
        unit: c.unit,
        kind: c.kind,
        direction: c.direction,
        defaultTarget: c.defaultTarget,
        defaultWeight: c.defaultWeight,
        enforcementOnly: c.enforcementOnly,
        sortOrder: i + 1,
        plausibleMin: c.plausibleMin,
        plausibleMax: c.plausibleMax,
        yoyMinChange: c.yoyMinChange,
      })),
    )
    .onConflictDoNothing()
  await addDefaultPlausibility(db)
}

const RULE_COLUMNS = ['plausibleMin', 'plausibleMax', 'yoyMinChange'] as const

/**
 * Fills the rules of indicators added before rules existed. Only rows that change are written: an
 * indicator update marks every score for recomputation, which a routine start must not do.
 */
async function addDefaultPlausibility(db: Db): Promise<void> {
  const stored = await db
    .select({ code: indicators.code, plausibleMin: indicators.plausibleMin, plausibleMax: indicators.plausibleMax, yoyMinChange: indicators.yoyMinChange })
    .from(indicators)
  const defaults = new Map(CATALOG.map((c) => [c.code, c]))
  for (const row of stored) {
    const c = defaults.get(row.code)
    if (!c) continue
    const patch = Object.fromEntries(RULE_COLUMNS.filter((k) => row[k] === null && c[k] !== null).map((k) => [k, c[k]]))
    if (Object.keys(patch).length) await db.update(indicators).set(patch).where(eq(indicators.code, row.code))
  }
}
