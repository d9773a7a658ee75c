import type Database from 'better-sqlite3'
import type pg from 'pg'

/**
 * Copies the rows of a SQLite database of the product into a PostgreSQL database migrated with the
 * same schema (`migrations/pg` are the twins of SQLite's migrations), keeping every id: for the
 * benchmark, the very same data on both backends. Bench-only: the product moves data between
 * backends through neither this nor anything else.
 *
 * Tables go in foreign-key order (a table after those it refers to; rows in SQLite's insertion
 * order, so a region's parent comes before it), in batches of JSON rows expanded by
 * `json_populate_recordset` into the table's own row type. Each batch is its own transaction, with
 * PostgreSQL's triggers on: a row goes in as any writer's would, and the dashboard triggers mark
 * their bureau-years dirty and bump their year's change counter. Committing batch by batch keeps
 * those counters from piling up one version of the same row per inserted value in a single
 * transaction. The tables in `skip` are left to what the triggers (or the migration) write in them.
 * A row whose key the migrated database already holds (the audit key's fingerprint the migration
 * recorded) stays as it is. Then every identity sequence is set past the largest id copied.
 */

export interface CopiedTable {
  name: string
  /** Rows read from SQLite. */
  rows: number
  /** Rows the target already had under the same key (left as they were). */
  kept: number
}

export async function copySqliteToPostgres(sqlite: Database.Database, target: pg.Client, opts: { skip: readonly string[]; batchRows?: number }): Promise<CopiedTable[]> {
  const batchRows = opts.batchRows ?? 2000
  const skip = new Set(opts.skip)
  const sqliteTables = (sqlite.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite\\_%' escape '\\' and name <> '__drizzle_migrations' order by rowid").pluck().all() as string[]).filter((t) => !skip.has(t))
  const columns = await columnsOf(target)
  const missing = sqliteTables.filter((t) => !columns.has(t))
  const extra = [...columns.keys()].filter((t) => !skip.has(t) && !sqliteTables.includes(t))
  if (missing.length || extra.length) throw new Error(`the two schemas differ: only in SQLite ${missing.join(', ') || '—'}; only in PostgreSQL ${extra.join(', ') || '—'}`)

  const copied: CopiedTable[] = []
  for (const table of await foreignKeyOrder(target, sqliteTables)) {
    const pgColumns = columns.get(table)!
    const sqliteColumns = (sqlite.pragma(`table_info("${table}")`) as { name: string }[]).map((c) => c.name)
    const differ = [...sqliteColumns.filter((c) => !pgColumns.has(c)), ...[...pgColumns.keys()].filter((c) => !sqliteColumns.includes(c))]
    if (differ.length) throw new Error(`${table}: columns ${differ.join(', ')} are not on both sides`)
    // SQLite keeps JSON as text; PostgreSQL's json columns take the value itself.
    const jsonColumns = sqliteColumns.filter((c) => pgColumns.get(c) === 'json' || pgColumns.get(c) === 'jsonb')
    const insert = `insert into "${table}" select * from json_populate_recordset(null::"${table}", $1) on conflict do nothing`
    let rows = 0
    let inserted = 0
    let batch: Record<string, unknown>[] = []
    const flush = async () => {
      inserted += (await target.query(insert, [JSON.stringify(batch)])).rowCount ?? 0
      batch = []
    }
    for (const row of sqlite.prepare(`select * from "${table}" order by rowid`).iterate() as IterableIterator<Record<string, unknown>>) {
      for (const c of jsonColumns) if (typeof row[c] === 'string') row[c] = JSON.parse(row[c])
      batch.push(row)
      rows++
      if (batch.length === batchRows) await flush()
    }
    if (batch.length) await flush()
    copied.push({ name: table, rows, kept: rows - inserted })
  }

  const { rows: identities } = await target.query<{ table_name: string; column_name: string }>(
    "select table_name, column_name from information_schema.columns where table_schema = 'public' and (is_identity = 'YES' or column_default like 'nextval(%')",
  )
  for (const { table_name: table, column_name: column } of identities)
    await target.query(`select setval(pg_get_serial_sequence($1, $2), coalesce(max("${column}"), 1), max("${column}") is not null) from "${table}"`, [`"${table}"`, column])
  return copied
}

/** The public tables' columns and their types. */
async function columnsOf(target: pg.Client): Promise<Map<string, Map<string, string>>> {
  const { rows } = await target.query<{ table_name: string; column_name: string; data_type: string }>(
    "select c.table_name, c.column_name, c.data_type from information_schema.columns c join information_schema.tables t using (table_schema, table_name) where c.table_schema = 'public' and t.table_type = 'BASE TABLE'",
  )
  const tables = new Map<string, Map<string, string>>()
  for (const r of rows) {
    if (!tables.has(r.table_name)) tables.set(r.table_name, new Map())
    tables.get(r.table_name)!.set(r.column_name, r.data_type)
  }
  return tables
}

/** `tables` ordered so that each comes after every other one it refers to (a reference to itself aside). */
async function foreignKeyOrder(target: pg.Client, tables: string[]): Promise<string[]> {
  const { rows } = await target.query<{ child: string; parent: string }>(
    "select conrelid::regclass::text as child, confrelid::regclass::text as parent from pg_constraint where contype = 'f' and connamespace = 'public'::regnamespace",
  )
  const unquote = (name: string) => name.replace(/^"(.*)"$/, '$1')
  const parents = new Map(tables.map((t) => [t, new Set<string>()]))
  for (const { child, parent } of rows) if (child !== parent && parents.has(unquote(child)) && parents.has(unquote(parent))) parents.get(unquote(child))!.add(unquote(parent))
  const ordered: string[] = []
  const placed = new Set<string>()
  while (ordered.length < tables.length) {
    const next = tables.find((t) => !placed.has(t) && [...parents.get(t)!].every((p) => placed.has(p)))
    if (!next) throw new Error(`a cycle of foreign keys among ${tables.filter((t) => !placed.has(t)).join(', ')}`)
    ordered.push(next)
    placed.add(next)
  }
  return ordered
}
