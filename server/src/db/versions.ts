import { type ChangedBy, chinaDateTime } from '@fazhi/shared'
import { and, desc, eq } from 'drizzle-orm'
import { conflict } from '../errors'
import type { Db } from './client'
import { auditEvents, users } from './schema'

/** Who last changed an audited object, and when: the newest successful audit row naming it. */
export async function lastEditorOf(db: Db, objectType: string, objectId: string | number): Promise<ChangedBy | null> {
  const row = (await db
    .select({ userId: auditEvents.userId, name: users.displayName, username: auditEvents.username, at: auditEvents.at })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.userId))
    .where(and(eq(auditEvents.objectType, objectType), eq(auditEvents.objectId, String(objectId)), eq(auditEvents.success, true)))
    .orderBy(desc(auditEvents.id))
    .limit(1))[0]
  return row ? { userId: row.userId, name: row.name ?? row.username, at: row.at } : null
}

/** The 409 of a stale edit: its message, and `changedBy` for the client (its own other window, or someone else). */
export const staleEdit = (message: string, changedBy: ChangedBy | null) => conflict(message, { changedBy })

export interface VersionedRecord {
  version: number
  /** The record as the audit log names it. */
  objectType: string
  objectId: string | number
  /** What the user calls it, for the message: 整改事项, 台账记录, 账户, 填报周期. */
  noun: string
}

/**
 * Optimistic concurrency for an edit based on version `expected` of `record`: a stale one is a 409
 * that names who changed the record since, and when. Call it inside the edit's transaction, before
 * any write: the transaction is IMMEDIATE, so nothing can change between this check and the write,
 * which bumps the version.
 */
export type VersionGuard = (record: VersionedRecord, expected: number) => Promise<void>

export const versionGuard =
  (db: Db): VersionGuard =>
  async (record, expected) => {
    if (record.version === expected) return
    const last = await lastEditorOf(db, record.objectType, record.objectId)
    const who = last?.name ? ` ${last.name} ` : '他人'
    const when = last ? `于 ${chinaDateTime(last.at)} ` : ''
    throw staleEdit(`该${record.noun}已被${who}${when}修改，请刷新后再保存`, last)
  }
