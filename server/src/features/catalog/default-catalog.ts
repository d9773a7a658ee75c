import { CATALOG } from '@fazhi/shared'
import type { Db } from '../../db/client'
import { indicators } from '../../db/schema'

/**
 * Adds the indicator catalog every database needs; the server does it at each start. Safe to run
 * again: existing rows are left as the office edited them.
 */
export function addDefaultCatalog(db: Db): void {
  db.insert(indicators)
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
      })),
    )
    .onConflictDoNothing()
    .run()
}
