import { sql, type SQL } from 'drizzle-orm'
import * as p from 'drizzle-orm/pg-core'
import type { Dialect } from './sqlite'

/**
 * The PostgreSQL builders under the SQLite builders' names, so that `defineSchema` builds the same
 * tables for PostgreSQL. Typed as the SQLite dialect (the one cast): the tables it builds are
 * PostgreSQL objects at run time and SQLite ones to the compiler, which is what the repositories,
 * written once for both, see.
 * - ids: identity columns; `real`: double precision; booleans: boolean; JSON: `json`, not `jsonb`,
 *   which would reorder keys and drop the bytes as written.
 * - timestamps stay ISO text in SQLite's format (UTC, milliseconds, `Z`), so string comparisons and
 *   ordering in code and SQL hold on both.
 */
export const pgDialect = {
  table: p.pgTable,
  id: (name: string) => p.integer(name).primaryKey().generatedByDefaultAsIdentity(),
  int: p.integer,
  bigint: (name: string) => p.bigint(name, { mode: 'number' }),
  real: p.doublePrecision,
  text: p.text,
  bool: p.boolean,
  json: p.json,
  now: sql`(to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`,
  isTrue: (column: p.AnyPgColumn): SQL => sql`${column}`,
  countTrue: (conditions: SQL[]): SQL => sql.join(conditions.map((c) => sql`(${c})::int`), sql` + `),
  index: p.index,
  uniqueIndex: p.uniqueIndex,
  primaryKey: p.primaryKey,
  check: p.check,
} as unknown as Dialect
