import { randomInt } from 'node:crypto'
import { RECOVERY_CODE_COUNT, TOTP_ISSUER, type PendingFactor, type User } from '@fazhi/shared'
import { Secret, TOTP } from 'otpauth'
import QRCode from 'qrcode'
import type { AuditedTransaction } from '../../db/transaction'
import { badRequest, conflict, unauthorized } from '../../errors'
import type { Actor } from '../../lib/actor'
import type { CredentialAttempts } from './attempts'
import { sessionIdOf, sha256, type AuthService } from './service'
import type { TotpRepository } from './totp-repository'

/** RFC 6238 with the parameters every authenticator app assumes: SHA-1, 6 digits, 30 s. */
const totpOf = (secret: string, label = '') =>
  new TOTP({ issuer: TOTP_ISSUER, label, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) })

const TOTP_CODE = /^\d{6}$/
/** Recovery codes avoid letters and digits that are read alike (0/o, 1/l/i). */
const RECOVERY_ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz'
const RECOVERY_LENGTH = 10

const compact = (code: string) => code.replace(/[\s-]/g, '').toLowerCase()

/** The time step a 6-digit code belongs to, one step of clock drift either way allowed; null when it is wrong. */
function stepOf(secret: string, code: string, at: Date): number | null {
  const totp = totpOf(secret)
  const delta = totp.validate({ token: code, timestamp: at.getTime(), window: 1 })
  return delta === null ? null : totp.counter({ timestamp: at.getTime() }) + delta
}

function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: RECOVERY_LENGTH }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join('')
    return `${chars.slice(0, 5)}-${chars.slice(5)}`
  })
}
const recoveryHash = (code: string) => sha256(`recovery:${compact(code)}`)

export interface TotpDeps {
  repo: TotpRepository
  transaction: AuditedTransaction
  attempts: CredentialAttempts
  auth: Pick<AuthService, 'completeSession'>
  clock: () => Date
}

/** The session a request came with: its token, its browser and what it still needs. */
export interface CurrentSession {
  token: string
  userAgent: string | undefined
  pendingFactor: PendingFactor | null
}

/**
 * The second factor (TOTP, RFC 6238): enrolment by QR code with recovery codes, and the code that
 * completes a login. Every code check counts against the account's failure counter (`attempts.ts`).
 */
export function totpService({ repo, transaction, attempts, auth, clock }: TotpDeps) {
  async function factorsOf(user: User) {
    const row = await repo.factorsOf(user.id)
    if (!row) throw unauthorized()
    return row
  }
  const alreadyEnrolled = () => conflict('该账户已启用双因素认证；如需重新设置，请联系安全保密管理员重置')

  return {
    /** A new secret to scan; it replaces any earlier unconfirmed one and counts once confirmed by `enrol`. */
    async enrolment(actor: Actor) {
      if ((await factorsOf(actor.user)).secret) throw alreadyEnrolled()
      const secret = new Secret({ size: 20 }).base32
      await transaction(actor, async (audit) => {
        await repo.setFactors(actor.user.id, { totpPendingSecret: secret })
        await audit({ action: 'totp.enrolment', objectType: 'user', objectId: actor.user.id })
      })
      const uri = totpOf(secret, actor.user.username).toString()
      return { secret, uri, qr: await QRCode.toDataURL(uri, { errorCorrectionLevel: 'M', margin: 1, width: 220 }) }
    },

    /**
     * Confirms the pending secret with a code from the app and hands out the recovery codes (only
     * their hashes are kept). A session that waited for this enrolment becomes full under a new token.
     */
    async enrol(actor: Actor, session: CurrentSession, code: string) {
      const { pendingSecret, secret } = await factorsOf(actor.user)
      if (secret) throw alreadyEnrolled()
      if (!pendingSecret) throw conflict('请先扫描二维码，再输入验证码')
      const recoveryCodes = newRecoveryCodes()
      let token: string | null = null
      const ok = await attempts.check(actor, actor.user, 'totp.enrol', 'wrong code', async () =>
        transaction(actor, async (audit) => {
          const now = await factorsOf(actor.user)
          // A parallel enrolment or a new QR code won meanwhile.
          if (now.secret) throw alreadyEnrolled()
          if (now.pendingSecret !== pendingSecret) throw conflict('二维码已更新，请重新扫描后再输入验证码')
          const step = TOTP_CODE.test(compact(code)) ? stepOf(pendingSecret, compact(code), clock()) : null
          if (step === null) return false
          await repo.setFactors(actor.user.id, { totpSecret: pendingSecret, totpPendingSecret: null, totpLastStep: step, recoveryCodes: recoveryCodes.map(recoveryHash) })
          const completed = session.pendingFactor ? await auth.completeSession(session.token, actor.user.id, actor.ip, session.userAgent) : null
          token = completed?.token ?? null
          const ended = completed && completed.endedSessions.length > 0 ? { endedSessions: completed.endedSessions } : {}
          await audit({ action: 'totp.enrol', objectType: 'user', objectId: actor.user.id, after: { recoveryCodes: recoveryCodes.length, ...ended } })
          return true
        }),
        { completes: true, sessionId: sessionIdOf(session.token) },
      )
      if (!ok) throw badRequest('验证码不正确，请核对手机上身份验证器显示的 6 位数字后重试')
      return { recoveryCodes, token }
    },

    /**
     * Completes a login with a 6-digit code (never one of a step already used) or a recovery code
     * (removed once used). Returns the new session token: the pending one ends.
     */
    async verify(actor: Actor, session: CurrentSession, code: string): Promise<string> {
      if (session.pendingFactor !== 'verify') throw conflict('本次登录无需再输入动态验证码')
      let token = ''
      const ok = await attempts.check(actor, actor.user, 'login.second-factor', 'wrong or used code', async () =>
        transaction(actor, async (audit) => {
          const row = await factorsOf(actor.user)
          if (!row.secret) throw unauthorized('双因素认证已被重置，请重新登录')
          const given = compact(code)
          let used: Record<string, unknown>
          if (TOTP_CODE.test(given)) {
            const step = stepOf(row.secret, given, clock())
            if (step === null || (row.lastStep !== null && step <= row.lastStep)) return false
            await repo.setFactors(row.id, { totpLastStep: step })
            used = { method: 'totp' }
          } else {
            const remaining = row.recoveryCodes.filter((hash) => hash !== recoveryHash(given))
            if (remaining.length === row.recoveryCodes.length) return false
            await repo.setFactors(row.id, { recoveryCodes: remaining })
            used = { method: 'recovery code', remaining: remaining.length }
          }
          const completed = await auth.completeSession(session.token, row.id, actor.ip, session.userAgent)
          token = completed.token
          const ended = completed.endedSessions.length > 0 ? { endedSessions: completed.endedSessions } : {}
          await audit({ action: 'login.second-factor', objectType: 'user', objectId: row.id, after: { ...used, ...ended } })
          return true
        }),
        { completes: true, sessionId: sessionIdOf(session.token) },
      )
      if (!ok) throw badRequest('验证码不正确或已使用过，请输入身份验证器上的最新验证码')
      return token
    },
  }
}
export type TotpService = ReturnType<typeof totpService>
