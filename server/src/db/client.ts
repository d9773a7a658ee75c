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
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true })
  const sqlite = new Database(file)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = FULL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  return drizzle(sqlite, { schema }) as Db
}

export function migrateDatabase(db: Db): void {
  migrate(db, { migrationsFolder: MIGRATIONS_DIR })
}
