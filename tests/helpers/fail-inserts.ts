import Database from 'better-sqlite3'
import { isPg, type TestSql } from './databases'

const triggerOf = (table: string) => `fail_inserts_${table}`
const quoted = (message: string) => `'${message.replaceAll("'", "''")}'`
/** SQLite's trigger: `raise(abort, …)`. */
const sqliteTrigger = (table: string, message: string, when?: string) =>
  `create trigger ${triggerOf(table)} before insert on ${table} ${when === undefined ? '' : `when ${when}`} begin select raise(abort, ${quoted(message)}); end`

/**
 * Makes the database refuse every insert into `table` (only those where `when` holds, an SQL condition
 * on `new`, if given) with the error `message`, so a test can fail a write half-way and see what the
 * app leaves behind. A trigger in the test's own database: SQLite's `raise(abort, …)`, on PostgreSQL
 * one PL/pgSQL function raising an exception. Returns what removes it again.
 */
export async function failInserts(sql: TestSql, table: string, message: string, when?: string): Promise<() => Promise<void>> {
  const name = triggerOf(table)
  if (isPg) {
    await sql.exec(`create function ${name}() returns trigger language plpgsql as $$ begin raise exception ${quoted(message)}; end $$;
      create trigger ${name} before insert on ${table} for each row ${when === undefined ? '' : `when (${when})`} execute function ${name}()`)
    return () => sql.exec(`drop trigger ${name} on ${table}; drop function ${name}()`)
  }
  await sql.exec(sqliteTrigger(table, message, when))
  return () => sql.exec(`drop trigger ${name}`)
}

/**
 * `failInserts` on the audit log, for the audit rows of `action`. The product's SQLite connection
 * refuses to touch the audit log's triggers, so on SQLite a second connection to the file makes and
 * removes it; PostgreSQL's trigger is made through the test's own connection.
 */
export async function failAuditInserts(t: { sql: TestSql; dbPath: string }, action: string): Promise<() => Promise<void>> {
  const when = `new.action = ${quoted(action)}`
  if (isPg) return failInserts(t.sql, 'audit_events', 'audit down', when)
  const other = new Database(t.dbPath)
  other.exec(sqliteTrigger('audit_events', 'audit down', when))
  return async () => {
    other.exec(`drop trigger ${triggerOf('audit_events')}`)
    other.close()
  }
}
