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

describe('upgrading from the previous migration', () => {
  it('keeps every row and its meaning', async () => {
    const db = openDatabase(path.join(dir, 'app.db'))
    migrate(db, { migrationsFolder: previousMigrations() })
    await seedDemo(db, { password: 'Demo@2026' })
    const before = snapshot(db)
    expect(before.submission_values.length).toBeGreaterThan(1000)

    migrateDatabase(db)
    const after = snapshot(db)
    for (const [table, rows] of Object.entries(before)) {
      expect(after[table], `table ${table} still exists`).toBeDefined()
      expect(after[table].length, `rows of ${table}`).toBe(rows.length)
      // Columns the new version added may be present; every old column keeps its value.
      after[table].forEach((row, i) => expect(row).toMatchObject(rows[i]))
    }
    expect(db.$client.pragma('integrity_check', { simple: true })).toBe('ok')
    db.$client.close()
  })
})
