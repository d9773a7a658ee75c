import { createHmac } from 'node:crypto'
import Database from 'better-sqlite3'
import type { PgSession } from './pg-session'
import type { SqliteSession } from './sqlite-session'

/**
 * The audit log's tamper evidence: each row carries the hash of the row before it (`prev_hash`) and
 * its own `hash`, an HMAC-SHA256 keyed with AUDIT_HMAC_KEY over the row's stored content and
 * `prev_hash`. The database computes it through `audit_row_hash`, registered on every connection
 * the product opens, and its triggers (migrations 0008, 0010) refuse a row that does not continue
 * the chain (the next id, a time no earlier than the last row's, the last row's hash, its own right
 * hash), any update but the one-time sealing of rows written before the chain, and any delete. The
 * database records the fingerprint of the key its chain is written with, and the product refuses to
 * open it with another (`client.ts`). What someone with the file changes is found by
 * `verifyAuditChain` (`npm run audit:verify`).
 */

/** The row's columns in the order the hash covers them (the triggers name the same list). */
const CONTENT = ['id', 'at', 'user_id', 'username', 'ip', 'action', 'object_type', 'object_id', 'success', 'before', 'after'] as const
const contentList = CONTENT.join(', ')

type Cell = string | number | bigint | null

/** The key each connection hashes with ('' when AUDIT_HMAC_KEY is unset). */
const connectionKeys = new WeakMap<Database.Database, string>()

export function registerAuditChain(sqlite: Database.Database, key: string): void {
  connectionKeys.set(sqlite, key)
  sqlite.function('audit_row_hash', { deterministic: true, varargs: true }, (...args: unknown[]) =>
    createHmac('sha256', key)
      .update(JSON.stringify((args as Cell[]).map((v) => (typeof v === 'bigint' ? Number(v) : v))))
      .digest('hex'),
  )
}

/**
 * The connection opened read-only (nothing written, no WAL switch: verifying a backup leaves its bytes
 * as they were) with the chain's hash registered: for `audit:verify`.
 */
export function openAuditReadOnly(file: string, key: string): Database.Database {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true })
  registerAuditChain(sqlite, key)
  return sqlite
}

/** `app_settings` keys: when the pre-chain rows were sealed (once), and the fingerprint of the key the chain is written with. */
const SEALED = 'auditChainSealedAt'
const FINGERPRINT = 'auditKeyFingerprint'

const fingerprintOf = (key: string) => createHmac('sha256', key).update('fingerprint').digest('hex')
const hasTable = (sqlite: Database.Database, name: string) =>
  sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined
const setting = (sqlite: Database.Database, key: string) =>
  sqlite.prepare('SELECT value FROM app_settings WHERE key = ?').pluck().get(key) as string | undefined
const recordSetting = (sqlite: Database.Database, key: string, value: unknown) =>
  sqlite.prepare('INSERT INTO app_settings (key, value) VALUES (?, ?)').run(key, JSON.stringify(value))

/** Whether the audit table has the chain's columns (migration 0008 applied). */
export const hasAuditChain = (sqlite: Database.Database) =>
  (sqlite.pragma('table_info(audit_events)') as { name: string }[]).some((c) => c.name === 'hash')

/**
 * The connection's key against the one the chain is written with: `unrecorded` for a database from
 * before the fingerprint (or before migration 0008), which `recordAuditKey` then records.
 */
export function auditKeyState(sqlite: Database.Database): 'matches' | 'differs' | 'unrecorded' {
  const stored = hasTable(sqlite, 'app_settings') ? setting(sqlite, FINGERPRINT) : undefined
  if (stored === undefined) return 'unrecorded'
  return JSON.parse(stored) === fingerprintOf(connectionKeys.get(sqlite) ?? '') ? 'matches' : 'differs'
}

/** Records the connection's key's fingerprint, once, so that a later connection with another key is refused. */
export function recordAuditKey(sqlite: Database.Database): void {
  if (hasAuditChain(sqlite) && auditKeyState(sqlite) === 'unrecorded') recordSetting(sqlite, FINGERPRINT, fingerprintOf(connectionKeys.get(sqlite) ?? ''))
}

/**
 * PostgreSQL's key check, run when the database is migrated (a pool opens without a query): records
 * the fingerprint of the pool's key (each connection's `fazhi.audit_key`) when the database has none
 * (a new database: it is born chained), and compares the recorded one with it. Two servers starting
 * at once record one fingerprint; the second compares against it.
 */
export async function pgAuditKeyState(session: PgSession): Promise<'matches' | 'differs'> {
  const key = (await session.get<{ key: string | null }>("SELECT current_setting('fazhi.audit_key', true) AS key"))?.key ?? ''
  await session.run('INSERT INTO app_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING', [FINGERPRINT, JSON.stringify(fingerprintOf(key))])
  const stored = await session.get<{ value: string }>('SELECT value::text AS value FROM app_settings WHERE key = ?', [FINGERPRINT])
  return JSON.parse(stored!.value) === fingerprintOf(key) ? 'matches' : 'differs'
}

export interface AuditRow {
  userId: number | null
  username: string | null
  ip: string | null
  action: string
  objectType: string | null
  objectId: string | null
  success: boolean
  /** JSON text, or null. */
  before: string | null
  after: string | null
}

const appendSql = `
  WITH last AS (
    SELECT coalesce(max(id), 0) + 1 AS id, (SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1) AS prev,
      (SELECT at FROM audit_events ORDER BY id DESC LIMIT 1) AS at
    FROM audit_events
  ),
  row AS (
    -- Never earlier than the last row (the chain's rule): a clock set back does not stop every write.
    SELECT last.id AS id, max(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), coalesce(last.at, '')) AS at, @userId AS user_id, @username AS username, @ip AS ip,
      @action AS action, @objectType AS object_type, @objectId AS object_id, @success AS success, @before AS before, @after AS after,
      last.prev AS prev_hash
    FROM last
  )
  INSERT INTO audit_events (${contentList}, prev_hash, hash)
  SELECT ${contentList}, prev_hash, audit_row_hash(prev_hash, ${contentList}) FROM row`

const statements = new WeakMap<Database.Database, Database.Statement>()

/** Appends one row to the chain; the caller holds the write transaction, so no other row slips in between. */
export async function appendAuditRow(connection: SqliteSession | PgSession, row: AuditRow): Promise<void> {
  if (connection.dialect === 'pg') {
    // The same chain, written by PostgreSQL's `audit_append` (migrations/pg/0001_triggers.sql).
    const { userId, username, ip, action, objectType, objectId, success, before, after } = row
    await connection.run('SELECT audit_append(?, ?, ?, ?, ?, ?, ?, ?, ?)', [userId, username, ip, action, objectType, objectId, success, before, after])
    return
  }
  await connection.statement((sqlite) => {
    let insert = statements.get(sqlite)
    if (!insert) statements.set(sqlite, (insert = sqlite.prepare(appendSql)))
    insert.run({ ...row, success: row.success ? 1 : 0 })
  })
}

/**
 * Seals the rows written before the chain existed, in the `migrateDatabase` call that applied
 * migration 0008 (a new database: no rows), and records that it did and the key's fingerprint in the
 * same transaction. Never again: once the marker is there, or once any row is sealed, it does
 * nothing, so rows someone later strips of their hashes stay broken.
 */
export function sealAuditLog(sqlite: Database.Database): number {
  if (!hasAuditChain(sqlite)) return 0
  return sqlite.transaction(() => {
    if (setting(sqlite, SEALED) !== undefined || sqlite.prepare('SELECT 1 FROM audit_events WHERE hash IS NOT NULL LIMIT 1').get()) return 0
    const ids = sqlite.prepare('SELECT id FROM audit_events ORDER BY id').pluck().all() as number[]
    const seal = sqlite.prepare(`
      UPDATE audit_events SET
        prev_hash = (SELECT hash FROM audit_events p WHERE p.id < audit_events.id ORDER BY p.id DESC LIMIT 1),
        hash = audit_row_hash((SELECT hash FROM audit_events p WHERE p.id < audit_events.id ORDER BY p.id DESC LIMIT 1), ${contentList})
      WHERE id = ?`)
    for (const id of ids) seal.run(id)
    recordSetting(sqlite, SEALED, { at: new Date().toISOString(), rows: ids.length })
    recordAuditKey(sqlite)
    return ids.length
  }).immediate()
}

/** The triggers that keep the log append-only; a missing or altered one means the file was changed. */
export const AUDIT_TRIGGERS = ['audit_events_append_only', 'audit_events_no_update', 'audit_events_no_delete'] as const
/** PostgreSQL's, which also has TRUNCATE to refuse (`migrations/pg/0001_triggers.sql`). */
const PG_AUDIT_TRIGGERS = [...AUDIT_TRIGGERS, 'audit_events_no_truncate'] as const

/** How many broken rows the verify step names; it counts them all. */
export const BROKEN_ROWS_LISTED = 100

export interface BrokenRow {
  id: number
  reason: string
}

export interface AuditChainState {
  /** Rows checked. */
  rows: number
  /** The newest row: note its id and hash elsewhere, so a cut-off tail is found too. */
  head: { id: number; hash: string | null } | null
  /** The first row that does not continue the chain, and why; null when the whole chain holds. */
  broken: BrokenRow | null
  /** Every row that does not continue the chain, the first BROKEN_ROWS_LISTED of them: one harmless break does not hide later ones. */
  brokenRows: BrokenRow[]
  brokenCount: number
  /** Triggers missing from the schema. */
  missingTriggers: string[]
  /** Whether the hashes are keyed: without AUDIT_HMAC_KEY, whoever can change the file can recompute the whole chain. */
  keyed: boolean
}

interface ChainRow {
  id: number
  at: string
  prev_hash: string | null
  hash: string | null
  expected: string
}

/** Why `r` does not continue the chain after `last`, or null when it does. */
function breakOf(r: ChainRow, last: ChainRow | null): string | null {
  if (r.hash === null) return '该行没有哈希（未入链）'
  if (r.prev_hash !== (last?.hash ?? null)) return last ? `前一行（#${last.id}）的哈希与本行记录的不符：其间的行被删除、插入或改动` : '首行不应有前序哈希'
  if (r.id !== (last ? last.id + 1 : 1)) return last ? `编号不连续：前一行是 #${last.id}，其间的行被删除` : '首行编号应为 1'
  if (last && r.at < last.at) return `时间早于前一行（#${last.id}，${last.at}）`
  if (r.hash !== r.expected) return '本行内容与其哈希不符：该行被改动，或 AUDIT_HMAC_KEY 与写入时不同'
  return null
}

/** Names every row of the chain (in id order) that breaks it, each judged against the row stored before it. */
function walkChain(rows: Iterable<ChainRow>, missingTriggers: string[], keyed: boolean): AuditChainState {
  let count = 0
  let last: ChainRow | null = null
  const brokenRows: BrokenRow[] = []
  let brokenCount = 0
  for (const r of rows) {
    count++
    const reason = breakOf(r, last)
    if (reason !== null && ++brokenCount <= BROKEN_ROWS_LISTED) brokenRows.push({ id: r.id, reason })
    last = r
  }
  const head = last && { id: last.id, hash: last.hash }
  return { rows: count, head, broken: brokenRows[0] ?? null, brokenRows, brokenCount, missingTriggers, keyed }
}

const chainSql = `SELECT id, at, prev_hash, hash, audit_row_hash(prev_hash, ${contentList}) AS expected FROM audit_events ORDER BY id`

/** Walks the whole chain of a SQLite file (the product's connection, or `openAuditReadOnly`'s). */
export function verifyAuditChain(sqlite: Database.Database): AuditChainState {
  const present = new Set(sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_events'").pluck().all() as string[])
  const rows = sqlite.prepare(chainSql).iterate() as IterableIterator<ChainRow>
  return walkChain(rows, AUDIT_TRIGGERS.filter((t) => !present.has(t)), Boolean(connectionKeys.get(sqlite)))
}

/**
 * Walks the whole chain of the product's database. On PostgreSQL the hashes are computed by the
 * database (`audit_row_hash` with the connection's key), and a trigger that is disabled counts as
 * missing. SQLite blocks the connection meanwhile; PostgreSQL reads the rows in one statement.
 */
export async function verifyAuditChainOf(connection: SqliteSession | PgSession): Promise<AuditChainState> {
  if (connection.dialect === 'sqlite') return await connection.statement(verifyAuditChain)
  const present = new Set(
    (
      await connection.all<{ name: string }>("SELECT tgname AS name FROM pg_trigger WHERE tgrelid = 'audit_events'::regclass AND NOT tgisinternal AND tgenabled <> 'D'")
    ).map((t) => t.name),
  )
  const key = await connection.get<{ keyed: boolean }>("SELECT coalesce(current_setting('fazhi.audit_key', true), '') <> '' AS keyed")
  return walkChain(await connection.all<ChainRow>(chainSql), PG_AUDIT_TRIGGERS.filter((t) => !present.has(t)), key!.keyed)
}
