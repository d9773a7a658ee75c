import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROUTE_ACCESS } from '../../../server/src/plugins/access'
import { createTestApp, DEMO_PASSWORD, login, type TestContext } from '../../helpers/app'

let t: TestContext
let ids: Record<string, number>
const cookies: Record<string, string> = {}

beforeAll(async () => {
  t = await createTestApp({ now: new Date('2026-11-22T00:00:00Z') })
  const rows = await t.sql.all('SELECT id, code FROM bureaus') as { id: number; code: string }[]
  ids = Object.fromEntries(rows.map((r) => [r.code, r.id]))
  for (const u of ['office', 'leader', 'sysadmin', 'auditor', 'kjj']) cookies[u] = await login(t.app, u)
})
afterAll(() => t.close())

const ENTRIES = Object.entries(ROUTE_ACCESS).map(([key, access]) => {
  const [method, path] = key.split(' ')
  return { key, method, path, access }
})

/** A concrete URL for a route pattern: every :param becomes the bureau id, GETs ask for 2025. */
const urlFor = (path: string, bureauId: number, method = 'GET') => {
  const filled = path.replace(/:[A-Za-z]+/g, String(bureauId))
  return method === 'GET' ? `${filled}?year=2025` : filled
}

const call = (method: string, url: string, cookie?: string) =>
  t.app.inject({
    method: method as 'GET',
    url,
    headers: cookie ? { cookie } : {},
    ...(method === 'GET' ? {} : { payload: {} }),
  })

/** The business data routes: what a sysadmin or auditor must not read. */
const BUSINESS = [
  '/api/cycles',
  '/api/bureaus',
  '/api/indicators?year=2025',
  '/api/dashboard/summary?year=2025',
  '/api/ranking?year=2025',
  '/api/trends',
]
const overviewOf = (code: string) => `/api/bureaus/${ids[code]}/overview?year=2025`

describe('anonymous requests', () => {
  it('every route in ROUTE_ACCESS exists in the app', () => {
    for (const e of ENTRIES) expect(t.app.hasRoute({ method: e.method as 'GET', url: e.path }), e.key).toBe(true)
  })

  it('health and login are public; no business data route is', () => {
    const isPublic = (key: string) => {
      const access = ROUTE_ACCESS[key]
      expect(access, key).toBeDefined()
      return 'public' in access
    }
    expect(isPublic('GET /api/health')).toBe(true)
    expect(isPublic('POST /api/auth/login')).toBe(true)
    for (const key of [
      'GET /api/auth/me',
      'GET /api/cycles',
      'GET /api/bureaus',
      'GET /api/indicators',
      'GET /api/dashboard/summary',
      'GET /api/ranking',
      'GET /api/trends',
      'GET /api/bureaus/:id/overview',
    ])
      expect(isPublic(key), key).toBe(false)
  })

  it('get 401 on every non-public route', async () => {
    const wrong: string[] = []
    for (const e of ENTRIES.filter((x) => !('public' in x.access))) {
      const res = await call(e.method, urlFor(e.path, ids.kjj, e.method))
      if (res.statusCode !== 401) wrong.push(`${e.key} → ${res.statusCode}`)
      else expect(res.json().message, e.key).toBeTruthy()
    }
    expect(wrong).toEqual([])
  })

  it('get 401 with a forged or stale session cookie', async () => {
    for (const path of ['/api/dashboard/summary?year=2025', '/api/auth/me']) {
      const res = await call('GET', path, 'sid=not-a-real-session')
      expect(res.statusCode, path).toBe(401)
    }
  })

  it('can reach health and log in', async () => {
    expect((await call('GET', '/api/health')).statusCode).toBe(200)
    // An account without a cached session: a login ends the account's earlier one.
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'jyj', password: DEMO_PASSWORD } })
    expect(res.statusCode).toBe(200)
  })
})

describe('a bureau user (kjj)', () => {
  it('reads the county ranking and the summary with every bureau’s row', async () => {
    const ranking = await call('GET', '/api/ranking?year=2025', cookies.kjj)
    expect(ranking.statusCode).toBe(200)
    const codes = ranking.json().rows.map((r: { code: string }) => r.code)
    expect(codes).toContain('kjj')
    expect(codes.length).toBeGreaterThan(20)

    const summary = await call('GET', '/api/dashboard/summary?year=2025', cookies.kjj)
    expect(summary.statusCode).toBe(200)
    expect(summary.json().bureaus).toHaveLength(28)
  })

  it('reads its own overview', async () => {
    const res = await call('GET', overviewOf('kjj'), cookies.kjj)
    expect(res.statusCode).toBe(200)
    expect(res.json().bureau.code).toBe('kjj')
  })

  it('gets 403 on another bureau’s overview, reported or not', async () => {
    for (const code of ['jyj', 'gaj', 'xfj']) {
      const res = await call('GET', overviewOf(code), cookies.kjj)
      expect(res.statusCode, code).toBe(403)
      expect(res.json().message, code).toBeTruthy()
      expect(res.body, code).not.toContain('"indicators"')
    }
  })

  it('gets 403 on another bureau’s data for every own-bureau route keyed by bureau id', async () => {
    for (const e of ENTRIES.filter((x) => 'roles' in x.access && x.access.ownBureau && x.method === 'GET' && x.path.startsWith('/api/bureaus/:id/'))) {
      expect((await call('GET', urlFor(e.path, ids.jyj), cookies.kjj)).statusCode, e.key).toBe(403)
      expect((await call('GET', urlFor(e.path, ids.kjj), cookies.kjj)).statusCode, e.key).toBe(200)
    }
  })

  it('reads the catalog and trends', async () => {
    for (const url of BUSINESS) expect((await call('GET', url, cookies.kjj)).statusCode, url).toBe(200)
  })
})

describe('leader', () => {
  it('reads every business route and any bureau’s overview', async () => {
    for (const url of [...BUSINESS, overviewOf('kjj'), overviewOf('jyj'), overviewOf('xfj')]) {
      const res = await call('GET', url, cookies.leader)
      expect(res.statusCode, url).toBe(200)
    }
  })
})

describe('sysadmin and auditor', () => {
  it('get 403 on business data routes', async () => {
    for (const user of ['sysadmin', 'auditor']) {
      // The sysadmin reads the bureau directory to bind bureau accounts; it holds no reported figures.
      for (const url of [...BUSINESS, overviewOf('kjj')].filter((u) => !(user === 'sysadmin' && u === '/api/bureaus'))) {
        const res = await call('GET', url, cookies[user])
        expect(res.statusCode, `${user} ${url}`).toBe(403)
        expect(res.body, `${user} ${url}`).not.toContain('示例县')
      }
    }
  })

  it('get 403 on every route whose access rule leaves their role out', async () => {
    for (const role of ['sysadmin', 'auditor'] as const) {
      for (const e of ENTRIES.filter((x) => 'roles' in x.access && !x.access.roles.includes(role))) {
        expect((await call(e.method, urlFor(e.path, ids.kjj, e.method), cookies[role])).statusCode, `${role} ${e.key}`).toBe(403)
      }
    }
  })

  it('still see who they are', async () => {
    for (const user of ['sysadmin', 'auditor']) {
      const res = await call('GET', '/api/auth/me', cookies[user])
      expect(res.statusCode).toBe(200)
      expect(res.json().role).toBe(user)
    }
  })
})

describe('office', () => {
  it('reads every business route', async () => {
    for (const url of [...BUSINESS, overviewOf('jyj')]) expect((await call('GET', url, cookies.office)).statusCode, url).toBe(200)
  })
})
