import type { AdminUser, AuditEvent } from '@fazhi/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, login, type TestContext, withCsrf } from '../../helpers/app'

/**
 * The 安全保密管理员 binds an office or leader account to a region (`PUT /api/users/:id/role`,
 * `regionId`) in the demo city: the account logs in again and its pages cover that region.
 */

let t: TestContext
let secadmin: string
beforeAll(async () => {
  t = await createTestApp({ city: true })
  secadmin = await login(t.app, 'secadmin')
})
afterAll(() => t.close())

const sql = () => t.sql
const regionIdOf = async (code: string) => (await sql().get('select id from regions where code = ?', [code]) as { id: number }).id
const account = async (username: string) =>
  await sql().get('select id, role, bureau_id as "bureauId", region_id as "regionId", version from users where username = ?', [username]) as {
    id: number
    role: string
    bureauId: number | null
    regionId: number | null
    version: number
  }
const grant = async (username: string, body: { role?: string; bureauId?: number | null; regionId?: number | null }) => {
  const { id, role, bureauId, version } = await account(username)
  return t.app.inject({ method: 'PUT', url: `/api/users/${id}/role`, payload: { role, bureauId, version, ...body }, headers: withCsrf(secadmin) })
}
const me = (cookie: string) => t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })

describe('binding an office account to a region', () => {
  it('ends its sessions; its next login answers the region, and its rights follow it', async () => {
    const before = await login(t.app, 'ybx-office')
    const newYear = (cookie: string) => t.app.inject({ method: 'POST', url: '/api/cycles', payload: { year: 2031 }, headers: withCsrf(cookie) })
    // Bound to 样板县, the office does not open a year: that is the installation's.
    expect((await newYear(before)).statusCode).toBe(403)

    const res = await grant('ybx-office', { regionId: await regionIdOf('demo-city') })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ role: 'office', regionId: await regionIdOf('demo-city') })
    expect((await me(before)).statusCode).toBe(401)

    const after = await login(t.app, 'ybx-office')
    expect((await me(after)).json()).toMatchObject({ username: 'ybx-office', regionId: await regionIdOf('demo-city') })
    expect((await newYear(after)).statusCode).toBe(201)
  })

  it('to no region (全部地区) makes it the whole installation’s', async () => {
    const res = await grant('leader', { regionId: null })
    expect(res.statusCode, res.body).toBe(200)
    expect((await account('leader')).regionId).toBeNull()
    expect((await me(await login(t.app, 'leader'))).json()).toMatchObject({ regionId: null })
  })

  it('keeps its region when a grant leaves regionId out (an older client): only null unbinds it', async () => {
    const cookie = await login(t.app, 'office')
    const { id, role, bureauId, version } = await account('office')
    const res = await t.app.inject({ method: 'PUT', url: `/api/users/${id}/role`, payload: { role, bureauId, version }, headers: withCsrf(secadmin) })
    expect(res.statusCode, res.body).toBe(200)
    expect((await account('office')).regionId).toBe(await regionIdOf('demo'))
    expect((await me(cookie)).json()).toMatchObject({ regionId: await regionIdOf('demo'), installationWide: false })
  })

  it('keeps its sessions when the binding stays as it was', async () => {
    const cookie = await login(t.app, 'office')
    const res = await grant('office', { regionId: await regionIdOf('demo') })
    expect(res.statusCode, res.body).toBe(200)
    expect((await me(cookie)).json()).toMatchObject({ username: 'office', regionId: await regionIdOf('demo') })
  })

  it('is audited with the region before and after', async () => {
    const auditor = await login(t.app, 'auditor')
    const res = await t.app.inject({ method: 'GET', url: '/api/audit?action=user.role-change&pageSize=100', headers: { cookie: auditor } })
    expect(res.statusCode).toBe(200)
    const change = (res.json() as { rows: AuditEvent[] }).rows.find((r) => (r.after as AdminUser).username === 'ybx-office')!
    expect((change.before as AdminUser).regionId).toBe(await regionIdOf('ybx'))
    expect((change.after as AdminUser).regionId).toBe(await regionIdOf('demo-city'))
  })
})

describe('a binding that cannot be', () => {
  it.each([
    ['a bureau account', 's-kjj', async () => ({ regionId: await regionIdOf('demo-city') }), '只有法治办和领导账号可以绑定地区'],
    ['a region that does not exist', 'cityleader', () => ({ regionId: 999_999 }), '地区不存在'],
  ])('%s answers 400 and changes nothing', async (_, username, body, message) => {
    const cookie = await login(t.app, username)
    const before = await account(username)
    const res = await grant(username, await body())
    expect(res.statusCode).toBe(400)
    expect(JSON.stringify(res.json())).toContain(message)
    expect(await account(username)).toEqual(before)
    expect((await me(cookie)).statusCode).toBe(200)
  })
})
