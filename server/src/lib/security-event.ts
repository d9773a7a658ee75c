import type { User } from '@fazhi/shared'
import type { FastifyBaseLogger, FastifyRequest } from 'fastify'
import type { Db } from '../db/client'
import { auditedTransaction, type AuditEntry } from '../db/transaction'
import { requestActor, type Actor } from './actor'

/** One audit row of a refusal. A failing audit write is logged, never turns the refusal it records into a 500. */
async function writeRefusal(db: Db, log: FastifyBaseLogger, actor: Actor<User | null>, entry: AuditEntry): Promise<void> {
  try {
    await auditedTransaction(db)(actor, (audit) => audit({ success: false, ...entry }))
  } catch (err) {
    log.error({ err, action: entry.action }, 'security event not audited')
  }
}

/**
 * Records a security event that changes nothing else (a refused request, a refused upload) as one
 * audit row of its own, naming the caller if logged in and their address.
 */
export async function securityEvent(db: Db, req: FastifyRequest, entry: AuditEntry): Promise<void> {
  await writeRefusal(db, req.log, requestActor(req), entry)
}

interface Window {
  /** Refusals that left their own row so far. */
  written: number
  /** Refusals only counted, and the last of them: the summary row names its caller and route. */
  counted: number
  last: { actor: Actor<User | null>; entry: AuditEntry } | null
  since: string
  timer: NodeJS.Timeout
}

/**
 * Refusals a client can repeat at will (429, 403), recorded in a bounded number of rows: per source
 * (the caller's `key`) and window, the first `allowance` leave a row each, the rest are counted in
 * memory and written as one row (`after.count`, `after.since`, `after.summary`) when the window ends
 * or the app closes. A row without `count` stands for one refusal: the rows add up to all of them.
 */
export function refusalLog(db: Db, log: FastifyBaseLogger, opts: { windowMs: number; allowance: number }) {
  const windows = new Map<string, Window>()
  const close = async (key: string) => {
    const w = windows.get(key)
    if (!w) return
    windows.delete(key)
    clearTimeout(w.timer)
    if (w.last) await writeRefusal(db, log, w.last.actor, { ...w.last.entry, after: { ...(w.last.entry.after as object), count: w.counted, since: w.since, summary: true } })
  }
  return {
    async record(req: FastifyRequest, key: string, entry: AuditEntry): Promise<void> {
      let w = windows.get(key)
      if (!w) {
        w = { written: 0, counted: 0, last: null, since: new Date().toISOString(), timer: setTimeout(() => close(key), opts.windowMs).unref() }
        windows.set(key, w)
      }
      if (w.written < opts.allowance) {
        w.written++
        await securityEvent(db, req, entry)
      } else {
        w.counted++
        w.last = { actor: requestActor(req), entry }
      }
    },
    /** Writes every open window's count now: the app is closing. */
    async flush(): Promise<void> {
      for (const key of [...windows.keys()]) await close(key)
    },
  }
}
