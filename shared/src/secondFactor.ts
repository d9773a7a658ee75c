import { z } from 'zod'
import { SECOND_FACTOR_MODES, type SecondFactorMode } from './permissions'

/** The issuer an authenticator app shows beside the account's name. */
export const TOTP_ISSUER = '法治督察看板'
/** How many one-time recovery codes (恢复码) an enrolment hands out. */
export const RECOVERY_CODE_COUNT = 10

/** A second-factor code: the 6 digits of the authenticator app, or a recovery code. */
export const TotpCodeBody = z.object({ code: z.string().trim().min(1, '请输入验证码').max(64, '验证码过长') })
export type TotpCodeBody = z.infer<typeof TotpCodeBody>

/** A new secret to enrol: base32 for manual entry, its otpauth:// URI, and the URI as a QR image (data: URL). */
export const TotpEnrolment = z.object({ secret: z.string(), uri: z.string(), qr: z.string() })
export type TotpEnrolment = z.infer<typeof TotpEnrolment>

/** The recovery codes of a confirmed enrolment: shown once, stored only as hashes. */
export const RecoveryCodes = z.object({ recoveryCodes: z.array(z.string()) })
export type RecoveryCodes = z.infer<typeof RecoveryCodes>

export const SecuritySettings = z.object({ secondFactor: z.enum(SECOND_FACTOR_MODES) })
export type SecuritySettings = z.infer<typeof SecuritySettings>

export const SECOND_FACTOR_MODE_LABELS: Record<SecondFactorMode, string> = {
  off: '关闭',
  privileged: '管理类账户必须（依法治县办、三员）',
  all: '所有账户必须',
}
