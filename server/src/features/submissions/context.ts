import type { User } from '@fazhi/shared'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Db } from '../../db/client'
import { type AuditEntry, recordAudit } from '../audit/recorder'

/** Who is acting and how their change is audited: services get this, never the HTTP request. */
export interface Actor {
  user: User
  /** Appends an audit event; call it inside the transaction of the change it records. */
  audit(entry: AuditEntry): void
}

export const actorOf = (app: FastifyInstance, req: FastifyRequest): Actor => ({
  user: req.user!,
  audit: (entry) => recordAudit(app.db, req, entry),
})

export type Transaction = <T>(work: () => T) => T

/**
 * Runs `work` in one SQLite transaction. better-sqlite3 has a single connection, so every query made
 * through the app's `db` inside `work` (repositories, audit) belongs to it; a throw rolls it all back.
 * IMMEDIATE takes the write lock up front, so a second process cannot make us fail half-way.
 */
export const transactional =
  (db: Db): Transaction =>
  (work) =>
    db.transaction(() => work(), { behavior: 'immediate' })
