import { ADMIN_ROLES, bindsBureau, can, CAPABILITY_ROLES, changesAccess, INSTALLATION_CAPABILITIES, ROLES, rolesWith, SECOND_FACTOR_ROLES, type Capability, type Role } from '@fazhi/shared'
import { describe, expect, it } from 'vitest'

const CAPABILITIES = Object.keys(CAPABILITY_ROLES) as Capability[]
const capabilitiesOf = (role: Role) => CAPABILITIES.filter((c) => can({ role }, c))

describe('can', () => {
  it('withholds the installation’s capabilities from an office bound below the top, and nothing else', () => {
    const county = { role: 'office' as const, installationWide: false }
    expect(CAPABILITIES.filter((c) => capabilitiesOf('office').includes(c) && !can(county, c)).sort()).toEqual([...INSTALLATION_CAPABILITIES].sort())
    expect(CAPABILITIES.filter((c) => can({ role: 'office', installationWide: true }, c))).toEqual(capabilitiesOf('office'))
  })

  it.each<[Role, Capability[]]>([
    ['office', ['readBusiness', 'editBusiness', 'allBureaus', 'review', 'chaseBureaus', 'publishResults', 'manageCycles', 'manageOrganisation', 'manageScheme', 'manageNotifications', 'manageSecuritySettings']],
    ['leader', ['readBusiness', 'allBureaus']],
    ['bureau', ['readBusiness', 'editBusiness']],
    ['sysadmin', ['manageAccounts', 'listAccounts']],
    ['secadmin', ['grantRoles', 'listAccounts', 'manageSecuritySettings', 'lowerSecondFactor']],
    ['auditor', ['readAudit']],
  ])('%s may do exactly %j', (role, expected) => {
    expect(capabilitiesOf(role)).toEqual(expected)
  })

  it('has a row for every role', () => {
    expect(ROLES.filter((role) => capabilitiesOf(role).length === 0)).toEqual([])
  })

  it('keeps 三员分立: three administrators, each with one of the three powers and no business data', () => {
    const powers = ['manageAccounts', 'grantRoles', 'readAudit'] as const
    for (const power of powers) expect(rolesWith(power)).toHaveLength(1)
    expect(new Set(powers.map((p) => rolesWith(p)[0]))).toEqual(new Set(ADMIN_ROLES))
    for (const role of ADMIN_ROLES) {
      expect(powers.filter((p) => can({ role }, p))).toHaveLength(1)
      expect(can({ role }, 'readBusiness')).toBe(false)
    }
  })

  it('shows the accounts to administrators only, and every administrator uses a second factor', () => {
    for (const role of rolesWith('listAccounts')) expect(ADMIN_ROLES).toContain(role)
    for (const role of ADMIN_ROLES) expect(SECOND_FACTOR_ROLES).toContain(role)
  })

  it('holds every business user without allBureaus to the one bureau its account binds', () => {
    for (const role of ROLES) {
      if (can({ role }, 'readBusiness')) expect(bindsBureau(role)).toBe(!can({ role }, 'allBureaus'))
    }
  })

  it('lets only business users edit', () => {
    for (const role of ROLES) if (can({ role }, 'editBusiness')) expect(can({ role }, 'readBusiness')).toBe(true)
  })
})

describe('bindsBureau', () => {
  it('binds only bureau accounts to a bureau', () => {
    expect(ROLES.filter(bindsBureau)).toEqual(['bureau'])
  })
})

describe('changesAccess', () => {
  const account = { role: 'bureau', bureauId: 3, regionId: null, active: true } as const

  it('is false when nothing that grants access changes', () => {
    expect(changesAccess(account, { ...account })).toBe(false)
  })

  it('is true for a new role, a new bureau, a new region or a deactivation', () => {
    expect(changesAccess(account, { role: 'office', bureauId: null, regionId: null, active: true })).toBe(true)
    expect(changesAccess({ role: 'office', bureauId: null, regionId: null, active: true }, { role: 'office', bureauId: null, regionId: 2, active: true })).toBe(true)
    expect(changesAccess(account, { ...account, bureauId: 4 })).toBe(true)
    expect(changesAccess(account, { ...account, active: false })).toBe(true)
  })

  it('is false for reactivating an account, which had no sessions left', () => {
    expect(changesAccess({ ...account, active: false }, account)).toBe(false)
  })
})
