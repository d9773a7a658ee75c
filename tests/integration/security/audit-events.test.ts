import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp, type App } from '../../../server/src/app'
import { openDatabase } from '../../../server/src/db/client'
import { failAuditInserts } from '../../helpers/fail-inserts'
import { createTestApp, DEMO_PASSWORD, login, withCsrf, type TestContext } from '../../helpers/app'
import { pdfOf } from '../../helpers/evidence'
import { multipartFile } from '../../helpers/multipart'
import { jsonOf, truthOf } from '../../helpers/databases'
import { zipBomb } from '../../helpers/zip-bomb'

/**
 * Security events the audit log records (issue 16, item 5): every 403, CSRF refusal, rate-limited
 * request and refused upload or import leaves one row of its own, and so does the auditor reading the log.
 */

let t: TestContext
/** A second app on the same database: a login limit of 2 a minute and a route without an access rule. */
let limited: App
const cookies: Record<string, string> = {}
beforeAll(async () => {
  t = await createTestApp()
  limited = await buildApp({ db: t.db, loginRateLimit: 2 })
  limited.get('/api/unlisted', async () => ({ ok: true }))
  await limited.ready()
  for (const who of ['office', 'kjj', 'auditor']) cookies[who] = await login(t.app, who)
})
afterAll(async () => {
  await limited.close()
  await t.close()
})

interface Row {
  id: number
  username: string | null
  ip: string | null
  action: string
  success: 0 | 1 | null
  after: Record<string, unknown> | null
}
const lastId = async () => (await t.sql.value('SELECT coalesce(max(id), 0) FROM audit_events') as number)
/** The rows written since `id`. */
const rowsSince = async (id: number): Promise<Row[]> =>
  (await t.sql.all('SELECT id, username, ip, action, success, after FROM audit_events WHERE id > ? ORDER BY id', [id])).map(
    (r) => ({ ...(r as Omit<Row, 'success' | 'after'>), success: truthOf(r.success), after: jsonOf<Row['after']>(r.after) }),
  )
const idOf = async (sql: string) => await t.sql.value(sql) as number

describe('refusals (403)', () => {
  it('a role the route table does not list: one access.denied row naming who, which route and why', async () => {
    const mark = await lastId()
    const res = await t.app.inject({ method: 'GET', url: '/api/audit?action=login', headers: { cookie: cookies.kjj! } })
    expect(res.statusCode).toBe(403)
    expect(await rowsSince(mark)).toEqual([
      {
        id: expect.any(Number),
        username: 'kjj',
        ip: '127.0.0.1',
        action: 'access.denied',
        success: 0,
        after: { method: 'GET', route: '/api/audit', message: res.json().message },
      },
    ])
  })

  it('another bureau’s details', async () => {
    const jyj = await idOf("SELECT id FROM bureaus WHERE code = 'jyj'")
    const mark = await lastId()
    const res = await t.app.inject({ method: 'GET', url: `/api/bureaus/${jyj}/overview?year=2025`, headers: { cookie: cookies.kjj! } })
    expect(res.statusCode).toBe(403)
    expect(await rowsSince(mark)).toMatchObject([
      { username: 'kjj', action: 'access.denied', success: 0, after: { method: 'GET', route: '/api/bureaus/:id/overview', message: res.json().message } },
    ])
  })

  it('an account that must change its password first', async () => {
    await t.sql.run("UPDATE users SET must_change_password = true WHERE username = 'leader'")
    try {
      const leader = await login(t.app, 'leader')
      const mark = await lastId()
      const res = await t.app.inject({ method: 'GET', url: '/api/cycles', headers: { cookie: leader } })
      expect(res.statusCode).toBe(403)
      expect(await rowsSince(mark)).toMatchObject([{ username: 'leader', action: 'access.denied', after: { route: '/api/cycles', message: expect.stringContaining('须先修改密码') } }])
    } finally {
      await t.sql.run("UPDATE users SET must_change_password = false WHERE username = 'leader'")
    }
  })

  it('a route without an access rule (deny by default), even for nobody logged in', async () => {
    const mark = await lastId()
    const res = await limited.inject({ method: 'GET', url: '/api/unlisted' })
    expect(res.statusCode).toBe(403)
    expect(await rowsSince(mark)).toMatchObject([{ username: null, action: 'access.denied', success: 0, after: { method: 'GET', route: '/api/unlisted' } }])
  })

  it('a login refused for an account without a role is its failed login, not a second row', async () => {
    await t.sql.run("UPDATE users SET role = NULL WHERE username = 'secadmin'")
    try {
      const mark = await lastId()
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'secadmin', password: DEMO_PASSWORD } })
      expect(res.statusCode).toBe(403)
      expect(await rowsSince(mark)).toMatchObject([{ username: 'secadmin', action: 'login', success: 0 }])
    } finally {
      await t.sql.run("UPDATE users SET role = 'secadmin' WHERE username = 'secadmin'")
    }
  })

  it('a failing audit write leaves the refusal a 403, not a 500', async () => {
    const restore = await failAuditInserts(t, 'access.denied')
    try {
      const res = await t.app.inject({ method: 'GET', url: '/api/audit', headers: { cookie: cookies.kjj! } })
      expect(res.statusCode).toBe(403)
    } finally {
      await restore()
    }
  })
})

describe('other refusals', () => {
  it('a change without the CSRF token: csrf.refused, nothing else, nothing changed', async () => {
    const cycles = await idOf('SELECT count(*) FROM cycles')
    const mark = await lastId()
    const res = await t.app.inject({ method: 'POST', url: '/api/cycles', headers: { cookie: cookies.office! }, payload: { year: 2031 } })
    expect(res.statusCode).toBe(403)
    expect(await rowsSince(mark)).toMatchObject([{ username: 'office', action: 'csrf.refused', success: 0, after: { method: 'POST', route: '/api/cycles' } }])
    expect(await idOf('SELECT count(*) FROM cycles')).toBe(cycles)
  })

  it('rate-limited logins: one row for the first refusal of the minute, the rest counted', async () => {
    const mark = await lastId()
    const statuses: number[] = []
    for (let i = 0; i < 4; i++)
      statuses.push((await limited.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'kjj', password: 'wrong' } })).statusCode)
    expect(statuses).toEqual([401, 401, 429, 429])
    const limitedRows = (await rowsSince(mark)).filter((r) => r.action === 'rate-limited')
    expect(limitedRows).toEqual([expect.objectContaining({ username: null, ip: '127.0.0.1', success: 0, after: { method: 'POST', route: '/api/auth/login' } })])
  })

  it('a zip bomb sent as the bureau sheet: import.failed with the reason, nothing imported', async () => {
    const bureaus = await idOf('SELECT count(*) FROM bureaus')
    const body = multipartFile('单位.xlsx', await zipBomb('xlsx'))
    const mark = await lastId()
    const res = await t.app.inject({ method: 'POST', url: '/api/bureaus/import?commit=true', payload: body.payload, headers: { ...withCsrf(cookies.office!), ...body.headers } })
    expect(res.statusCode).toBe(400)
    expect(await rowsSince(mark)).toMatchObject([
      { username: 'office', action: 'import.failed', success: 0, after: { method: 'POST', route: '/api/bureaus/import', reason: res.json().message } },
    ])
    expect(await idOf('SELECT count(*) FROM bureaus')).toBe(bureaus)
  })

  it('an annual report that is no document, and a 考核细则 that is no workbook: import.failed', async () => {
    const report = multipartFile('年度报告.docx', Buffer.from('not a zip at all'))
    let mark = await lastId()
    const res = await t.app.inject({ method: 'POST', url: '/api/imports?year=2026', payload: report.payload, headers: { ...withCsrf(cookies.kjj!), ...report.headers } })
    expect(res.statusCode).toBeGreaterThanOrEqual(400)
    expect(await rowsSince(mark)).toMatchObject([{ username: 'kjj', action: 'import.failed', after: { route: '/api/imports', reason: res.json().message } }])

    const scheme = multipartFile('考核细则.xlsx', Buffer.from('not a zip at all'))
    mark = await lastId()
    const read = await t.app.inject({ method: 'POST', url: '/api/schemes/2026/import', payload: scheme.payload, headers: { ...withCsrf(cookies.office!), ...scheme.headers } })
    expect(read.statusCode).toBe(200)
    expect(await rowsSince(mark)).toMatchObject([{ username: 'office', action: 'import.failed', after: { route: '/api/schemes/:year/import', reason: read.json().errors[0].message } }])
  })

  it('an evidence file of a refused type: upload.refused with the reason, nothing stored', async () => {
    const submission = await idOf("SELECT s.id FROM submissions s JOIN bureaus b ON b.id = s.bureau_id WHERE b.code = 'kjj' AND s.year = 2026")
    const files = await idOf('SELECT count(*) FROM evidence_files')
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(512, 0x90)])
    const body = multipartFile('会议纪要.pdf', exe, 'application/pdf', { submissionId: submission, indicator: 'lead.topic_meetings' })
    const mark = await lastId()
    const res = await t.app.inject({ method: 'POST', url: '/api/files', payload: body.payload, headers: { ...withCsrf(cookies.kjj!), ...body.headers } })
    expect(res.statusCode).toBe(400)
    expect(await rowsSince(mark)).toMatchObject([{ username: 'kjj', action: 'upload.refused', success: 0, after: { route: '/api/files', reason: res.json().message } }])
    expect(await idOf('SELECT count(*) FROM evidence_files')).toBe(files)
    // A file that is accepted leaves no refusal.
    const pdf = multipartFile('会议纪要.pdf', pdfOf('accepted'), 'application/pdf', { submissionId: submission, indicator: 'lead.topic_meetings' })
    const before = await lastId()
    expect((await t.app.inject({ method: 'POST', url: '/api/files', payload: pdf.payload, headers: { ...withCsrf(cookies.kjj!), ...pdf.headers } })).statusCode).toBe(201)
    expect((await rowsSince(before)).map((r) => r.action)).not.toContain('upload.refused')
  })

  it('a wrong current password on a password change: password.change, success false', async () => {
    const mark = await lastId()
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: withCsrf(cookies.office!),
      payload: { currentPassword: 'not-my-password', newPassword: 'Another@2027x' },
    })
    expect(res.statusCode).toBe(400)
    expect(await rowsSince(mark)).toMatchObject([{ username: 'office', action: 'password.change', success: 0 }])
  })
})

describe('the auditor reading the log', () => {
  it('each page read is recorded with its filter and page, after the page is read', async () => {
    const mark = await lastId()
    const res = await t.app.inject({ method: 'GET', url: '/api/audit?action=login&user=kjj&page=2&pageSize=5', headers: { cookie: cookies.auditor! } })
    expect(res.statusCode).toBe(200)
    expect(res.json().rows.map((r: { action: string }) => r.action)).not.toContain('audit.read')
    expect(await rowsSince(mark)).toMatchObject([
      { username: 'auditor', action: 'audit.read', success: 1, after: { filter: { action: 'login', user: 'kjj', page: 2, pageSize: 5 } } },
    ])
  })
})

describe('a flood of refusals leaves a bounded number of rows that still count every refusal', () => {
  /** How many refusals the rows since `mark` of `action` stand for: a row without `count` stands for one. */
  const counted = (rows: Row[]) => rows.reduce((n, r) => n + (typeof r.after?.count === 'number' ? r.after.count : 1), 0)

  it('200 parallel logins against a limit of one a minute: one row at once, one row with the count of the rest when the app closes', async () => {
    // On a connection of its own: closing the app closes it.
    const flood = await buildApp({ db: openDatabase(t.dbUrl), loginRateLimit: 1 })
    await flood.ready()
    const mark = await lastId()
    const answers = await Promise.all(
      Array.from({ length: 200 }, () => flood.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'kjj', password: 'wrong' } })),
    )
    // A limit of one a minute: at most the first gets through.
    const refused = answers.filter((a) => a.statusCode === 429).length
    expect(refused).toBeGreaterThanOrEqual(199)
    const during = (await rowsSince(mark)).filter((r) => r.action === 'rate-limited')
    expect(during).toHaveLength(1)
    // Closing the app (a shutdown, or the minute ending) writes what was counted.
    await flood.close()
    const rows = (await rowsSince(mark)).filter((r) => r.action === 'rate-limited')
    expect(rows).toHaveLength(2)
    expect(rows[1]).toMatchObject({ ip: '127.0.0.1', after: { method: 'POST', route: '/api/auth/login', count: refused - 1, summary: true, since: expect.any(String) } })
    expect(counted(rows)).toBe(refused)
  })

  it('50 denied requests of one account in a minute: the first 20 rows, then one row counting the other 30', async () => {
    const denials = await buildApp({ db: openDatabase(t.dbUrl) })
    await denials.ready()
    const kjj = await login(denials, 'kjj')
    const mark = await lastId()
    for (let i = 0; i < 50; i++) expect((await denials.inject({ method: 'GET', url: '/api/audit', headers: { cookie: kjj } })).statusCode).toBe(403)
    expect((await rowsSince(mark)).filter((r) => r.action === 'access.denied')).toHaveLength(20)
    // Another account is counted on its own.
    const office = cookies.office!
    expect((await t.app.inject({ method: 'GET', url: '/api/audit', headers: { cookie: office } })).statusCode).toBe(403)
    await denials.close()
    const rows = (await rowsSince(mark)).filter((r) => r.action === 'access.denied')
    expect(rows.filter((r) => r.username === 'kjj')).toHaveLength(21)
    expect(rows.at(-1)).toMatchObject({ username: 'kjj', after: { route: '/api/audit', count: 30, summary: true } })
    expect(counted(rows.filter((r) => r.username === 'kjj'))).toBe(50)
    expect(rows.filter((r) => r.username === 'office')).toHaveLength(1)
  })
})
