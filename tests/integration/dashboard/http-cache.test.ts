import { gunzipSync } from 'node:zlib'
import { Summary, type User } from '@fazhi/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../../server/src/app'
import { openDatabase } from '../../../server/src/db/client'
import { dashboardSources } from '../../../server/src/features/dashboard/board'
import { dashboardRepository } from '../../../server/src/features/dashboard/repository'
import { dashboardService } from '../../../server/src/features/dashboard/service'
import { createTestApp, login, type TestContext, withCsrf } from '../../helpers/app'

/**
 * Summary, ranking and trends are served from a cache of whole responses with an ETag. What a user
 * must never see: an old answer after a change, whichever way the change was made, or after the
 * clock has moved past a deadline.
 */

const NOW = new Date('2026-11-22T00:00:00Z')
/** Whom `builtAfresh` answers: the office, which reads every entry whole, as the `office` login does. */
const OFFICE: User = { id: 1, username: 'office', displayName: '县委依法治县办', role: 'office', bureauId: null, regionId: null, mustChangePassword: false }
let t: TestContext
let office: string

beforeAll(async () => {
  t = await createTestApp({ now: NOW })
  office = await login(t.app, 'office')
})
afterAll(() => t.close())

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers: { cookie: office, ...headers } })

describe('HTTP caching of the dashboard', () => {
  it('answers 304 without a body to a client that has the current version', async () => {
    for (const url of ['/api/dashboard/summary?year=2025', '/api/ranking?year=2025', '/api/trends']) {
      const first = await get(url)
      expect(first.statusCode, url).toBe(200)
      expect(first.headers['cache-control'], url).toBe('private, no-cache')
      const etag = first.headers.etag as string
      expect(etag, url).toMatch(/^W\/".+"$/)
      const again = await get(url, { 'if-none-match': etag })
      expect(again.statusCode, url).toBe(304)
      expect(again.body, url).toBe('')
      expect((await get(url, { 'if-none-match': 'W/"other"' })).statusCode, url).toBe(200)
    }
  })

  it('still checks the session before answering 304', async () => {
    const etag = (await get('/api/dashboard/summary?year=2025')).headers.etag as string
    const res = await t.app.inject({ method: 'GET', url: '/api/dashboard/summary?year=2025', headers: { 'if-none-match': etag } })
    expect(res.statusCode).toBe(401)
  })

  it('sends the same JSON gzipped to a client that accepts it', async () => {
    const plain = await get('/api/dashboard/summary?year=2025')
    const zipped = await get('/api/dashboard/summary?year=2025', { 'accept-encoding': 'gzip, deflate, br' })
    expect(zipped.headers['content-encoding']).toBe('gzip')
    expect(zipped.headers.vary).toContain('accept-encoding')
    expect(zipped.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3)
    expect(JSON.parse(gunzipSync(zipped.rawPayload).toString())).toEqual(plain.json())
    expect(zipped.headers.etag).toBe(plain.headers.etag)
  })

  it('a change through the API (a return) changes the summary, its ETag and the ranking at once', async () => {
    const before = await get('/api/dashboard/summary?year=2025')
    const etag = before.headers.etag as string
    const sql = t.sql
    const submitted = await sql.get("select s.id, b.code from submissions s join bureaus b on b.id = s.bureau_id where s.status = 'submitted' and s.year = 2025 order by b.code limit 1") as { id: number; code: string }
    expect((before.json() as Summary).bureaus.find((b) => b.code === submitted.code)!.score).not.toBeNull()
    const returned = await t.app.inject({ method: 'POST', url: `/api/submissions/${submitted.id}/return`, headers: withCsrf(office), payload: { reason: '请补充佐证材料' } })
    expect(returned.statusCode).toBe(200)
    const after = await get('/api/dashboard/summary?year=2025', { 'if-none-match': etag })
    expect(after.statusCode).toBe(200)
    expect(after.headers.etag).not.toBe(etag)
    // A returned report is not reported: it loses its score and its rank.
    const entry = (after.json() as Summary).bureaus.find((b) => b.code === submitted.code)!
    expect([entry.status, entry.score, entry.rank]).toEqual(['returned', null, null])
  })

  /** The summary from a connection of its own, with nothing cached: every board built from the table. */
  const builtAfresh = async (regionId?: number) => {
    const db = openDatabase(t.dbUrl)
    try {
      return (await dashboardService(dashboardSources(db, () => NOW), dashboardRepository(db), () => NOW).summaryResponse(OFFICE, 2025, regionId)).body.toString()
    } finally {
      await db.connection.close()
    }
  }

  it('a second server on the same database keeps its own summary current after saves through the first, byte for byte', async () => {
    // Its own connection and so its own caches: another process.
    const db = openDatabase(t.dbUrl)
    const other = await buildApp({ db, clock: () => NOW, loginRateLimit: 10_000 })
    await other.ready()
    try {
      // The leader reads the same summary; logging the office in would end its session used below.
      const otherReader = await login(other, 'leader')
      const read = async (regionId = '') =>
        (await other.inject({ method: 'GET', url: `/api/dashboard/summary?year=2025${regionId}`, headers: { cookie: otherReader } })).body
      const region = (await t.sql.get("select id from regions where code = 'demo'") as { id: number }).id
      await read()
      await read(`&regionId=${region}`)
      const sql = t.sql
      const draft = await sql.get("select s.id, s.version from submissions s join bureaus b on b.id = s.bureau_id where b.code = 'gxj' and s.year = 2025") as { id: number; version: number }
      for (const [i, value] of [3, 0, 7].entries()) {
        const saved = await t.app.inject({
          method: 'PUT',
          url: `/api/submissions/${draft.id}`,
          headers: withCsrf(office),
          payload: { version: draft.version + i, values: [{ indicator: 'lead.topic_meetings', value }] },
        })
        expect(saved.statusCode).toBe(200)
        for (const regionId of [undefined, region]) {
          const patched = await read(regionId ? `&regionId=${regionId}` : '')
          expect(patched).toBe(JSON.stringify(Summary.encode(Summary.parse(JSON.parse(patched)))))
          expect(patched).toBe(await builtAfresh(regionId))
        }
      }
      // A bureau that gains its first row of the year is taken into the kept region board too.
      const tyjrj = (await sql.get("select id from bureaus where code = 'tyjrj'") as { id: number }).id
      const opened = await t.app.inject({ method: 'POST', url: '/api/submissions', headers: withCsrf(office), payload: { bureauId: tyjrj, year: 2025 } })
      expect(opened.statusCode).toBe(201)
      const patched = await read(`&regionId=${region}`)
      expect((JSON.parse(patched) as Summary).bureaus.find((b) => b.code === 'tyjrj')!.status).toBe('draft')
      expect(patched).toBe(await builtAfresh(region))
    } finally {
      await other.close()
    }
  })

  it('a bureau-year that loses its only input drops back to no figures in a summary kept across the change', async () => {
    const xfj = (await t.sql.get("select id from bureaus where code = 'xfj'") as { id: number }).id
    const url = '/api/dashboard/summary?year=2025'
    const xfjOf = async () => (await get(url)).json<Summary>().bureaus.find((b) => b.bureauId === xfj)!
    expect(await xfjOf()).toMatchObject({ status: 'missing', rectification: { total: 0 } })
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/rectifications',
      headers: withCsrf(office),
      payload: { year: 2025, bureauId: xfj, problem: '信访事项办理不及时', deadline: '2099-12-31', status: 'not_started' },
    })
    expect(created.statusCode).toBe(201)
    expect(await xfjOf()).toMatchObject({ status: 'missing', rectification: { total: 1, notStarted: 1 } })
    expect((await t.app.inject({ method: 'DELETE', url: `/api/rectifications/${created.json().id}?version=1`, headers: withCsrf(office) })).statusCode).toBeLessThan(300)
    expect(await xfjOf()).toMatchObject({ status: 'missing', rectification: { total: 0, notStarted: 0 } })
    expect((await get(url)).body).toBe(await builtAfresh())
  })

  it('a change made straight in the database (another process, a repair) is seen too', async () => {
    const before = (await get('/api/ranking?year=2025')).json()
    const top = before.rows[0]
    await t.sql.run("update submissions set status = 'returned' where year = 2025 and bureau_id = ?", [top.bureauId])
    const after = (await get('/api/ranking?year=2025')).json()
    expect(after.rows.map((r: { bureauId: number }) => r.bureauId)).not.toContain(top.bureauId)
    expect(after.unreported.map((r: { bureauId: number }) => r.bureauId)).toContain(top.bureauId)
    const renamed = await t.sql.all("update bureaus set name = '示例县改名局' where id = ? returning id", [top.bureauId])
    expect(renamed).toHaveLength(1)
    expect((await get('/api/ranking?year=2025')).json().unreported.find((r: { bureauId: number }) => r.bureauId === top.bureauId).name).toBe('示例县改名局')
  })

  it('moving the clock across a deadline gives a fresh answer, and back again the old one', async () => {
    const url = '/api/dashboard/summary?year=2025'
    const overdue = (s: Summary) => s.rectification.overdue
    const at = async (iso: string) => {
      t.setNow(new Date(iso))
      office = await login(t.app, 'office')
      return (await get(url)).json() as Summary
    }
    try {
      const before = await at('2025-12-31T23:59:59+08:00')
      const after = await at('2026-01-01T00:00:00+08:00')
      expect(overdue(after)).toBeGreaterThan(overdue(before))
      expect(overdue(await at('2025-12-31T23:59:59+08:00'))).toBe(overdue(before))
      // a bureau still not in is one more day late at each China midnight
      const missing = (s: Summary) => s.bureaus.find((b) => b.status === 'missing')!.daysOverdue
      const day1 = await at('2026-06-01T23:59:59+08:00')
      const day2 = await at('2026-06-02T00:00:00+08:00')
      expect(missing(day2)).toBe(missing(day1) + 1)
    } finally {
      t.setNow(NOW)
      office = await login(t.app, 'office')
    }
  })
})
