import type { Db } from '../../server/src/db/client'

/**
 * The tables a refused request may still write to: the audit log (its security events: access.denied,
 * upload.refused …) and the sessions (the caller's last-seen time). The connection's guard refuses a
 * trigger on the audit log anyway.
 */
const MAY_WRITE = ['audit_events', 'sessions']

/** Marks that stay equal as long as nothing is written to the database, apart from `MAY_WRITE`. */
export interface WriteMarks {
  /** Rows inserted, updated or deleted through this connection (a rolled-back write is undone with them). */
  rows: number
  /** Main's schema cookie: a table created, dropped or altered, whose rows the triggers cannot see. */
  schema: number
  /** Moves when another connection commits a change to the file, which this connection's triggers do not see. */
  otherConnections: number
}

/**
 * Watches every write to `db` (the connection `createTestApp` shares with the app), so a test can
 * compare the marks before and after a request instead of reading every table: temporary triggers,
 * which live and fire on this connection only, count every row written to every table but `MAY_WRITE`
 * (the list read from the schema as it is now), and SQLite's own counters catch what they cannot see.
 * An update that stores the values a row already had counts too: stricter than comparing the rows.
 * Call it once per connection.
 */
export function watchWrites(db: Db): () => WriteMarks {
  const sql = db.$client
  const tables = sql
    .prepare(`select name from main.sqlite_master where type = 'table' and name not like 'sqlite_%' and name not in (${MAY_WRITE.map(() => '?').join(', ')})`)
    .pluck()
    .all(...MAY_WRITE) as string[]
  sql.exec('create temp table written_rows (n integer not null); insert into written_rows values (0)')
  for (const table of tables)
    for (const op of ['insert', 'update', 'delete'])
      sql.exec(`create temp trigger "written_${table}_${op}" after ${op} on main."${table}" begin update written_rows set n = n + 1; end`)
  const read = sql.prepare(
    'select (select n from temp.written_rows) as rows, (select schema_version from main.pragma_schema_version) as schema, (select data_version from main.pragma_data_version) as otherConnections',
  )
  return () => read.get() as WriteMarks
}
