import { changesAccess, passwordPolicyProblem, type AdminUser } from '@fazhi/shared'
import { describe, expect, it } from 'vitest'
import { passwordRules } from '../../../client/src/features/account/policy'
import { describeUserAgent } from '../../../client/src/features/admin/userAgent'
import { accountState, ALL_REGIONS, filterUsers, generatePassword, grantOf, NO_ROLE, regionLabel } from '../../../client/src/features/admin/users'

describe('password policy on the client', () => {
  it('ticks the checklist off as the password grows', () => {
    expect(passwordRules('abc').map((r) => r.met)).toEqual([false, false])
    expect(passwordRules('abcdefgh').map((r) => r.met)).toEqual([true, false])
    expect(passwordRules('Abcdefg1').map((r) => r.met)).toEqual([true, true])
    expect(passwordRules('Abc1')[1].label).toContain('当前 3 类：大写字母、小写字母、数字')
  })

  it('generates initial passwords that meet the policy', () => {
    for (let i = 0; i < 200; i++) expect(passwordPolicyProblem(generatePassword())).toBeNull()
    expect(generatePassword(16)).toHaveLength(16)
  })
})

describe('account list', () => {
  const user = (overrides: Partial<AdminUser>): AdminUser => ({
    id: 1,
    username: 'kjj',
    displayName: '科技局法治联络员',
    role: 'bureau',
    bureauId: 3,
    regionId: null,
    active: true,
    mustChangePassword: false,
    lockedUntil: null,
    hasSecondFactor: false,
    version: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  })
  const now = new Date('2026-03-01T00:00:00.000Z')

  it('shows the most pressing state of an account', () => {
    expect(accountState(user({}), now)).toBe('active')
    expect(accountState(user({ mustChangePassword: true }), now)).toBe('mustChange')
    expect(accountState(user({ mustChangePassword: true, lockedUntil: '2026-03-01T00:10:00.000Z' }), now)).toBe('locked')
    expect(accountState(user({ lockedUntil: '2026-02-28T23:00:00.000Z' }), now)).toBe('active')
    expect(accountState(user({ active: false, lockedUntil: '2026-03-01T00:10:00.000Z' }), now)).toBe('inactive')
  })

  it('filters by role and by part of the username or name', () => {
    const users = [user({ id: 1 }), user({ id: 2, username: 'leader', displayName: '县领导', role: 'leader', bureauId: null })]
    expect(filterUsers(users, { search: '', role: 'leader' }).map((u) => u.id)).toEqual([2])
    expect(filterUsers(users, { search: '科技', role: null }).map((u) => u.id)).toEqual([1])
    expect(filterUsers(users, { search: ' LEAD ', role: null }).map((u) => u.id)).toEqual([2])
    // Accounts the 安全保密管理员 has not granted a role yet (未授权) have their own filter.
    const fresh = user({ id: 3, username: 'new', role: null, bureauId: null })
    expect(filterUsers([...users, fresh], { search: '', role: NO_ROLE }).map((u) => u.id)).toEqual([3])
    expect(filterUsers([...users, fresh], { search: '', role: 'leader' }).map((u) => u.id)).toEqual([2])
  })

  it('names an office or leader account’s region, 全部地区 when it is bound to none', () => {
    const names = new Map([[7, '示例市']])
    expect(regionLabel(user({ role: 'office', bureauId: null, regionId: 7 }), names)).toBe('示例市')
    expect(regionLabel(user({ role: 'leader', bureauId: null, regionId: null }), names)).toBe('全部地区')
    expect(regionLabel(user({ role: 'leader', bureauId: null, regionId: 9 }), names)).toBe('地区 #9')
    // A bureau account's region is its bureau's; an administrator has none.
    expect(regionLabel(user({}), names)).toBeNull()
    expect(regionLabel(user({ role: 'secadmin', bureauId: null }), names)).toBeNull()
  })

  it('grants the region only to an office or leader account, and warns when the binding changes', () => {
    expect(grantOf({ role: 'office', bureauId: 3, regionId: 7 })).toEqual({ role: 'office', bureauId: null, regionId: 7 })
    expect(grantOf({ role: 'leader', bureauId: null, regionId: ALL_REGIONS })).toEqual({ role: 'leader', bureauId: null, regionId: null })
    expect(grantOf({ role: 'bureau', bureauId: 3, regionId: 7 })).toEqual({ role: 'bureau', bureauId: 3, regionId: null })
    expect(grantOf({ role: NO_ROLE, bureauId: 3, regionId: 7 })).toEqual({ role: null, bureauId: null, regionId: null })
    const bound = user({ role: 'office', bureauId: null, regionId: 7 })
    const ends = (choice: Parameters<typeof grantOf>[0]) => changesAccess(bound, { ...grantOf(choice), active: true })
    expect(ends({ role: 'office', bureauId: null, regionId: 7 })).toBe(false)
    expect(ends({ role: 'office', bureauId: null, regionId: 8 })).toBe(true)
    expect(ends({ role: 'office', bureauId: null, regionId: ALL_REGIONS })).toBe(true)
  })

  it('names a session’s browser and system briefly', () => {
    const chrome = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'
    expect(describeUserAgent(chrome)).toBe('Chrome 131 · Windows')
    expect(describeUserAgent('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/140.0.0.0 Safari/537.36')).toBe('Chrome 140 · Linux')
    expect(describeUserAgent(null)).toBe('未知终端')
  })
})
