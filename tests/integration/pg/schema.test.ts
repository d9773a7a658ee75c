import path from 'node:path'
import Database from 'better-sqlite3'
import { is } from 'drizzle-orm'
import { drizzle as drizzleSqlite } from 'drizzle-orm/better-sqlite3'
import { migrate as migrateSqlite } from 'drizzle-orm/better-sqlite3/migrator'
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator'
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core'
import pg from 'pg'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { MIGRATIONS_DIR } from '../../../server/src/config'
import { registerAuditChain } from '../../../server/src/db/audit-chain'
import * as sqliteSchema from '../../../server/src/db/schema'

/**
 * PostgreSQL's schema and triggers against SQLite's (issue 19, part 2): a fresh database migrated
 * from `migrations/pg` has the SQLite definition's tables, columns, indexes and checks, and each
 * trigger does on PostgreSQL what its SQLite twin does on a SQLite database migrated beside it.
 * Runs only with TEST_PG_URL, an administrator's URL of a PostgreSQL server (it creates and drops
 * its own database).
 */

const ADMIN_URL = process.env.TEST_PG_URL
const KEY = 'test-audit-key'

/** Triggers (or anything named on a table) as `table.name`, sorted. */
const byKey = (list: { name: string; table: string }[]) => list.map((t) => `${t.table}.${t.name}`).sort()

describe.skipIf(!ADMIN_URL)('PostgreSQL schema and triggers', () => {
  const name = `fazhi_schema_${process.pid}_${Date.now()}`
  let admin: pg.Client
  let pool: pg.Pool
  let sqlite: Database.Database

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: ADMIN_URL })
    await admin.connect()
    await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 LOCALE 'C.UTF-8'`)
    const url = new URL(ADMIN_URL!)
    url.pathname = `/${name}`
    // The audit key reaches each connection as a startup setting: PostgreSQL's counterpart of registering it on a SQLite connection.
    pool = new pg.Pool({ connectionString: url.toString(), options: `-c fazhi.audit_key=${KEY}` })
    await migratePg(drizzlePg(pool), { migrationsFolder: path.join(MIGRATIONS_DIR, 'pg') })

    sqlite = new Database(':memory:')
    registerAuditChain(sqlite, KEY)
    migrateSqlite(drizzleSqlite(sqlite), { migrationsFolder: MIGRATIONS_DIR })
    sqlite.pragma('foreign_keys = ON')
  })

  afterAll(async () => {
    sqlite?.close()
    await pool?.end()
    await admin?.query(`DROP DATABASE IF EXISTS ${name}`)
    await admin?.end()
  })

  const rows = async <T,>(text: string, values: unknown[] = []) => (await pool.query(text, values)).rows as T[]

  describe('the schema', () => {
    const sqliteTables = Object.values(sqliteSchema)
      .filter((v) => is(v, SQLiteTable))
      .map((t) => getTableConfig(t))
    const byName = <T extends { name: string }>(list: T[]) => [...list].sort((a, b) => a.name.localeCompare(b.name))

    it('has every table and column of the SQLite definition, each as nullable, defaulted, keyed and numbered as there', async () => {
      const columns = await rows<{ table_name: string; column_name: string; is_nullable: string; column_default: string | null; is_identity: string }>(
        "SELECT table_name, column_name, is_nullable, column_default, is_identity FROM information_schema.columns WHERE table_schema = 'public'",
      )
      const keys = await rows<{ table: string; column: string }>(
        `SELECT conrelid::regclass::text AS table, attname AS column FROM pg_constraint
         JOIN pg_attribute ON attrelid = conrelid AND attnum = ANY (conkey) WHERE contype = 'p' AND connamespace = 'public'::regnamespace`,
      )
      const pgTables = [...new Set(columns.map((c) => c.table_name))].map((table) => ({
        name: table,
        columns: byName(
          columns
            .filter((c) => c.table_name === table)
            .map((c) => ({
              name: c.column_name,
              notNull: c.is_nullable === 'NO',
              hasDefault: c.column_default !== null,
              key: keys.some((k) => k.table === table && k.column === c.column_name),
              numbered: c.is_identity === 'YES',
            })),
        ),
      }))
      const expected = sqliteTables.map((t) => ({
        name: t.name,
        columns: byName(
          t.columns.map((c) => ({
            name: c.name,
            notNull: c.notNull,
            // SQLite numbers an integer primary key (the rowid) whether or not it is declared autoincrement.
            hasDefault: c.hasDefault && !c.primary,
            key: c.primary || t.primaryKeys.some((k) => k.columns.includes(c)),
            numbered: (c as { autoIncrement?: boolean }).autoIncrement === true,
          })),
        ),
      }))
      expect(sqliteTables.length).toBeGreaterThan(20)
      expect(byName(pgTables)).toEqual(byName(expected))
    })

    it('has the same indexes, checks and foreign keys', async () => {
      const indexes = await rows<{ table: string; name: string }>(
        `SELECT indrelid::regclass::text AS table, indexrelid::regclass::text AS name FROM pg_index
         JOIN pg_class ON pg_class.oid = indrelid JOIN pg_namespace ON pg_namespace.oid = relnamespace
         WHERE nspname = 'public' AND NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conindid = indexrelid)`,
      )
      const constraints = await rows<{ table: string; name: string; type: string }>(
        "SELECT conrelid::regclass::text AS table, conname AS name, contype AS type FROM pg_constraint WHERE connamespace = 'public'::regnamespace",
      )
      const ofType = (type: string) => constraints.filter((c) => c.type === type).map((c) => `${c.table}.${c.name}`).sort()
      const expectedIndexes = sqliteTables.flatMap((t) => t.indexes.map((i) => `${t.name}.${i.config.name}`)).sort()
      expect(expectedIndexes.length).toBeGreaterThan(20)
      expect(indexes.map((i) => `${i.table}.${i.name}`).sort()).toEqual(expectedIndexes)
      expect(ofType('c')).toEqual(sqliteTables.flatMap((t) => t.checks.map((c) => `${t.name}.${c.name}`)).sort())
      expect(ofType('f').length).toBe(sqliteTables.reduce((n, t) => n + t.foreignKeys.length, 0))
    })
  })

  describe('the triggers', () => {
    it('has each SQLite trigger’s twin on the same table, and a TRUNCATE guard on each append-only table', async () => {
      const onSqlite = sqlite.prepare("SELECT name, tbl_name AS 'table' FROM sqlite_master WHERE type = 'trigger'").all() as { name: string; table: string }[]
      const onPg = await rows<{ name: string; table: string }>('SELECT tgname AS name, tgrelid::regclass::text AS table FROM pg_trigger WHERE NOT tgisinternal')
      const twins = onPg.filter((t) => onSqlite.some((s) => s.name === t.name))
      expect(onSqlite.length).toBeGreaterThan(30)
      expect(byKey(twins)).toEqual(byKey(onSqlite))
      const appendOnly = [...new Set(onSqlite.filter((t) => /_no_(update|delete)$/.test(t.name)).map((t) => t.table))]
      expect(byKey(onPg.filter((t) => !twins.includes(t)))).toEqual(byKey(appendOnly.map((table) => ({ name: `${table}_no_truncate`, table }))))
    })

    /** Runs the same statements on both databases. */
    const onBoth = async (statements: string) => {
      sqlite.exec(statements)
      await pool.query(statements)
    }
    interface State {
      versions: Record<number, number>
      dirty: string[]
    }
    const stateOf = (versions: { year: number; version: number }[], scores: { year: number; bureau_id: number; dirty: unknown }[]): State => ({
      versions: Object.fromEntries(versions.map((v) => [v.year, v.version])),
      dirty: scores.filter((s) => Boolean(s.dirty)).map((s) => `${s.year}:${s.bureau_id}`),
    })
    const VERSIONS = 'SELECT year, version FROM dashboard_versions ORDER BY year'
    const SCORES = 'SELECT year, bureau_id, dirty FROM bureau_year_scores ORDER BY year, bureau_id'
    const states = async () => ({
      sqlite: stateOf(sqlite.prepare(VERSIONS).all() as never, sqlite.prepare(SCORES).all() as never),
      pg: stateOf(await rows(VERSIONS), await rows(SCORES)),
    })

    beforeAll(async () => {
      await onBoth(`
        INSERT INTO regions (code, name, level) VALUES ('r1', '示例县', 'county');
        INSERT INTO bureaus (region_id, code, name, short_name, type) VALUES (1, 'b1', '示例县科技局', '科技局', 'kjj');
        INSERT INTO cycles (year, due_date, publish_deadline) VALUES (2025, '2026-01-31', '2026-03-31');
        INSERT INTO indicators (code, category, name, unit, kind, default_weight, sort_order) VALUES ('lead.meetings', 'lead', '会议', '次', 'count', 5, 1);
        INSERT INTO submissions (bureau_id, year) VALUES (1, 2025);
        INSERT INTO submission_values (submission_id, indicator_code, value) VALUES (1, 'lead.meetings', 2);`)
    })
    // Each step starts from computed scores, as the scorer leaves them.
    beforeEach(() => onBoth('UPDATE bureau_year_scores SET dirty = false'))

    /** A change, the years whose counter it bumps and the bureau-years it leaves to recompute. */
    const STEPS: { change: string; sql: string; bumps: number[]; dirties: string[] }[] = [
      { change: 'a value saved', sql: "UPDATE submission_values SET value = 3 WHERE indicator_code = 'lead.meetings'", bumps: [2025], dirties: ['2025:1'] },
      { change: 'a value’s note only', sql: "UPDATE submission_values SET note = '说明' WHERE indicator_code = 'lead.meetings'", bumps: [], dirties: [] },
      { change: 'a value deleted', sql: 'DELETE FROM submission_values WHERE submission_id = 1', bumps: [2025], dirties: ['2025:1'] },
      { change: 'a value added', sql: "INSERT INTO submission_values (submission_id, indicator_code, value) VALUES (1, 'lead.meetings', 4)", bumps: [2025], dirties: ['2025:1'] },
      { change: 'a report submitted', sql: "UPDATE submissions SET status = 'submitted', submitted_at = '2026-01-02T00:00:00.000Z'", bumps: [2025], dirties: ['2025:1'] },
      { change: 'a report’s update time only', sql: "UPDATE submissions SET updated_at = '2026-01-03T00:00:00.000Z'", bumps: [], dirties: [] },
      { change: 'a region renamed', sql: "UPDATE regions SET name = '样板县'", bumps: [0], dirties: [] },
      { change: 'a region added', sql: "INSERT INTO regions (code, name, level, parent_id) VALUES ('r2', '某镇', 'county', 1)", bumps: [0], dirties: [] },
      { change: 'a bureau renamed', sql: "UPDATE bureaus SET name = '样板县科技局'", bumps: [0], dirties: [] },
      { change: 'a bureau’s enforcement', sql: 'UPDATE bureaus SET has_enforcement = true', bumps: [0], dirties: ['2025:1'] },
      { change: 'a bureau added', sql: "INSERT INTO bureaus (region_id, code, name, short_name, type) VALUES (2, 'b2', '某局', '某局', 'mj')", bumps: [0], dirties: [] },
      { change: 'a rectification item', sql: "INSERT INTO rectification_items (bureau_id, year, problem, deadline) VALUES (2, 2025, '问题', '2026-06-30')", bumps: [2025], dirties: ['2025:2'] },
      { change: 'a bureau deleted', sql: "DELETE FROM rectification_items; DELETE FROM bureaus WHERE code = 'b2'", bumps: [0, 2025], dirties: [] },
      { change: 'a due date moved', sql: "UPDATE cycles SET due_date = '2026-02-28'", bumps: [0, 2025], dirties: ['2025:1'] },
      { change: 'a scheme set', sql: "INSERT INTO schemes (year, categories, grades) VALUES (2025, '[]', '[]')", bumps: [2025], dirties: ['2025:1'] },
      { change: 'a scheme frozen', sql: 'UPDATE schemes SET frozen = true', bumps: [], dirties: [] },
      { change: 'an indicator renamed', sql: "UPDATE indicators SET name = '专题会议'", bumps: [0], dirties: ['2025:1'] },
    ]

    /** What a step did to the counters (year → how much each moved) and which bureau-years it left dirty. */
    const changeOf = (before: State, after: State) => ({
      bumps: Object.fromEntries(
        Object.entries(after.versions)
          .map(([year, version]) => [year, version - (before.versions[Number(year)] ?? 0)])
          .filter(([, by]) => by !== 0),
      ),
      dirty: after.dirty,
    })

    it.each(STEPS)('$change: as on SQLite', async ({ sql, bumps, dirties }) => {
      const before = await states()
      await onBoth(sql)
      const after = await states()
      const onPg = changeOf(before.pg, after.pg)
      expect(onPg).toEqual(changeOf(before.sqlite, after.sqlite))
      expect(Object.keys(onPg.bumps).map(Number)).toEqual(bumps)
      expect(onPg.dirty).toEqual(dirties)
    })

    it('refuses to rewrite the review history and published results, TRUNCATE included', async () => {
      await onBoth(`
        INSERT INTO submission_events (submission_id, action, at) VALUES (1, 'submit', '2026-01-02T00:00:00.000Z');
        INSERT INTO result_versions (year, version, title, published_at, figures, changes) VALUES (2025, 1, '2025 年度', '2026-03-01T00:00:00.000Z', '{}', '[]');`)
      const refused = [
        "UPDATE submission_events SET reason = 'x'",
        // CASCADE: review_comments refers to it, and a plain TRUNCATE is refused for that alone.
        'TRUNCATE submission_events CASCADE',
        "UPDATE result_versions SET title = 'x'",
        'DELETE FROM result_versions',
        'TRUNCATE result_versions',
      ]
      for (const statement of refused) await expect(pool.query(statement), statement).rejects.toThrow(/is append-only/)
      for (const statement of refused.filter((s) => !s.startsWith('TRUNCATE'))) expect(() => sqlite.exec(statement), statement).toThrow(/is append-only/)
      expect(await rows('SELECT title FROM result_versions')).toEqual([{ title: '2025 年度' }])
    })
  })

  describe('the audit chain', () => {
    /** Rows as the app appends them (`AuditRow`): before and after as JSON text, written as given. */
    const ROWS = [
      { userId: null, username: 'office', ip: '10.0.0.1', action: 'login', objectType: 'user', objectId: '1', success: true, before: null, after: '{"a": 1,"b":"中"}' },
      { userId: null, username: '引号"与\n换行\t\u0001', ip: null, action: 'login', objectType: null, objectId: null, success: false, before: JSON.stringify({ note: '反斜杠\\ 与 "引号"\n' }), after: null },
      { userId: null, username: null, ip: '::1', action: 'export', objectType: 'row', objectId: '42', success: true, before: '[1, 2.5, null]', after: '{}' },
    ]
    interface StoredRow {
      id: number
      at: string
      user_id: number | null
      username: string | null
      ip: string | null
      action: string
      object_type: string | null
      object_id: string | null
      success: boolean
      before: string | null
      after: string | null
      prev_hash: string | null
      hash: string
    }
    const stored = () =>
      rows<StoredRow>(
        'SELECT id, at, user_id, username, ip, action, object_type, object_id, success, before::text AS before, after::text AS after, prev_hash, hash FROM audit_events ORDER BY id',
      )
    /** The hash a SQLite connection computes (audit-chain.ts's HMAC over the row's JSON array, keyed with its key: KEY on `sqlite`). */
    const sqliteHash = (r: StoredRow, connection = sqlite) =>
      connection
        .prepare('SELECT audit_row_hash(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .pluck()
        .get(r.prev_hash, r.id, r.at, r.user_id, r.username, r.ip, r.action, r.object_type, r.object_id, r.success ? 1 : 0, r.before, r.after)

    beforeAll(async () => {
      for (const r of ROWS)
        await pool.query('SELECT audit_append($1, $2, $3, $4, $5, $6, $7, $8, $9)', [r.userId, r.username, r.ip, r.action, r.objectType, r.objectId, r.success, r.before, r.after])
    })

    it('appends a chain whose every hash is the one SQLite computes, over the cells as written', async () => {
      const chain = await stored()
      expect(chain.map((r) => [r.id, r.username, r.success, r.before, r.after])).toEqual(ROWS.map((r, i) => [i + 1, r.username, r.success, r.before, r.after]))
      chain.forEach((r, i) => {
        expect(r.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
        expect(r.prev_hash).toBe(i === 0 ? null : chain[i - 1]!.hash)
        expect(r.hash).toBe(sqliteHash(r))
      })
    })

    it('hashes with the empty key on a connection given none, as SQLite does without AUDIT_HMAC_KEY', async () => {
      const unkeyed = new Database(':memory:')
      registerAuditChain(unkeyed, '')
      const client = new pg.Client({ connectionString: pool.options.connectionString })
      await client.connect()
      try {
        const [row] = await stored()
        const { rows: hashes } = await client.query<{ hash: string }>(
          `SELECT audit_row_hash(prev_hash, id, at, user_id, username, ip, action, object_type, object_id, success, before, after) AS hash
           FROM audit_events WHERE id = $1`,
          [row!.id],
        )
        expect(hashes[0]!.hash).toBe(sqliteHash(row!, unkeyed))
        expect(hashes[0]!.hash).not.toBe(row!.hash)
      } finally {
        await client.end()
        unkeyed.close()
      }
    })

    it('refuses a row that does not continue the chain, and any update, delete or truncate', async () => {
      const [last] = (await stored()).slice(-1)
      const insert = (hash: string) =>
        pool.query("INSERT INTO audit_events (id, at, action, success, prev_hash, hash) VALUES ($1, $2, 'forged', true, $3, $4)", [last!.id + 1, last!.at, last!.hash, hash])
      await expect(insert(last!.hash)).rejects.toThrow(/audit_events is append-only/)
      for (const statement of ["UPDATE audit_events SET action = 'forged' WHERE id = 1", 'DELETE FROM audit_events WHERE id = 1', 'TRUNCATE audit_events'])
        await expect(pool.query(statement), statement).rejects.toThrow(/audit_events is append-only/)
      expect((await stored()).map((r) => r.action)).toEqual(ROWS.map((r) => r.action))
    })
  })
})

