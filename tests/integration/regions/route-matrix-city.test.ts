import type { Role } from '@fazhi/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROUTE_ACCESS, type RouteAccess } from '../../../server/src/plugins/access'
import { createTestApp, login, type TestContext, withCsrf } from '../../helpers/app'

/**
 * The route guard in the demo city (`seed/city.ts`): every route called by the city office and
 * leader, a county office bound to its county, the other county's office and the city's 科技局. The
 * guard answers 403 for a role the access table leaves out, and 403 '该操作属于全系统…' for an
 * `installation` route called by an office below the top; anything past the guard is the services'
 * (their region checks have tests of their own). Requests name records that do not exist and carry
 * no body, so a call that passes the guard changes nothing but the caller's own login (a logout, an
 * enrolment of a second factor begun).
 */

type Caller = 'city' | 'cityleader' | 'office' | 'ybx-office' | 's-kjj'
const CALLERS: Caller[] = ['city', 'cityleader', 'office', 'ybx-office', 's-kjj']
const ROLE: Record<Caller, Role> = { city: 'office', cityleader: 'leader', office: 'office', 'ybx-office': 'office', 's-kjj': 'bureau' }
/** Whether the caller's scope holds every region: the city's accounts' (示例市 holds both counties). */
const INSTALLATION_WIDE: Record<Caller, boolean> = { city: true, cityleader: true, office: false, 'ybx-office': false, 's-kjj': false }

const ROLE_REFUSED = '没有权限访问该资源'
const INSTALLATION_REFUSED = '该操作属于全系统，由最上级法治办进行'

/** A route's URL with every parameter naming nothing that exists. */
const PARAMS: Record<string, string> = { id: '999999', year: '1999', fromYear: '1998', version: '99', sessionId: 'f'.repeat(64) }
const urlOf = (key: string) => key.split(' ')[1].replace(/:(\w+)/g, (_, name: string) => PARAMS[name])

function refusal(access: RouteAccess, caller: Caller): string | null {
  if ('public' in access) return null
  if (!access.roles.includes(ROLE[caller])) return ROLE_REFUSED
  if (access.installation && !INSTALLATION_WIDE[caller]) return INSTALLATION_REFUSED
  return null
}

let t: TestContext
const cookies = {} as Record<Caller, string>
beforeAll(async () => {
  // Two sessions per account: the logout call's own beside the one every other call shares.
  t = await createTestApp({ city: true, maxSessionsPerUser: 2 })
  for (const caller of CALLERS) cookies[caller] = await login(t.app, caller)
}, 60_000)
afterAll(() => t.close())

async function call(key: string, caller: Caller) {
  const [method] = key.split(' ') as ['GET' | 'POST' | 'PUT' | 'DELETE']
  // Logging out ends the session it is sent with: that call gets a session of its own.
  const cookie = key === 'POST /api/auth/logout' ? await login(t.app, caller) : cookies[caller]
  return t.app.inject({ method, url: urlOf(key), headers: withCsrf(cookie) })
}

describe.each(CALLERS)('every route called by %s in the demo city', (caller) => {
  it.each(Object.keys(ROUTE_ACCESS))('%s', async (key) => {
    const res = await call(key, caller)
    const refused = refusal(ROUTE_ACCESS[key], caller)
    if (refused) {
      expect(res.statusCode, res.body.slice(0, 300)).toBe(403)
      expect(res.json().message).toBe(refused)
    } else {
      expect(res.statusCode, res.body.slice(0, 300)).not.toBe(401)
      if (res.statusCode === 403) expect([ROLE_REFUSED, INSTALLATION_REFUSED]).not.toContain(res.json().message)
    }
  })
})

describe('the installation’s routes', () => {
  const installation = Object.keys(ROUTE_ACCESS).filter((key) => refusal(ROUTE_ACCESS[key], 'office') === INSTALLATION_REFUSED)

  it('are the years, publication, the 考核方案, the organisation, the second-factor setting and the channels', () => {
    expect(installation).toEqual(
      expect.arrayContaining([
        'POST /api/cycles',
        'PUT /api/cycles/:year',
        'POST /api/cycles/:year/lock',
        'POST /api/cycles/:year/unlock',
        'POST /api/cycles/:year/publish',
        // A version's whole frozen file holds every region's details.
        'GET /api/results/:year/:version',
        'PUT /api/schemes/:year',
        'POST /api/schemes/:year/copy-from/:fromYear',
        'POST /api/schemes/:year/reopen',
        'POST /api/schemes/:year/preview',
        'POST /api/schemes/:year/import',
        'POST /api/regions',
        'POST /api/bureaus',
        'PUT /api/bureaus/:id',
        'POST /api/bureaus/:id/merge',
        'POST /api/bureaus/import',
        'PUT /api/bureaus/:id/file-quota',
        'PUT /api/notifications/channels',
        'POST /api/notifications/channels/test',
        'PUT /api/security/settings',
      ]),
    )
    // The business workflow stays every office's, held to its region by the services.
    expect(installation.filter((key) => /\/api\/(submissions|ledgers|rectifications|reminders|files|comments|imports)/.test(key))).toEqual([])
  })

  it('refuse a county office’s change, which changes nothing, and take the city office’s', async () => {
    const cycles = async () => await t.sql.all('select year from cycles order by year')
    const regions = async () => await t.sql.all('select code from regions order by id')
    const [cyclesBefore, regionsBefore] = [await cycles(), await regions()]
    for (const caller of ['office', 'ybx-office'] as const) {
      const cycle = await t.app.inject({ method: 'POST', url: '/api/cycles', payload: { year: 2030 }, headers: withCsrf(cookies[caller]) })
      expect(cycle.statusCode).toBe(403)
      expect(cycle.json().message).toBe(INSTALLATION_REFUSED)
      const region = await t.app.inject({ method: 'POST', url: '/api/regions', payload: { code: 'xcq', name: '新城区', level: 'county', parentId: null }, headers: withCsrf(cookies[caller]) })
      expect(region.statusCode).toBe(403)
    }
    expect(await cycles()).toEqual(cyclesBefore)
    expect(await regions()).toEqual(regionsBefore)

    const cycle = await t.app.inject({ method: 'POST', url: '/api/cycles', payload: { year: 2030 }, headers: withCsrf(cookies.city) })
    expect(cycle.statusCode, cycle.body).toBe(201)
    expect(await cycles()).toContainEqual({ year: 2030 })
  })
})
