import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { MIGRATIONS_DIR } from '../config'
import * as schema from './schema'

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database }

/**
 * Opens the database and sets every pragma in one place.
 * - WAL: readers (the dashboard) never block the writer (a bureau saving).
 * - synchronous=FULL: a write acknowledged to a client is on disk before the answer, so it
 *   survives the process being killed and an OS crash or power loss; with WAL the extra fsync per
 *   commit is cheap at this write rate.
 * - foreign_keys: SQLite leaves them off by default.
 * - busy_timeout: a second process (backup, CLI) waits for the lock instead of failing at once.
 */
export function openDatabase(file: string): Db {
  if (file !== ':memory:') assertWritable(file)
  const sqlite = new Database(file)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = FULL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  return drizzle(sqlite, { schema }) as Db
}

/** A start-up error a county IT person can act on, printed without a stack trace. */
export class StartupError extends Error {}

function assertWritable(file: string): void {
  const dir = path.dirname(file)
  try {
    fs.mkdirSync(dir, { recursive: true })
    fs.accessSync(dir, fs.constants.W_OK)
    if (fs.existsSync(file)) fs.accessSync(file, fs.constants.R_OK | fs.constants.W_OK)
  } catch {
    throw new StartupError(`数据库文件不可写：${file}。请检查 DB_PATH 及其所在目录的权限。`)
  }
}

/** The newest migration this code knows, from drizzle-kit's journal. */
function latestKnownMigration(): number {
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8')) as {
    entries: { when: number }[]
  }
  return Math.max(...journal.entries.map((e) => e.when))
}

/** Applies pending migrations; refuses a database written by a newer version of the product. */
export function migrateDatabase(db: Db): void {
  const hasTable = db.$client.prepare("select 1 from sqlite_master where type = 'table' and name = '__drizzle_migrations'").get()
  if (hasTable) {
    const newest = db.$client.prepare('select max(created_at) as at from __drizzle_migrations').get() as { at: number | null }
    if (newest.at !== null && Number(newest.at) > latestKnownMigration())
      throw new StartupError('数据库版本比当前程序新：请升级程序后再启动，或从与本版本匹配的备份恢复。')
  }
  migrate(db, { migrationsFolder: MIGRATIONS_DIR })
}
