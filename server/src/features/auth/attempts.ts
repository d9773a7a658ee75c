import { type AuditAction, chinaDateTimeSeconds, type User } from '@fazhi/shared'
import type { AuditedTransaction } from '../../db/transaction'
import { AppError } from '../../errors'
import type { Actor } from '../../lib/actor'
import type { AuthRepository } from './repository'

export const MAX_FAILED_ATTEMPTS = 5
export const LOCKOUT_MS = 15 * 60_000
/** How long an unknown username's failures are remembered, and how many such usernames at most. */
export const UNKNOWN_USERNAME_KEEP_MS = 24 * 60 * 60_000
export const UNKNOWN_USERNAME_ROWS = 10_000

export const lockedError = (until: Date) => new AppError(423, 'Locked', `验证失败次数过多，账户已锁定，请于 ${chinaDateTimeSeconds(until)} 后再试`)

/** The account a credential check is about, or the username tried when there is no such account (id null). */
export interface Attempted {
  id: number | null
  username: string
}

/** How one check is counted, besides the account and the action. */
export interface CheckOptions {
  /**
   * Whether a passed check ends the guessing and clears the count. A login that still waits for its
   * second factor passes the password but only gives its own attempt back: clearing would let wrong
   * codes between password logins go on for ever without a lock.
   */
  completes: boolean
  /**
   * The session the check came from (password change, a pending second factor): a lockout ends it.
   * A check at the login form names none, and its lockout ends no session, or anyone could keep an
   * account logged out by typing wrong passwords for it.
   */
  sessionId?: string
}

/**
 * Every check of a credential (password at login, current password on change, second-factor code)
 * counts against the account's one failure counter. The attempt is reserved atomically before the
 * check runs (`failed_logins + 1` in one UPDATE that also sets the lock at the fifth), so parallel
 * requests can never check more than five times per lockout: the old read-check-write let nine
 * parallel wrong passwords count as one.
 *
 * Within one process the checks of one account (or unknown username) also run one after another,
 * so parallel checks end as some serial order of them would. Reserved in parallel, the fifth
 * reservation would lock the account even when an earlier one was the right code that clears the
 * count (one code from five pending sessions: four wrong, one right, and a 423). SQLite's one
 * connection happened to run such checks one by one; PostgreSQL's pool runs them side by side.
 */
export function credentialAttempts(repo: AuthRepository, transaction: AuditedTransaction, clock: () => Date) {
  /** The last check queued per account (`id:…`) or unknown username (`name:…`), while one runs. */
  const queued = new Map<string, Promise<unknown>>()
  async function oneAtATime<T>(who: Attempted, work: () => Promise<T>): Promise<T> {
    const key = who.id === null ? `name:${who.username}` : `id:${who.id}`
    const mine = (queued.get(key) ?? Promise.resolve()).then(work)
    const settled = mine.catch(() => undefined)
    queued.set(key, settled)
    try {
      return await mine
    } finally {
      if (queued.get(key) === settled) queued.delete(key)
    }
  }

  /** A username without an account reserves on its throttle row: the same write, the same lock. */
  async function reserve(who: Attempted, now: Date) {
    const lockUntil = new Date(now.getTime() + LOCKOUT_MS)
    if (who.id !== null) return await repo.reserveAttempt(who.id, now, lockUntil, MAX_FAILED_ATTEMPTS)
    return await repo.reserveUnknownAttempt(who.username, now, lockUntil, MAX_FAILED_ATTEMPTS, new Date(now.getTime() - UNKNOWN_USERNAME_KEEP_MS), UNKNOWN_USERNAME_ROWS)
  }

  /** One check, reserved, run and recorded: see `check`. */
  async function checkOnce(actor: Actor<User | null>, who: Attempted, action: AuditAction, reason: string, check: () => Promise<boolean>, opts: CheckOptions): Promise<boolean> {
    const now = clock()
    const reserved = await reserve(who, now)
    if (reserved === undefined) {
      const until = who.id === null ? await repo.unknownLockedUntil(who.username) : await repo.lockedUntil(who.id)
      await transaction(actor, (audit) => audit({ action, success: false, as: who, after: { reason: 'locked' } }))
      throw lockedError(until ? new Date(until) : new Date(now.getTime() + LOCKOUT_MS))
    }
    let thrown: AppError | null = null
    let ok = false
    try {
      ok = await check()
    } catch (err) {
      if (!(err instanceof AppError)) throw err
      thrown = err
    }
    if (ok && who.id !== null) {
      if (opts.completes) await repo.clearAttempts(who.id)
      else await repo.releaseAttempt(who.id, reserved.lockedUntil)
      return true
    }
    // The failure is committed before throwing: a throw inside the transaction would roll it back.
    await transaction(actor, async (audit) => {
      await audit({ action, success: false, as: who, after: { reason: who.id === null ? 'unknown user' : (thrown?.message ?? reason) } })
      if (reserved.lockedUntil) {
        const endedSessions = opts.sessionId ? await repo.deleteSession(opts.sessionId) : []
        await audit({ action: 'lockout', objectType: 'user', objectId: who.id ?? undefined, as: who, after: { lockedUntil: reserved.lockedUntil, ...(endedSessions.length > 0 && { endedSessions }) } })
      }
    })
    if (reserved.lockedUntil) throw lockedError(new Date(reserved.lockedUntil))
    if (thrown) throw thrown
    return false
  }

  return {
    /**
     * Reserves one attempt for `who`, runs `check`, and records the outcome: a passed check that
     * `completes` the login clears the counter, any other passed check gives its attempt back; a
     * failure is audited as `action` (success false, with `reason`), and the fifth locks the account (or the unknown username) for 15 minutes (audited
     * `lockout`; the session the check came from ends). A check that throws (a refusal of the
     * account's state found inside it) is audited and counted like a failure, then its error goes on.
     * A locked one answers 423 without checking. The checks of one account queue (see above). Returns
     * whether the check passed; the caller answers a failure its own way.
     */
    check(actor: Actor<User | null>, who: Attempted, action: AuditAction, reason: string, check: () => Promise<boolean>, opts: CheckOptions): Promise<boolean> {
      return oneAtATime(who, () => checkOnce(actor, who, action, reason, check, opts))
    },
  }
}
export type CredentialAttempts = ReturnType<typeof credentialAttempts>
