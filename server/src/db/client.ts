import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { drizzle as drizzleSync } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator'
import { drizzle, type SqliteRemoteDatabase } from 'drizzle-orm/sqlite-proxy'
import pg from 'pg'
import { loadConfig, MIGRATIONS_DIR } from '../config'
import { auditKeyState, hasAuditChain, pgAuditKeyState, recordAuditKey, registerAuditChain, sealAuditLog } from './audit-chain'
import { type PgSession, pgSession } from './pg-session'
import * as schema from './schema'
import * as pgSchema from './schema.pg'
import { sqliteSession, type SqliteSession } from './sqlite-session'

/**
 * The database every repository queries, SQLite's embedded file or a PostgreSQL server, through
 * drizzle's async interface typed as SQLite's (the one type the repositories are written against;
 * `schema/pg.ts` builds the same tables for PostgreSQL). `connection` runs transactions and raw
 * statements on either (`connection.ts`). `$client` is SQLite's connection, for the database's own
 * modules (`db/`) and tests; a PostgreSQL database has none.
 */
export type Db = Omit<SqliteRemoteDatabase<typeof schema>, '$client'> & { $client: Database.Database; connection: SqliteSession | PgSession }

/** `DATABASE_URL=postgres://…` selects PostgreSQL; anything else is a SQLite file. */
export const isPostgresUrl = (target: string) => /^postgres(ql)?:\/\//.test(target)

/** The SQLite connection of a database that is one; PostgreSQL has no such thing. */
export function sqliteOf(db: Db): SqliteSession {
  if (db.connection.dialect !== 'sqlite') throw new Error('该操作仅适用于 SQLite 数据库')
  return db.connection
}

/**
 * Opens the database and sets every pragma in one place.
 * - WAL: readers (the dashboard) never block the writer (a bureau saving).
 * - synchronous=FULL: a write acknowledged to a client is on disk before the answer, so it
 *   survives the process being killed and an OS crash or power loss; with WAL the extra fsync per
 *   commit is cheap at this write rate.
 * - foreign_keys: SQLite leaves them off by default.
 * - busy_timeout: a second process (backup, CLI) waits for the lock instead of failing at once.
 * It also registers the audit chain's hash (`audit-chain.ts`, keyed with AUDIT_HMAC_KEY), refuses a
 * key other than the one the chain is written with, and guards the connection against statements
 * that would unmake the audit log's protection.
 */
export function openDatabase(file: string, auditKey: string = loadConfig().auditKey): Db {
  if (isPostgresUrl(file)) return openPostgres(file, auditKey)
  schema.useTablesOf('sqlite')
  if (file !== ':memory:') assertWritable(file)
  const sqlite = new Database(file)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = FULL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  registerAuditChain(sqlite, auditKey)
  try {
    assertAuditKey(sqlite)
  } catch (err) {
    sqlite.close()
    throw err
  }
  guardSchema(sqlite)
  const session = sqliteSession(sqlite)
  const prepared = new Map<string, Database.Statement>()
  const db = drizzle(
    (query, params, method) =>
      session.statement(() => {
        let statement = prepared.get(query)
        if (!statement) prepared.set(query, (statement = sqlite.prepare(query)))
        if (!statement.reader) {
          statement.run(...params)
          return { rows: [] }
        }
        statement.raw(true)
        if (method === 'get') return { rows: statement.get(...params) as unknown[] }
        return { rows: statement.all(...params) }
      }),
    { schema },
  )
  return Object.assign(db, { $client: sqlite, connection: session }) as unknown as Db
}

/**
 * A PostgreSQL database: a pool whose every connection carries the audit key (`fazhi.audit_key`,
 * read by the audit chain's SQL functions, `migrations/pg/0001_triggers.sql`), and the PostgreSQL tables.
 */
function openPostgres(url: string, auditKey: string): Db {
  schema.useTablesOf('pg')
  // A startup option's value escapes spaces and backslashes.
  const pool = new pg.Pool({ connectionString: url, max: 10, options: `-c fazhi.audit_key=${auditKey.replace(/[\\ ]/g, (c) => `\\${c}`)}` })
  const session = pgSession(pool)
  const db = drizzlePg(session.routed, { schema: pgSchema })
  return Object.assign(db, { connection: session }) as unknown as Db
}

/**
 * Rows hashed with another key would break the chain for good (the triggers check a row against the
 * writing connection's own key): a connection with a key other than the recorded one writes nothing.
 */
function assertAuditKey(sqlite: Database.Database): void {
  if (auditKeyState(sqlite) === 'differs') throw new StartupError(AUDIT_KEY_DIFFERS)
}

const AUDIT_KEY_DIFFERS =
  'AUDIT_HMAC_KEY 与写入本数据库审计日志时所用的密钥不同（或未设置）：请设置与写入时相同的 AUDIT_HMAC_KEY 后再启动或运行命令，否则新写入的审计记录将无法通过校验。'

/** Connections running migrations: the only ones allowed to drop triggers. */
const migrating = new WeakSet<Database.Database>()

/**
 * Outside migrations the product's own connection refuses to drop the audit table's triggers or add
 * one to it (a RAISE(IGNORE) would swallow rows), to drop or alter the audit table, or to write the
 * schema directly. Updates, deletes and REPLACE on the audit table are
 * refused by its triggers; what is done to the file with another tool, `npm run audit:verify` finds.
 * Matched on the statement with its comments, quotes and brackets taken out and its spaces collapsed,
 * so `DROP/**\/TRIGGER` or `"main"."audit_events"` are the same statements.
 */
const FORBIDDEN =
  /\bdrop trigger (if exists )?(\w+ ?\. ?)?audit_events\w*|\bcreate (temp |temporary )?trigger\b[^;]*? on (\w+ ?\. ?)?audit_events\b|\b(drop|alter) table (if exists )?(\w+ ?\. ?)?audit_events\b|\bwritable_schema\b/

/**
 * A statement as FORBIDDEN reads it: comments out, quotes and brackets off (SQLite takes `'audit_events'`
 * for a name too), in one pass so that a `--` or `/*` inside quotes hides nothing; spaces collapsed, lower case.
 */
const TOKENS = /\/\*[\s\S]*?(?:\*\/|$)|--[^\n]*|'((?:[^']|'')*)'|"((?:[^"]|"")*)"|`((?:[^`]|``)*)`|\[([^\]]*)\]/g
const normalizedSql = (source: string) =>
  source
    .replace(TOKENS, (_token, ...quoted: (string | undefined)[]) => ` ${quoted.slice(0, 4).find((q) => q !== undefined) ?? ''} `)
    .replace(/\s+/g, ' ')
    .toLowerCase()

function guardSchema(sqlite: Database.Database): void {
  const check = (source: string) => {
    if (!migrating.has(sqlite) && FORBIDDEN.test(normalizedSql(source))) throw new Error('该语句会破坏审计日志的防篡改保护，已拒绝执行')
  }
  const prepare = sqlite.prepare.bind(sqlite)
  const exec = sqlite.exec.bind(sqlite)
  sqlite.prepare = ((source: string) => {
    check(source)
    return prepare(source)
  }) as typeof sqlite.prepare
  sqlite.exec = (source: string) => {
    check(source)
    return exec(source)
  }
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
function latestKnownMigration(folder = MIGRATIONS_DIR): number {
  const journal = JSON.parse(fs.readFileSync(path.join(folder, 'meta/_journal.json'), 'utf8')) as {
    entries: { when: number }[]
  }
  return Math.max(...journal.entries.map((e) => e.when))
}

/**
 * Applies pending migrations (of `migrationsFolder`: the upgrade tests stop at an earlier one);
 * refuses a database written by a newer version of the product.
 */
export async function migrateDatabase(db: Db, migrationsFolder = MIGRATIONS_DIR): Promise<void> {
  if (db.connection.dialect === 'pg') return migratePostgres(db.connection, migrationsFolder)
  const hasTable = db.$client.prepare("select 1 from sqlite_master where type = 'table' and name = '__drizzle_migrations'").get()
  if (hasTable) {
    const newest = db.$client.prepare('select max(created_at) as at from __drizzle_migrations').get() as { at: number | null }
    if (newest.at !== null && Number(newest.at) > latestKnownMigration())
      throw new StartupError('数据库版本比当前程序新：请升级程序后再启动，或从与本版本匹配的备份恢复。')
  }
  // A migration that rebuilds a table others refer to (SQLite's way to change a column) needs foreign
  // keys off, which only takes effect outside a transaction, and drizzle runs all migrations in one:
  // switch them off around it and check every reference afterwards.
  const chainedBefore = hasAuditChain(db.$client)
  migrating.add(db.$client)
  db.$client.pragma('foreign_keys = OFF')
  try {
    migrate(drizzleSync(db.$client), { migrationsFolder })
    const broken = db.$client.pragma('foreign_key_check') as { table: string }[]
    if (broken.length > 0) throw new StartupError(`数据库升级后有 ${broken.length} 条引用失效（表 ${broken[0]!.table}）：请从升级前的备份恢复并报告此问题。`)
  } finally {
    db.$client.pragma('foreign_keys = ON')
    migrating.delete(db.$client)
  }
  // The call that applied 0008 (an upgrade, or a new database) seals the rows the log already had:
  // never a later one, so a log stripped of its hashes is not sealed anew.
  if (!chainedBefore) sealAuditLog(db.$client)
  // A database chained before the key's fingerprint existed records it now.
  recordAuditKey(db.$client)
}

/** PostgreSQL's migrations are their own (`migrations/pg`); drizzle keeps its journal in the `drizzle` schema. */
async function migratePostgres(session: PgSession, migrationsFolder: string): Promise<void> {
  const folder = migrationsFolder === MIGRATIONS_DIR ? path.join(MIGRATIONS_DIR, 'pg') : migrationsFolder
  const journal = await session.get<{ t: string | null }>("select to_regclass('drizzle.__drizzle_migrations')::text as t")
  const newest = journal?.t ? await session.get<{ at: string | null }>('select max(created_at)::text as at from drizzle.__drizzle_migrations') : undefined
  if (newest?.at && Number(newest.at) > latestKnownMigration(folder))
    throw new StartupError('数据库版本比当前程序新：请升级程序后再启动，或从与本版本匹配的备份恢复。')
  // Up to date: the app role, which may not create schemas or tables, starts without the migrator.
  if (!newest?.at || Number(newest.at) < latestKnownMigration(folder)) await applyPgMigrations(session, folder)
  // A PostgreSQL pool opens without a query: its key is checked (and recorded, once) here.
  if ((await pgAuditKeyState(session)) === 'differs') throw new StartupError(AUDIT_KEY_DIFFERS)
}

async function applyPgMigrations(session: PgSession, folder: string): Promise<void> {
  try {
    await migratePg(drizzlePg(session.pool), { migrationsFolder: folder })
  } catch (err) {
    if ((err as { cause?: { code?: unknown } }).cause?.code === '42501')
      throw new StartupError('数据库需要升级，但 DATABASE_URL 的账户无权修改表结构：请用数据库所有者账户运行 npm run db:migrate，再启动。', { cause: err })
    throw err
  }
}
