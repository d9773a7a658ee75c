import type { FastifyRequest } from 'fastify'
import type { Db } from '../db/client'
import { auditedTransaction, type AuditEntry } from '../db/transaction'
import { requestActor } from './actor'

/**
 * Records a security event that changes nothing else (a refused request, a rate limit, a refused
 * upload) as one audit row of its own, naming the caller if logged in and their address. A failing
 * audit write is logged, never turns the refusal it records into a 500.
 */
export function securityEvent(db: Db, req: FastifyRequest, entry: AuditEntry): void {
  try {
    auditedTransaction(db)(requestActor(req), (audit) => audit({ success: false, ...entry }))
  } catch (err) {
    req.log.error({ err, reqId: req.id, action: entry.action }, 'security event not audited')
  }
}
