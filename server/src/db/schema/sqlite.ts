import { sql, type SQL } from 'drizzle-orm'
import * as s from 'drizzle-orm/sqlite-core'

/**
 * The SQLite builders `defineSchema` writes the tables with. Their types are the ones every
 * repository sees; the PostgreSQL builders (`pg.ts`) have the same names and shapes.
 */
export const sqliteDialect = {
  table: s.sqliteTable,
  /** An integer key the database numbers. */
  id: <N extends string>(name: N) => s.integer(name).primaryKey({ autoIncrement: true }),
  int: <N extends string>(name: N) => s.integer(name),
  /** An integer beyond 32 bits (a time in ms): SQLite's integers are 64-bit already. */
  bigint: <N extends string>(name: N) => s.integer(name),
  real: <N extends string>(name: N) => s.real(name),
  text: s.text,
  bool: <N extends string>(name: N) => s.integer(name, { mode: 'boolean' }),
  /** JSON kept as the text it was written as. */
  json: <N extends string>(name: N) => s.text(name, { mode: 'json' }),
  /** The current time as ISO text with milliseconds (2026-11-30T08:10:06.123Z): compared as strings in code and SQL. */
  now: sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`,
  /** A condition on a boolean column (SQLite stores 0/1). */
  isTrue: (column: s.AnySQLiteColumn): SQL => sql`${column} = 1`,
  /** How many of the conditions hold, as an integer. */
  countTrue: (conditions: SQL[]): SQL => sql.join(conditions.map((c) => sql`(${c})`), sql` + `),
  index: s.index,
  uniqueIndex: s.uniqueIndex,
  primaryKey: s.primaryKey,
  check: s.check,
}

export type Dialect = typeof sqliteDialect
