import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, login, type TestContext } from '../../helpers/app'

/** The demo city (`seed/city.ts`): each account's region and what its scope reaches. */
let t: TestContext

beforeAll(async () => {
  t = await createTestApp({ city: true })
})
afterAll(() => t.close())

const regionIdOf = async (code: string) => (await t.sql.get('select id from regions where code = ?', [code]) as { id: number }).id
const bureauIdOf = async (code: string) => (await t.sql.get('select id from bureaus where code = ?', [code]) as { id: number }).id

async function me(username: string) {
  const res = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: await login(t.app, username) } })
  expect(res.statusCode).toBe(200)
  return res.json() as { regionId: number | null; installationWide: boolean }
}

describe('an account’s region', () => {
  it('is the region an office or leader is bound to, and a bureau account’s bureau’s region', async () => {
    expect((await me('city')).regionId).toBe(await regionIdOf('demo-city'))
    expect((await me('office')).regionId).toBe(await regionIdOf('demo'))
    expect((await me('ybx-office')).regionId).toBe(await regionIdOf('ybx'))
    expect((await me('kjj')).regionId).toBe(await regionIdOf('demo'))
    expect((await me('s-kjj')).regionId).toBe(await regionIdOf('demo-city'))
    expect((await me('sysadmin')).regionId).toBeNull()
  })

  it('says whether the account speaks for the whole installation: the city office does, a county office does not', async () => {
    expect((await me('city')).installationWide).toBe(true)
    expect((await me('office')).installationWide).toBe(false)
    expect((await me('ybx-office')).installationWide).toBe(false)
    expect((await me('sysadmin')).installationWide).toBe(true)
  })

  it('is resolved with the scope the services ask', async () => {
    const scopes = t.app.scopes
    const city = (await scopes.of({ role: 'office', bureauId: null, regionId: await regionIdOf('demo-city') })).scope
    const county = (await scopes.of({ role: 'office', bureauId: null, regionId: await regionIdOf('demo') })).scope
    const cityKjj = (await scopes.of({ role: 'bureau', bureauId: await bureauIdOf('s-kjj'), regionId: null })).scope
    // The city office reads every bureau (its region holds every region) and acts on the city's own.
    expect(city.sees).toBeNull()
    expect(city.installationWide).toBe(true)
    expect([...city.acts!].sort()).toEqual([await bureauIdOf('s-kjj'), await bureauIdOf('s-jyj')].sort())
    // The county office reads and acts on its own county only.
    expect(county.sees!.has(await bureauIdOf('kjj'))).toBe(true)
    expect(county.sees!.has(await bureauIdOf('ybx-kjj'))).toBe(false)
    expect(county.acts!.has(await bureauIdOf('kjj'))).toBe(true)
    expect(county.installationWide).toBe(false)
    // 市科技局 reads the county 科技局s and acts on itself.
    expect([...cityKjj.sees!].sort()).toEqual([await bureauIdOf('s-kjj'), await bureauIdOf('kjj'), await bureauIdOf('ybx-kjj')].sort())
    expect([...cityKjj.acts!]).toEqual([await bureauIdOf('s-kjj')])
  })

  it('is nothing, never everything, for an account bound to a region the tree does not hold', async () => {
    const lost = (await t.app.scopes.of({ role: 'office', bureauId: null, regionId: 99_999 })).scope
    expect(lost).toEqual({ sees: new Set(), acts: new Set(), regions: new Set(), installationWide: false })
  })
})
