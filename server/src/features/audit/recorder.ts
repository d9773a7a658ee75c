import type { User } from '@fazhi/shared'
import type { FastifyRequest } from 'fastify'
import type { Db } from '../../db/client'
import { auditEvents } from '../../db/schema'

export interface AuditEntry {
  action: string
  objectType?: string
  objectId?: string | number
  success?: boolean
  before?: unknown
  after?: unknown
  /** Who acted, when not the request's logged-in user (e.g. a failed login names the username tried). */
  actor?: Pick<User, 'id' | 'username'> | { id: null; username: string }
}

/**
 * Appends one audit event: who, when, from which address, what, on which object, before and after.
 * Call it inside the same transaction as the change it records, so neither exists without the other.
 */
export function recordAudit(db: Db, req: FastifyRequest, entry: AuditEntry): void {
  appendAudit(db, req.ip, { ...entry, actor: entry.actor ?? req.user ?? undefined })
}

/** The same, outside an HTTP request (command-line tools). */
export function appendAudit(db: Db, ip: string | null, entry: AuditEntry): void {
  const { actor } = entry
  db.insert(auditEvents)
    .values({
      userId: actor?.id ?? null,
      username: actor?.username ?? null,
      ip,
      action: entry.action,
      objectType: entry.objectType ?? null,
      objectId: entry.objectId === undefined ? null : String(entry.objectId),
      success: entry.success ?? true,
      before: entry.before ?? null,
      after: entry.after ?? null,
    })
    .run()
}
