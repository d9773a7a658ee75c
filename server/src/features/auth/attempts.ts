import { chinaDateTimeSeconds, type User } from '@fazhi/shared'
import type { AuditedTransaction } from '../../db/transaction'
import { AppError } from '../../errors'
import type { Actor } from '../../lib/actor'
import type { AuthRepository } from './repository'

export const MAX_FAILED_ATTEMPTS = 5
export const LOCKOUT_MS = 15 * 60_000

export const lockedError = (until: Date) => new AppError(423, 'Locked', `验证失败次数过多，账户已锁定，请于 ${chinaDateTimeSeconds(until)} 后再试`)

/** The account a credential check is about, or the username tried when there is no such account. */
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
  return {
    /**
     * Reserves one attempt for `who`, runs `check`, and records the outcome: a success clears the
     * counter; a failure is audited as `action` (success false, with `reason`), and the fifth locks
     * the account for 15 minutes (audited `lockout`; its sessions end). A locked account answers 423
     * without checking. Returns whether the check passed; the caller answers a failure its own way.
     */
    async check(actor: Actor<User | null>, who: Attempted, action: string, reason: string, check: () => Promise<boolean>): Promise<boolean> {
      const now = clock()
      const reserved = who.id === null ? null : repo.reserveAttempt(who.id, now, new Date(now.getTime() + LOCKOUT_MS), MAX_FAILED_ATTEMPTS)
      if (reserved === undefined) {
        const until = repo.lockedUntil(who.id!)
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
        if (reserved?.lockedUntil) {
          repo.deleteSessionsOf(who.id!)
          audit({ action: 'lockout', objectType: 'user', objectId: who.id!, as: who, after: { lockedUntil: reserved.lockedUntil } })
        }
      })
      if (reserved?.lockedUntil) throw lockedError(new Date(reserved.lockedUntil))
      return false
    },
  }
}
export type CredentialAttempts = ReturnType<typeof credentialAttempts>
