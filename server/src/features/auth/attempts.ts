import { chinaDateTimeSeconds, type User } from '@fazhi/shared'
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

/**
 * Every check of a credential (password at login, current password on change, second-factor code)
 * counts against the account's one failure counter. The attempt is reserved atomically before the
 * check runs (`failed_logins + 1` in one UPDATE that also sets the lock at the fifth), so parallel
 * requests can never check more than five times per lockout: the old read-check-write let nine
 * parallel wrong passwords count as one.
 */
export function credentialAttempts(repo: AuthRepository, transaction: AuditedTransaction, clock: () => Date) {
  /** A username without an account reserves on its throttle row: the same write, the same lock. */
  function reserve(who: Attempted, now: Date) {
    const lockUntil = new Date(now.getTime() + LOCKOUT_MS)
    if (who.id !== null) return repo.reserveAttempt(who.id, now, lockUntil, MAX_FAILED_ATTEMPTS)
    return repo.reserveUnknownAttempt(who.username, now, lockUntil, MAX_FAILED_ATTEMPTS, new Date(now.getTime() - UNKNOWN_USERNAME_KEEP_MS), UNKNOWN_USERNAME_ROWS)
  }

  return {
    /**
     * Reserves one attempt for `who`, runs `check`, and records the outcome: a success clears the
     * counter; a failure is audited as `action` (success false, with `reason`), and the fifth locks
     * the account (or the unknown username) for 15 minutes (audited `lockout`; the account's sessions
     * end). A locked one answers 423 without checking. Returns whether the check passed; the caller
     * answers a failure its own way.
     */
    async check(actor: Actor<User | null>, who: Attempted, action: string, reason: string, check: () => Promise<boolean>): Promise<boolean> {
      const now = clock()
      const reserved = reserve(who, now)
      if (reserved === undefined) {
        const until = who.id === null ? repo.unknownLockedUntil(who.username) : repo.lockedUntil(who.id)
        transaction(actor, (audit) => audit({ action, success: false, as: who, after: { reason: 'locked' } }))
        throw lockedError(until ? new Date(until) : new Date(now.getTime() + LOCKOUT_MS))
      }
      const ok = await check()
      if (ok && who.id !== null) {
        repo.clearAttempts(who.id)
        return true
      }
      // The failure is committed before throwing: a throw inside the transaction would roll it back.
      transaction(actor, (audit) => {
        audit({ action, success: false, as: who, after: { reason: who.id === null ? 'unknown user' : reason } })
        if (reserved.lockedUntil) {
          if (who.id !== null) repo.deleteSessionsOf(who.id)
          audit({ action: 'lockout', objectType: 'user', objectId: who.id ?? undefined, as: who, after: { lockedUntil: reserved.lockedUntil } })
        }
      })
      if (reserved.lockedUntil) throw lockedError(new Date(reserved.lockedUntil))
      return false
    },
  }
}
export type CredentialAttempts = ReturnType<typeof credentialAttempts>
