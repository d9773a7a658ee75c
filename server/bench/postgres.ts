import Database from 'better-sqlite3'
import pg from 'pg'
import { migrateDatabase, openDatabase } from '../src/db/client'
import { scoreStore } from '../src/features/dashboard/scores'
import { type CopiedTable, copySqliteToPostgres } from './sqlite-to-pg'

/**
 * `npm run bench -- --db postgres`: the generated province loaded into a PostgreSQL database of the
 * bench's own (`fazhi_bench_<pid>`, created on the server of `adminUrl` and dropped at the end, as
 * the tests' databases are), so the app servers on PostgreSQL serve the very data the SQLite one does.
 */

export interface PgProvince {
  /** The bench database's URL, for the app servers' DATABASE_URL. */
  url: string
  /** The server's version and the settings that weigh on the figures, as one line. */
  server: string
  tables: CopiedTable[]
  /** Migrating the empty database, copying the rows (PostgreSQL's triggers firing), VACUUM ANALYZE. */
  loadMs: number
  /** Recomputing every pre-aggregated bureau-year row in one transaction, as the generator did on SQLite. */
  rebuild: { rows: number; ms: number }
  drop(): Promise<void>
}

/**
 * Tables the copy leaves to PostgreSQL: what its triggers derive from the rows copied, and the audit
 * log, whose chain each database writes itself (the generator writes no audit rows; a file kept with
 * `--db-file` has those of its earlier runs' servers).
 */
const DERIVED = ['bureau_year_scores', 'dashboard_versions', 'audit_events']

export async function loadIntoPostgres(adminUrl: string, sqliteFile: string): Promise<PgProvince> {
  const name = `fazhi_bench_${process.pid}`
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: adminUrl })
    await client.connect()
    try {
      await client.query(statement)
    } finally {
      await client.end()
    }
  }
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  await admin(`CREATE DATABASE "${name}" LOCALE 'C.UTF-8' TEMPLATE template0`)
  const drop = () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
  try {
    const started = performance.now()
    const db = openDatabase(url.toString())
    const client = new pg.Client({ connectionString: url.toString() })
    await client.connect()
    const sqlite = new Database(sqliteFile, { readonly: true })
    try {
      await migrateDatabase(db)
      const tables = await copySqliteToPostgres(sqlite, client, { skip: DERIVED })
      // What autovacuum would do within a minute of such a load: the plans measured are the ones the database settles on.
      await client.query('VACUUM (ANALYZE)')
      const loadMs = performance.now() - started
      const rebuildStarted = performance.now()
      const rows = await scoreStore(db).rebuild()
      const rebuild = { rows, ms: performance.now() - rebuildStarted }
      await client.query('VACUUM (ANALYZE) bureau_year_scores')
      const { rows: settings } = await client.query<{ name: string; setting: string }>(
        "select name, current_setting(name) as setting from pg_settings where name in ('server_version', 'fsync', 'synchronous_commit', 'shared_buffers', 'max_connections') order by name",
      )
      const server = settings.map((s) => `${s.name}=${s.setting}`).join(', ')
      return { url: url.toString(), server, tables, loadMs, rebuild, drop }
    } finally {
      sqlite.close()
      await client.end()
      await db.connection.close()
    }
  } catch (err) {
    await drop()
    throw err
  }
}
