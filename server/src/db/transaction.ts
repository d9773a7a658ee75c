import type { AuditAction, User } from '@fazhi/shared'
import type { Actor } from '../lib/actor'
import { appendAuditRow } from './audit-chain'
import type { Db } from './client'

export interface AuditEntry {
  /** Labelled for the auditor in shared `AUDIT_ACTION_LABELS`. */
  action: AuditAction
  objectType?: string
  objectId?: string | number
  success?: boolean
  before?: unknown
  after?: unknown
  /** Whom the row names instead of the actor: a login attempt names the account (or username) tried. */
  as?: { id: number | null; username: string }
}

const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v))

/** Appends one audit row to the transaction it is handed to. */
export type Audit = (entry: AuditEntry) => Promise<void>

export type AuditedTransaction = <T>(actor: Actor<User | null>, work: (audit: Audit) => Promise<T> | T) => Promise<T>

/**
 * The one way to change data: runs `work` in one IMMEDIATE transaction and appends the audit rows
 * it records (who, when, from which address, what, on which object, before and after) inside it,
 * so a change never exists without its record, nor a record without its change; a throw rolls both back.
 * Every query made through `db` inside `work`, in its async context, belongs to the transaction, and
 * no other request's query runs in the middle of it (`sqlite-session.ts`, `pg-session.ts`). IMMEDIATE takes the write
 * lock up front, so a second process cannot make it fail half-way. Each row continues the log's hash
 * chain (`audit-chain.ts`). Hash passwords and read uploads before calling this: the transaction
 * holds the database while `work` runs.
 */
export function auditedTransaction(db: Db): AuditedTransaction {
  return (actor, work) =>
    db.connection.transaction(() =>
      work(async (entry) => {
        const who = entry.as ?? actor.user ?? (actor.name ? { id: null, username: actor.name } : undefined)
        await appendAuditRow(db.connection, {
          userId: who?.id ?? null,
          username: who?.username ?? null,
          ip: actor.ip,
          action: entry.action,
          objectType: entry.objectType ?? null,
          objectId: entry.objectId === undefined ? null : String(entry.objectId),
          success: entry.success ?? true,
          before: json(entry.before),
          after: json(entry.after),
        })
      }),
    )
}
