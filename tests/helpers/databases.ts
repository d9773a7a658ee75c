import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { migrateDatabase, openDatabase, sqliteOf, type Db } from '../../server/src/db/client'
import { seedDemo } from '../../seed/demo'

export const DEMO_PASSWORD = 'Demo@2026'

/**
 * The backend the suite runs on: SQLite files by default, PostgreSQL with TEST_DB=pg (a cluster
 * whose admin URL is TEST_PG_URL; each test gets a database of its own in it).
 */
export type Backend = { kind: 'sqlite' } | { kind: 'pg'; adminUrl: string }

export function testBackend(): Backend {
  if (process.env.TEST_DB === 'pg') return { kind: 'pg', adminUrl: process.env.TEST_PG_URL ?? 'postgres://fazhi:fazhi@127.0.0.1:5433/postgres' }
  return { kind: 'sqlite' }
}

/** True when the suite runs on PostgreSQL: the few tests about SQLite itself skip with it. */
export const isPg = testBackend().kind === 'pg'

/** A JSON column's value read by raw SQL, parsed: SQLite gives its text, PostgreSQL the value node-postgres already parsed. */
export function jsonOf<T = unknown>(value: unknown): T {
  if (isPg || value === null) return value as T
  if (typeof value !== 'string') throw new TypeError(`not the text of a JSON column: ${String(value)}`)
  return JSON.parse(value) as T
}

/** A boolean column's value read by raw SQL as 0 or 1 (SQLite gives 0/1, PostgreSQL false/true); NULL stays null. */
export function truthOf(value: unknown): 0 | 1 | null {
  if (value === null) return null
  if (value === 0 || value === false) return 0
  if (value === 1 || value === true) return 1
  throw new TypeError(`not a boolean column's value: ${String(value)}`)
}

/** The databases the run's globalSetup built (`tests/setup/databases.ts`): SQLite files or PostgreSQL database names. */
export interface Templates {
  /** Every PostgreSQL database of the run is named with it, so the run's end drops them all. */
  prefix: string
  migrated: string
  county: string
  city: string
}

const adminUrl = () => {
  const backend = testBackend()
  if (backend.kind !== 'pg') throw new Error('not a PostgreSQL run')
  return backend.adminUrl
}

/** The URL of a database of the test cluster. */
export function pgUrlOf(name: string): string {
  const url = new URL(adminUrl())
  url.pathname = `/${name}`
  return url.toString()
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl() })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

/** A new empty PostgreSQL database of the test cluster, in the locale production uses. */
const createEmptyDatabase = (name: string) => admin((c) => c.query(`CREATE DATABASE "${name}" LOCALE 'C.UTF-8' TEMPLATE template0`)).then(() => undefined)
/** Drops a PostgreSQL database of the test cluster, whoever is still connected to it. */
const dropDatabase = (name: string) => admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined)

/** The target `openDatabase` takes for a SQLite file or a PostgreSQL database name. */
const targetOf = (database: string) => (testBackend().kind === 'pg' ? pgUrlOf(database) : database)

/**
 * Makes a template: a new database (`database`: a SQLite file path or a PostgreSQL database name),
 * migrated, optionally seeded with the demo, prepared, and closed (PostgreSQL copies a database only
 * while no one is connected to it). Returns `database`.
 */
export async function buildTemplate(
  database: string,
  opts: { seed: boolean; city?: boolean; from?: string; prepare?: (db: Db) => Promise<void> | void },
): Promise<string> {
  if (opts.from) await copyDatabase(opts.from, database)
  else if (testBackend().kind === 'pg') await createEmptyDatabase(database)
  const db = openDatabase(targetOf(database))
  try {
    if (!opts.from) await migrateDatabase(db)
    if (opts.seed && !opts.from) await seedDemo(db, { password: DEMO_PASSWORD, city: opts.city })
    await opts.prepare?.(db)
    // A copied SQLite file must hold every committed row itself, not in a WAL beside it.
    if (db.connection.dialect === 'sqlite') await sqliteOf(db).statement((sqlite) => sqlite.pragma('journal_mode = DELETE'))
  } finally {
    await db.connection.close()
  }
  return database
}

/** A new database with the contents of `template` (a file copy on SQLite, CREATE DATABASE … TEMPLATE on PostgreSQL). */
async function copyDatabase(template: string, database: string): Promise<void> {
  if (testBackend().kind === 'sqlite') fs.copyFileSync(template, database)
  // FILE_COPY: ~0.1 s on a cluster without fsync, against WAL_LOG's ~0.7 s.
  else await admin((c) => c.query(`CREATE DATABASE "${database}" TEMPLATE "${template}" STRATEGY FILE_COPY`))
}

let made = 0

/**
 * A fresh database of this test's own, copied from `template`: what `openDatabase` takes to open it,
 * and how to remove it once closed.
 */
export async function cloneDatabase(template: string, prefix: string): Promise<{ target: string; dispose(): Promise<void> }> {
  if (testBackend().kind === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-test-'))
    const file = path.join(dir, 'app.db')
    await copyDatabase(template, file)
    return { target: file, dispose: async () => fs.rmSync(dir, { recursive: true, force: true }) }
  }
  const name = `${prefix}_${process.pid.toString(36)}_${++made}`
  await copyDatabase(template, name)
  return { target: pgUrlOf(name), dispose: () => dropDatabase(name) }
}

export interface ServerDatabase {
  /** DB_PATH, or DATABASE_URL and FILES_DIR. */
  env: Record<string, string>
  /** What `openDatabase` takes to open it from the test: the SQLite file, or the PostgreSQL database's URL. */
  target: string
  /** Removes the database and its folder (the servers on it stopped first). */
  dispose(): Promise<void>
}

/**
 * A new empty database for real server processes (`server-process.ts`), and the environment that
 * points them at it: a SQLite file in a folder of its own (DB_PATH; evidence files go beside it), or
 * a database of the test cluster (DATABASE_URL) with a folder of its own for the evidence files
 * (FILES_DIR, which every server on the database shares). `prefix`: the run's
 * (`inject('databases').prefix`), so that the run's end drops the database if the test could not.
 */
export async function serverDatabase(prefix: string): Promise<ServerDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-server-'))
  const removeDir = () => fs.rmSync(dir, { recursive: true, force: true })
  if (testBackend().kind === 'sqlite') {
    const file = path.join(dir, 'app.db')
    return { env: { DB_PATH: file }, target: file, dispose: async () => removeDir() }
  }
  const name = `${prefix}_${process.pid.toString(36)}_s${++made}`
  await createEmptyDatabase(name)
  return {
    env: { DATABASE_URL: pgUrlOf(name), FILES_DIR: dir },
    target: pgUrlOf(name),
    dispose: async () => {
      await dropDatabase(name)
      removeDir()
    },
  }
}

/** A name for one more database of this run (templates made by a test file). */
export const newDatabaseName = (prefix: string) =>
  testBackend().kind === 'sqlite' ? path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-template-')), 'template.db') : `${prefix}_${process.pid.toString(36)}_t${++made}`

/** Drops every database of the run that is left (a test that failed before closing its own). */
export async function dropDatabases(prefix: string): Promise<void> {
  await admin(async (c) => {
    const { rows } = await c.query<{ datname: string }>('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [`${prefix}_`])
    for (const { datname } of rows) await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`)
  })
}

/**
 * Raw SQL for tests, the same on both backends: `?` placeholders, rows as objects by column name.
 * Write SQL both dialects read: booleans as `true/false`, `cast(count(*) as integer)` (PostgreSQL's
 * count is a bigint, which node-postgres returns as a string).
 */
export interface TestSql {
  all<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>
  get<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T | undefined>
  run(sql: string, params?: readonly unknown[]): Promise<void>
  /** The first column of the first row (undefined without a row). */
  value<T = unknown>(sql: string, params?: readonly unknown[]): Promise<T | undefined>
  /** The first column of every row. */
  column<T = unknown>(sql: string, params?: readonly unknown[]): Promise<T[]>
  /** Several statements without parameters. */
  exec(script: string): Promise<void>
  /** Runs `work`'s statements in one transaction. */
  transaction<T>(work: () => Promise<T>): Promise<T>
}

const first = (row: object | undefined) => (row === undefined ? undefined : Object.values(row)[0])

export function sqlOf(db: Db): TestSql {
  const connection = db.connection
  return {
    all: (sql, params) => connection.all(sql, params),
    get: (sql, params) => connection.get(sql, params),
    run: (sql, params) => connection.run(sql, params),
    value: async <T>(sql: string, params?: readonly unknown[]) => first(await connection.get<object>(sql, params)) as T | undefined,
    column: async <T>(sql: string, params?: readonly unknown[]) => (await connection.all<object>(sql, params)).map((row) => first(row) as T),
    // node-postgres sends a statement without parameters as a simple query, which may hold several.
    exec: (script) => (connection.dialect === 'sqlite' ? connection.statement((sqlite) => void sqlite.exec(script)) : connection.run(script)),
    transaction: (work) => connection.transaction(work),
  }
}
