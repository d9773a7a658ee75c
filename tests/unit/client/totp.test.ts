import { describe, expect, it } from 'vitest'
import { recoveryCodesFileName, recoveryCodesText, secretGroups, totpDigits } from '../../../client/src/features/auth/totp'

describe('the enrolment page helpers', () => {
  it('shows the secret in groups of four for manual entry', () => {
    expect(secretGroups('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP')).toBe('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP')
    expect(secretGroups('ABCDEF')).toBe('ABCD EF')
    expect(secretGroups('')).toBe('')
  })

  it('keeps only the digits of a typed code, at most six', () => {
    expect(totpDigits('123 456')).toBe('123456')
    expect(totpDigits('12a3-4')).toBe('1234')
    expect(totpDigits('12345678')).toBe('123456')
  })

  it('writes the recovery codes one a line under what they are for, named for the account', () => {
    const text = recoveryCodesText('office', ['abcde-fghjk', 'mnpqr-stuvw'], '2026-11-30 10:00')
    const lines = text.split('\r\n')
    expect(lines[0]).toBe('法治督察看板 双因素认证恢复码')
    expect(lines).toContain('账户：office')
    expect(lines).toContain('生成时间：2026-11-30 10:00')
    expect(lines.slice(-3, -1)).toEqual(['abcde-fghjk', 'mnpqr-stuvw'])
    expect(recoveryCodesFileName('office')).toBe('法治督察看板-恢复码-office.txt')
  })
})
