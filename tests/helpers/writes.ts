import type { Db } from '../../server/src/db/client'
import { sqlOf } from './databases'

/**
 * The tables a refused request may still write to: the audit log (its security events: access.denied,
 * upload.refused …) and the sessions (the caller's last-seen time). On SQLite the connection's guard
 * refuses a trigger on the audit log anyway.
 */
const MAY_WRITE = ['audit_events', 'sessions']

/** Marks that stay equal as long as nothing is written to the database, apart from `MAY_WRITE`. */
export interface WriteMarks {
  /**
   * Rows inserted, updated or deleted (a rolled-back write is undone with them): on SQLite through
   * the watched connection only, on PostgreSQL through any connection.
   */
  rows: number
  /**
   * A table, column, index or trigger created, dropped or altered, whose rows the triggers cannot see:
   * SQLite's schema cookie; on PostgreSQL a fingerprint of the catalogue of `public`.
   */
  schema: number
  /**
   * SQLite: moves when another connection commits a change to the file, which this connection's
   * triggers do not see. Always 0 on PostgreSQL, whose triggers count every connection's rows in `rows`.
   */
  otherConnections: number
}

/**
 * Watches every write to `db` (the database `createTestApp` shares with the app), so a test can
 * compare the marks before and after a request instead of reading every table: triggers count every
 * row written to every table but `MAY_WRITE` (the list read from the schema as it is at the call),
 * and the catalogue catches what they cannot see. An update that stores the values a row already had
 * counts too: stricter than comparing the rows.
 * - SQLite: temporary triggers, which live and fire on this connection only, and SQLite's own
 *   counters (schema_version, data_version) for the rest. Call it once per connection.
 * - PostgreSQL: row triggers of one function in the schema `test_writes`, which fire for every
 *   connection (the test role owns the tables but may not make event triggers: the schema is
 *   fingerprinted instead). Call it once per database.
 */
export async function watchWrites(db: Db): Promise<() => Promise<WriteMarks>> {
  const sql = sqlOf(db)
  const excluded = MAY_WRITE.map(() => '?').join(', ')
  if (db.connection.dialect === 'sqlite') {
    const tables = await sql.column<string>(`select name from main.sqlite_master where type = 'table' and name not like 'sqlite_%' and name not in (${excluded})`, MAY_WRITE)
    await sql.exec(
      [
        'create temp table written_rows (n integer not null); insert into written_rows values (0);',
        ...tables.flatMap((table) =>
          ['insert', 'update', 'delete'].map((op) => `create temp trigger "written_${table}_${op}" after ${op} on main."${table}" begin update written_rows set n = n + 1; end;`),
        ),
      ].join('\n'),
    )
    return () =>
      sql.get<WriteMarks>(
        'select (select n from temp.written_rows) as rows, (select schema_version from main.pragma_schema_version) as schema, (select data_version from main.pragma_data_version) as otherConnections',
      ) as Promise<WriteMarks>
  }
  const tables = await sql.column<string>(`select tablename from pg_tables where schemaname = 'public' and tablename not in (${excluded}) order by tablename`, MAY_WRITE)
  await sql.exec(
    [
      'create schema test_writes;',
      'create table test_writes.rows (n integer not null); insert into test_writes.rows values (0);',
      'create function test_writes.count() returns trigger language plpgsql as $$ begin update test_writes.rows set n = n + 1; return null; end $$;',
      ...tables.map((table) => `create trigger "written" after insert or update or delete on public."${table}" for each row execute function test_writes.count();`),
      PG_MARKS,
    ].join('\n'),
  )
  return () => sql.get<WriteMarks>('select "rows", "schema", 0 as "otherConnections" from test_writes.marks()') as Promise<WriteMarks>
}

/**
 * The row counter and a fingerprint of `public`'s catalogue: its tables, sequences, views and indexes
 * (by oid, so one dropped and made again differs), their columns, constraints and triggers; a sum of
 * their hashes, which needs no sort. A PL/pgSQL function: its queries are planned once per connection
 * (planning the catalogue's query took most of its time, called twice around each of thousands of requests).
 */
const PG_MARKS = `
create function test_writes.marks(out "rows" integer, out "schema" integer) language plpgsql stable as $$ begin
  "rows" := (select n from test_writes.rows);
  "schema" := (
    with space as (select oid from pg_namespace where nspname = 'public'),
    objects as (select oid, relname, relkind from pg_class where relnamespace = (select oid from space)),
    catalogue as (
      select concat_ws(':', 'class', oid, relname, relkind) as entry from objects
      union all
      select concat_ws(':', 'column', attrelid, attnum, attname, atttypid, atttypmod, attnotnull, atthasdef, attisdropped)
        from pg_attribute where attrelid in (select oid from objects) and attnum > 0
      union all
      select concat_ws(':', 'constraint', oid, conname, conrelid, contype) from pg_constraint where connamespace = (select oid from space)
      union all
      select concat_ws(':', 'trigger', oid, tgname, tgrelid, tgenabled) from pg_trigger where tgrelid in (select oid from objects)
    )
    select (sum(hashtext(entry)) % 2147483647)::integer from catalogue
  );
end $$;`
