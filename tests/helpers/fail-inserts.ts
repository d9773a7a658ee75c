import { isPg, type TestSql } from './databases'

/**
 * Makes the database refuse every insert into `table` (only those where `when` holds, an SQL condition
 * on `new`, if given) with the error `message`, so a test can fail a write half-way and see what the
 * app leaves behind. A trigger in the test's own database: SQLite's `raise(abort, …)`, on PostgreSQL
 * one PL/pgSQL function raising an exception. Returns what removes it again.
 */
export async function failInserts(sql: TestSql, table: string, message: string, when?: string): Promise<() => Promise<void>> {
  const name = `fail_inserts_${table}`
  const text = `'${message.replaceAll("'", "''")}'`
  if (isPg) {
    await sql.exec(`create function ${name}() returns trigger language plpgsql as $$ begin raise exception ${text}; end $$;
      create trigger ${name} before insert on ${table} for each row ${when === undefined ? '' : `when (${when})`} execute function ${name}()`)
    return () => sql.exec(`drop trigger ${name} on ${table}; drop function ${name}()`)
  }
  await sql.exec(`create trigger ${name} before insert on ${table} ${when === undefined ? '' : `when ${when}`} begin select raise(abort, ${text}); end`)
  return () => sql.exec(`drop trigger ${name}`)
}
