import { createHmac } from 'node:crypto'
import type Database from 'better-sqlite3'

/**
 * The audit log's tamper evidence: each row carries the hash of the row before it (`prev_hash`) and
 * its own `hash`, an HMAC-SHA256 keyed with AUDIT_HMAC_KEY over the row's stored content and
 * `prev_hash`. The database computes it through `audit_row_hash`, registered on every connection
 * the product opens, and its triggers (migration 0008) refuse a row that does not continue the
 * chain, any update but the one-time sealing of rows written before the chain, and any delete.
 * What someone with the file changes is found by `verifyAuditChain` (`npm run audit:verify`).
 */

/** The row's columns in the order the hash covers them (the triggers name the same list). */
const CONTENT = ['id', 'at', 'user_id', 'username', 'ip', 'action', 'object_type', 'object_id', 'success', 'before', 'after'] as const
const contentList = CONTENT.join(', ')

type Cell = string | number | bigint | null

/** Connections whose chain is keyed (AUDIT_HMAC_KEY set): the audit page and `audit:verify` say when it is not. */
const keyedConnections = new WeakSet<Database.Database>()

export function registerAuditChain(sqlite: Database.Database, key: string): void {
  if (key) keyedConnections.add(sqlite)
  sqlite.function('audit_row_hash', { deterministic: true, varargs: true }, (...args: unknown[]) =>
    createHmac('sha256', key)
      .update(JSON.stringify((args as Cell[]).map((v) => (typeof v === 'bigint' ? Number(v) : v))))
      .digest('hex'),
  )
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
  WITH last AS (SELECT coalesce(max(id), 0) + 1 AS id, (SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1) AS prev FROM audit_events),
  row AS (
    SELECT last.id AS id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at, @userId AS user_id, @username AS username, @ip AS ip,
      @action AS action, @objectType AS object_type, @objectId AS object_id, @success AS success, @before AS before, @after AS after,
      last.prev AS prev_hash
    FROM last
  )
  INSERT INTO audit_events (${contentList}, prev_hash, hash)
  SELECT ${contentList}, prev_hash, audit_row_hash(prev_hash, ${contentList}) FROM row`

const statements = new WeakMap<Database.Database, Database.Statement>()

/** Appends one row to the chain; the caller holds the write transaction, so no other row slips in between. */
export function appendAuditRow(sqlite: Database.Database, row: AuditRow): void {
  let insert = statements.get(sqlite)
  if (!insert) statements.set(sqlite, (insert = sqlite.prepare(appendSql)))
  insert.run({ ...row, success: row.success ? 1 : 0 })
}

/**
 * Seals, once, the rows written before the chain existed (a database upgraded to migration 0008;
 * nothing before it):
 * only while no row is sealed yet, so rows slipped in later are never blessed.
 */
export function sealAuditLog(sqlite: Database.Database): number {
  const chained = (sqlite.pragma('table_info(audit_events)') as { name: string }[]).some((c) => c.name === 'hash')
  if (!chained) return 0
  return sqlite.transaction(() => {
    if (sqlite.prepare('SELECT 1 FROM audit_events WHERE hash IS NOT NULL LIMIT 1').get()) return 0
    const ids = sqlite.prepare('SELECT id FROM audit_events ORDER BY id').pluck().all() as number[]
    const seal = sqlite.prepare(`
      UPDATE audit_events SET
        prev_hash = (SELECT hash FROM audit_events p WHERE p.id < audit_events.id ORDER BY p.id DESC LIMIT 1),
        hash = audit_row_hash((SELECT hash FROM audit_events p WHERE p.id < audit_events.id ORDER BY p.id DESC LIMIT 1), ${contentList})
      WHERE id = ?`)
    for (const id of ids) seal.run(id)
    return ids.length
  }).immediate()
}

/** The triggers that keep the log append-only; a missing or altered one means the file was changed. */
export const AUDIT_TRIGGERS = ['audit_events_append_only', 'audit_events_no_update', 'audit_events_no_delete'] as const

export interface AuditChainState {
  /** Rows checked. */
  rows: number
  /** The newest row: note its id and hash elsewhere, so a cut-off tail is found too. */
  head: { id: number; hash: string | null } | null
  /** The first row that does not continue the chain, and why; null when the whole chain holds. */
  broken: { id: number; reason: string } | null
  /** Triggers missing from the schema. */
  missingTriggers: string[]
  /** Whether the hashes are keyed: without AUDIT_HMAC_KEY, whoever can change the file can recompute the whole chain. */
  keyed: boolean
}

/** Walks the whole chain in id order and names the first row that breaks it. */
export function verifyAuditChain(sqlite: Database.Database): AuditChainState {
  const present = new Set(sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_events'").pluck().all() as string[])
  const missingTriggers = AUDIT_TRIGGERS.filter((t) => !present.has(t))
  const rows = sqlite.prepare(`SELECT id, prev_hash, hash, audit_row_hash(prev_hash, ${contentList}) AS expected FROM audit_events ORDER BY id`).iterate() as IterableIterator<{
    id: number
    prev_hash: string | null
    hash: string | null
    expected: string
  }>
  let count = 0
  let last: { id: number; hash: string | null } | null = null
  let broken: AuditChainState['broken'] = null
  for (const r of rows) {
    count++
    if (!broken) {
      if (r.hash === null) broken = { id: r.id, reason: '该行没有哈希（未入链）' }
      else if (r.prev_hash !== (last?.hash ?? null)) broken = { id: r.id, reason: last ? `前一行（#${last.id}）的哈希与本行记录的不符：其间的行被删除、插入或改动` : '首行不应有前序哈希' }
      else if (r.hash !== r.expected) broken = { id: r.id, reason: '本行内容与其哈希不符：该行被改动，或 AUDIT_HMAC_KEY 与写入时不同' }
    }
    last = { id: r.id, hash: r.hash }
  }
  return { rows: count, head: last, broken, missingTriggers, keyed: keyedConnections.has(sqlite) }
}
