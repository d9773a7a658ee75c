import { TOTP_ISSUER } from '@fazhi/shared'

/** The base32 secret in groups of four, easier to type into an authenticator app by hand. */
export const secretGroups = (secret: string): string => secret.match(/.{1,4}/g)?.join(' ') ?? ''

/** The digits of a 6-digit code as typed (spaces and other characters dropped). */
export const totpDigits = (input: string): string => input.replace(/\D/g, '').slice(0, 6)

export const recoveryCodesFileName = (username: string): string => `${TOTP_ISSUER}-恢复码-${username}.txt`

/** The recovery codes as the .txt file the user downloads: what they are for, and one code a line. */
export function recoveryCodesText(username: string, codes: readonly string[], issuedAt: string): string {
  return [
    `${TOTP_ISSUER} 双因素认证恢复码`,
    `账户：${username}`,
    `生成时间：${issuedAt}`,
    '',
    '手机丢失或无法使用身份验证器时，可用以下任一恢复码代替动态验证码登录。',
    '每个恢复码只能使用一次。请妥善保管，不要与他人分享。',
    '',
    ...codes,
    '',
  ].join('\r\n')
}
