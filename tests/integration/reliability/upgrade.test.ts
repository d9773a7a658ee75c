import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { afterAll, describe, expect, it } from 'vitest'
import { MIGRATIONS_DIR } from '../../../server/src/config'
import { migrateDatabase, openDatabase, type Db } from '../../../server/src/db/client'
import { seedDemo } from '../../../seed/demo'

/**
 * The pattern for every migration: build a database at the previous migration, fill it, run the
 * current migrations, and check that every row is still there with the same meaning.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-upgrade-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

interface Journal {
  entries: { idx: number; tag: string; when: number }[]
}

/** A migrations folder holding all but the newest migration. */
function previousMigrations(): string {
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8')) as Journal
  const folder = path.join(dir, 'previous')
  fs.mkdirSync(path.join(folder, 'meta'), { recursive: true })
  const kept = journal.entries.slice(0, -1)
  for (const e of kept) fs.copyFileSync(path.join(MIGRATIONS_DIR, `${e.tag}.sql`), path.join(folder, `${e.tag}.sql`))
  fs.writeFileSync(path.join(folder, 'meta/_journal.json'), JSON.stringify({ ...journal, entries: kept }))
  return folder
}

function snapshot(db: Db): Record<string, Record<string, unknown>[]> {
  const tables = db.$client
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name <> '__drizzle_migrations'")
    .all() as { name: string }[]
  return Object.fromEntries(tables.map(({ name }) => [name, db.$client.prepare(`select * from "${name}" order by rowid`).all() as Record<string, unknown>[]]))
}

/** Derived tables (the dashboard's pre-aggregation and counters): the migration may mark them for recomputation. */
const DERIVED = new Set(['bureau_year_scores', 'dashboard_versions'])

/**
 * A database at the previous migration holding the demo county: the seed (written against the
 * current schema) fills a current database, and the columns the previous schema has are copied over.
 */
async function previousDatabase(name: string): Promise<Db> {
  const current = openDatabase(path.join(dir, `${name}-current.db`))
  migrateDatabase(current)
  await seedDemo(current, { password: 'Demo@2026' })
  current.$client.close()

  const db = openDatabase(path.join(dir, `${name}.db`))
  migrate(db, { migrationsFolder: previousMigrations() })
  const sql = db.$client
  sql.pragma('foreign_keys = OFF')
  sql.exec(`attach database '${path.join(dir, `${name}-current.db`)}' as cur`)
  const tables = sql.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name <> '__drizzle_migrations'").all() as { name: string }[]
  // The derived tables last: copying the others fires the triggers that fill them.
  tables.sort((a, b) => Number(DERIVED.has(a.name)) - Number(DERIVED.has(b.name)))
  sql.transaction(() => {
    for (const { name } of tables) {
      // Rows the migrations or triggers wrote make way for the seeded ones.
      sql.exec(`delete from main."${name}"`)
      const columns = (sql.prepare(`select name from pragma_table_info('${name}')`).all() as { name: string }[]).map((c) => `"${c.name}"`).join(', ')
      sql.exec(`insert into main."${name}" (${columns}) select ${columns} from cur."${name}"`)
    }
  })()
  sql.exec('detach database cur')
  sql.pragma('foreign_keys = ON')
  return db
}

describe('upgrading from the previous migration', () => {
  it('keeps every row and its meaning', async () => {
    const db = await previousDatabase('rows')
    const before = snapshot(db)
    expect(before.submission_values.length).toBeGreaterThan(1000)

    migrateDatabase(db)
    const after = snapshot(db)
    for (const [table, rows] of Object.entries(before)) {
      expect(after[table], `table ${table} still exists`).toBeDefined()
      expect(after[table].length, `rows of ${table}`).toBe(rows.length)
      if (DERIVED.has(table)) continue
      // Columns the new version added may be present; every old column keeps its value.
      after[table].forEach((row, i) => expect(row).toMatchObject(rows[i]))
    }
    expect(db.$client.pragma('integrity_check', { simple: true })).toBe('ok')
    db.$client.close()
  })

  it('takes the first submission and the review history from the audit log (0005), where it has them', async () => {
    const db = await previousDatabase('history')
    const sql = db.$client
    // A report that was submitted on time, returned, and resubmitted late: its row shows only the resubmission.
    const { id } = sql.prepare("select s.id from submissions s join bureaus b on b.id = s.bureau_id where b.code = 'kjj' and s.year = 2025").get() as { id: number }
    const first = '2026-02-20T02:00:00.000Z'
    const again = '2026-11-30T02:00:00.000Z'
    const log = sql.prepare("insert into audit_events (at, user_id, action, object_type, object_id, after) values (?, null, ?, 'submission', ?, ?)")
    log.run(first, 'submission.submit', String(id), JSON.stringify({ id, status: 'submitted' }))
    log.run('2026-02-25T02:00:00.000Z', 'submission.return', String(id), JSON.stringify({ id, status: 'returned', returnReason: '请补充佐证材料' }))
    log.run(again, 'submission.submit', String(id), JSON.stringify({ id, status: 'submitted' }))
    sql.prepare("update submissions set status = 'submitted', submitted_at = ?, approved_at = null, approved_by = null where id = ?").run(again, id)

    migrateDatabase(db)
    expect(sql.prepare('select first_submitted_at as f, submitted_at as s from submissions where id = ?').get(id)).toEqual({ f: first, s: again })
    const steps = sql.prepare('select action, at, reason from submission_events where submission_id = ? order by id').all(id)
    expect(steps).toEqual([
      { action: 'submit', at: first, reason: null },
      { action: 'return', at: '2026-02-25T02:00:00.000Z', reason: '请补充佐证材料' },
      { action: 'resubmit', at: again, reason: null },
    ])
    // Reports without logged steps get those their rows show: each reported one its submission.
    const unlogged = sql.prepare(
      "select count(*) as n from submissions s where s.first_submitted_at is not null and not exists (select 1 from submission_events e where e.submission_id = s.id and e.action = 'submit')",
    ).get() as { n: number }
    expect(unlogged.n).toBe(0)
    db.$client.close()
  })
})
