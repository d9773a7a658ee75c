import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, login, type TestContext } from '../../helpers/app'

let t: TestContext
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

describe('audit log', () => {
  it('is append-only: the database itself refuses UPDATE and DELETE', async () => {
    await login(t.app, 'office')
    await expect(t.sql.run("update audit_events set action = 'x'")).rejects.toThrow(/append-only/)
    await expect(t.sql.run('delete from audit_events')).rejects.toThrow(/append-only/)
  })

  it('the auditor filters by action, user and date; login events use the action "login"', async () => {
    await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'kjj', password: 'wrong' } })
    await login(t.app, 'kjj')
    const auditor = await login(t.app, 'auditor')
    const res = await t.app.inject({ method: 'GET', url: '/api/audit?action=login&user=kjj', headers: { cookie: auditor } })
    expect(res.statusCode).toBe(200)
    const { rows, total } = res.json()
    expect(total).toBe(2)
    expect(rows.map((r: { success: boolean }) => r.success)).toEqual([true, false])
    expect(rows[0]).toMatchObject({ action: 'login', username: 'kjj', ip: '127.0.0.1', at: expect.any(String) })

    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' })
    const dated = await t.app.inject({ method: 'GET', url: `/api/audit?action=login&from=${today}&to=${today}`, headers: { cookie: auditor } })
    expect(dated.json().total).toBeGreaterThanOrEqual(3)
    const past = await t.app.inject({ method: 'GET', url: '/api/audit?action=login&to=2020-01-01', headers: { cookie: auditor } })
    expect(past.json().total).toBe(0)
  })

  it('exports as CSV with a BOM, and the export is itself audited', async () => {
    const auditor = await login(t.app, 'auditor')
    const res = await t.app.inject({ method: 'GET', url: '/api/audit/export.csv?action=login', headers: { cookie: auditor } })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''%E5%AE%A1%E8%AE%A1%E6%97%A5%E5%BF%97.csv")
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
    expect(res.body).toContain('时间,用户,用户名,IP,操作,操作代码,对象')
    // Every user's logins and addresses: never kept in a shared computer's browser cache.
    expect(res.headers['cache-control']).toBe('no-store')
    const exports = await t.app.inject({ method: 'GET', url: '/api/audit?action=export', headers: { cookie: auditor } })
    expect(exports.json().total).toBe(1)
  })

  it('is closed to every role but the auditor', async () => {
    for (const who of ['office', 'leader', 'sysadmin', 'kjj']) {
      const cookie = await login(t.app, who)
      expect((await t.app.inject({ method: 'GET', url: '/api/audit', headers: { cookie } })).statusCode, who).toBe(403)
    }
  })

  it('shows the auditor the chain’s state: rows, head, no break, keyed or not', async () => {
    const auditor = await login(t.app, 'auditor')
    const res = await t.app.inject({ method: 'GET', url: '/api/audit/chain', headers: { cookie: auditor } })
    expect(res.statusCode).toBe(200)
    const head = await t.sql.get('select id, hash from audit_events order by id desc limit 1') as { id: number; hash: string }
    const rows = await t.sql.value('select cast(count(*) as integer) from audit_events')
    expect(res.json()).toEqual({ rows, head, broken: null, brokenRows: [], brokenCount: 0, missingTriggers: [], keyed: false, checkedAt: expect.any(String) })
    expect(Date.now() - Date.parse(res.json().checkedAt)).toBeLessThan(60_000)
    for (const who of ['office', 'sysadmin', 'secadmin', 'kjj']) {
      const cookie = await login(t.app, who)
      expect((await t.app.inject({ method: 'GET', url: '/api/audit/chain', headers: { cookie } })).statusCode, who).toBe(403)
    }
  })
})
