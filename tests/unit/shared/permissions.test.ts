import { bindsBureau, can, CAPABILITY_ROLES, changesAccess, ROLES, type Capability, type Role } from '@fazhi/shared'
import { describe, expect, it } from 'vitest'

const CAPABILITIES = Object.keys(CAPABILITY_ROLES) as Capability[]
const capabilitiesOf = (role: Role) => CAPABILITIES.filter((c) => can({ role }, c))

describe('can', () => {
  it.each<[Role, Capability[]]>([
    ['office', ['readBusiness', 'editBusiness', 'allBureaus', 'review', 'publishResults', 'manageCycles', 'manageOrganisation', 'manageScheme']],
    ['leader', ['readBusiness', 'allBureaus']],
    ['bureau', ['readBusiness', 'editBusiness']],
    ['sysadmin', ['manageUsers']],
    ['auditor', ['readAudit']],
  ])('%s may do exactly %j', (role, expected) => {
    expect(capabilitiesOf(role)).toEqual(expected)
  })

  it('keeps 三员分立: no role both administers accounts or reads the audit log and touches business data', () => {
    for (const role of ROLES) {
      const staff = can({ role }, 'manageUsers') || can({ role }, 'readAudit')
      if (staff) expect(can({ role }, 'readBusiness')).toBe(false)
      expect(can({ role }, 'manageUsers') && can({ role }, 'readAudit')).toBe(false)
    }
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
  const account = { role: 'bureau', bureauId: 3, active: true } as const

  it('is false when nothing that grants access changes', () => {
    expect(changesAccess(account, { ...account })).toBe(false)
  })

  it('is true for a new role, a new bureau or a deactivation', () => {
    expect(changesAccess(account, { role: 'office', bureauId: null, active: true })).toBe(true)
    expect(changesAccess(account, { ...account, bureauId: 4 })).toBe(true)
    expect(changesAccess(account, { ...account, active: false })).toBe(true)
  })

  it('is false for reactivating an account, which had no sessions left', () => {
    expect(changesAccess({ ...account, active: false }, account)).toBe(false)
  })
})
