import type { ChaseHistory, ChaseResult, Reminders } from '@fazhi/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { channelSwitches } from '../../../server/src/features/notifications/settings'
import { createTestApp, login, seededTemplate, withCsrf } from '../../helpers/app'
import { jsonOf } from '../../helpers/databases'

/** 2026's due date is 2027-03-01 (China time): before it a chase is 提醒, after it 催报, from 15 days 通报预警. */
const BEFORE_DUE = new Date('2027-02-20T02:00:00Z')
const FOUR_DAYS_LATE = new Date('2027-03-05T02:00:00Z')
const NINETEEN_DAYS_LATE = new Date('2027-03-20T02:00:00Z')

let template: string
beforeAll(async () => {
  template = await seededTemplate()
}, 60_000)

async function appAt(now: Date) {
  const t = await createTestApp({ template, now })
  const cookies: Record<string, string> = {}
  const logIn = async () => {
    for (const u of ['office', 'leader', 'kjj', 'jyj']) cookies[u] = await login(t.app, u)
  }
  await logIn()
  /** Moves the clock days ahead: the sessions of before have timed out, everyone logs in again. */
  const at = async (date: Date) => {
    t.setNow(date)
    await logIn()
  }
  const chase = (body: object, user = 'office') => t.app.inject({ method: 'POST', url: '/api/reminders/chase', payload: body, headers: withCsrf(cookies[user]) })
  const history = (year: number, user = 'office') => t.app.inject({ method: 'GET', url: `/api/reminders/history?year=${year}`, headers: { cookie: cookies[user] } })
  const sql = t.sql
  const bureauId = async (code: string) => (await sql.get('select id from bureaus where code = ?', [code]) as { id: number }).id
  const count = async (table: string, where = '1 = 1', ...args: unknown[]) => (await sql.get(`select cast(count(*) as integer) as n from ${table} where ${where}`, args) as { n: number }).n
  const messagesOf = async (username: string) =>
    await sql.all("select n.title, n.body, n.link, n.chase_id as \"chaseId\" from notifications n join users u on u.id = n.user_id where u.username = ? and n.kind = 'chase' order by n.id", [username]) as {
      title: string
      body: string
      link: string
      chaseId: number
    }[]
  return { t, at, chase, history, bureauId, count, messagesOf, cookies }
}

describe('POST /api/reminders/chase', () => {
  let a: Awaited<ReturnType<typeof appAt>>
  beforeAll(async () => {
    a = await appAt(BEFORE_DUE)
  })
  afterAll(() => a.t.close())

  it('chases every bureau that has not reported, before the deadline as 提醒, each with a record, a message and an audit row', async () => {
    const list = (await a.t.app.inject({ method: 'GET', url: '/api/reminders?year=2026', headers: { cookie: a.cookies.office } })).json() as Extract<Reminders, { scope: 'county' }>
    expect(list.outstanding.length).toBeGreaterThan(5)
    const res = await a.chase({ year: 2026 })
    expect(res.statusCode, res.body).toBe(200)
    const result = res.json() as ChaseResult
    expect(result.bureaus.map((b) => b.bureauId).sort()).toEqual(list.outstanding.map((b) => b.bureauId).sort())
    for (const b of result.bureaus) expect(b).toMatchObject({ level: 'remind', daysOverdue: 0, recipients: 1, note: null })
    expect(result.bureaus.some((b) => b.skipped)).toBe(false)

    expect(await a.count('chase_records', "year = 2026 and level = 'remind'")).toBe(list.outstanding.length)
    const audits = await a.t.sql.all("select username, object_type, object_id, after from audit_events where action = 'reminder.chase'") as { username: string; object_type: string; object_id: string; after: unknown }[]
    expect(audits).toHaveLength(list.outstanding.length)
    expect(audits.every((r) => r.username === 'office' && r.object_type === 'bureau')).toBe(true)
    const kjj = await a.bureauId('kjj')
    expect(jsonOf(audits.find((r) => r.object_id === String(kjj))!.after)).toMatchObject({ year: 2026, level: '提醒', status: 'draft', recipients: 1 })

    const [message] = await a.messagesOf('kjj')
    expect(message.title).toBe('【提醒】请按时上报2026年度法治政府建设情况报告')
    expect(message.body).toContain('上报截止日期为 2027-03-01（还有 9 天）')
    expect(message.body).toContain('已填报但尚未上报')
    expect(message.link).toBe('/entry?year=2026')
    expect(await a.count('chase_records', 'id = ? and bureau_id = ?', message.chaseId, kjj)).toBe(1)
  })

  it('does not chase a bureau again at the same level on the same day: it is answered as skipped', async () => {
    const records = await a.count('chase_records')
    const result = (await a.chase({ year: 2026 })).json() as ChaseResult
    expect(result.bureaus.length).toBeGreaterThan(0)
    for (const b of result.bureaus) expect(b).toMatchObject({ skipped: true, recipients: 0, note: '今日已按同一级别催报' })
    expect(await a.count('chase_records')).toBe(records)
    expect(await a.messagesOf('kjj')).toHaveLength(1)
  })

  it('escalates the wording once the deadline has passed (催报) and from 15 days overdue (通报预警)', async () => {
    const kjj = await a.bureauId('kjj')
    await a.at(FOUR_DAYS_LATE)
    const late = (await a.chase({ year: 2026, bureauIds: [kjj] })).json() as ChaseResult
    expect(late.bureaus).toEqual([{ bureauId: kjj, name: '示例县科技局', level: 'chase', daysOverdue: 4, recipients: 1, note: null }])
    await a.at(NINETEEN_DAYS_LATE)
    const warned = (await a.chase({ year: 2026, bureauIds: [kjj] })).json() as ChaseResult
    expect(warned.bureaus[0]).toMatchObject({ level: 'warn', daysOverdue: 19 })

    const [remind, chase, warn] = await a.messagesOf('kjj')
    expect(chase.title).toBe('【催报】2026年度报告已逾期 4 天未上报')
    expect(chase.body).toContain('已逾期 4 天')
    expect(chase.body).toContain('请立即完成填报并上报')
    expect(warn.title).toBe('【通报预警】2026年度报告已逾期 19 天未上报')
    expect(warn.body).toContain('请于 2027-03-23 前完成上报；逾期仍未上报的，将在全县法治政府建设情况通报中予以通报')
    expect(new Set([remind.body, chase.body, warn.body]).size).toBe(3)
    expect(await a.count('chase_records', 'bureau_id = ?', kjj)).toBe(3)
  })

  it('sends the chase to the chased bureau’s accounts only', async () => {
    const kjj = await a.bureauId('kjj')
    const jyjBefore = (await a.messagesOf('jyj')).length
    await a.at(new Date('2027-03-21T02:00:00Z'))
    expect((await a.chase({ year: 2026, bureauIds: [kjj] })).statusCode).toBe(200)
    expect(await a.messagesOf('jyj')).toHaveLength(jyjBefore)
    expect(await a.count('notifications n join users u on u.id = n.user_id', "n.kind = 'chase' and u.bureau_id <> n.bureau_id")).toBe(0)
  })

  it('refuses bureaus that are not on the list to chase (400 naming the bureau), and records nothing', async () => {
    const before = [await a.count('chase_records'), await a.count('notifications'), await a.count('audit_events', "action = 'reminder.chase'")]
    const late2025 = (await a.t.app.inject({ method: 'GET', url: '/api/reminders?year=2025', headers: { cookie: a.cookies.office } })).json() as Extract<Reminders, { scope: 'county' }>
    expect(late2025.late.length).toBeGreaterThan(0)
    const reportedLate = late2025.late[0]
    const res = await a.chase({ year: 2025, bureauIds: [late2025.outstanding[0].bureauId, reportedLate.bureauId] })
    expect(res.statusCode).toBe(400)
    expect(res.json().message).toBe(`${reportedLate.name}不在 2025 年度待催报的单位中（已上报的单位无需催报）`)
    const unknown = await a.chase({ year: 2026, bureauIds: [999_999] })
    expect(unknown.statusCode).toBe(400)
    expect(unknown.json().message).toContain('单位 #999999')
    expect((await a.chase({ year: 2026, bureauIds: [] })).json().message).toContain('请至少选择一个单位')
    expect((await a.chase({ year: 2030 })).statusCode).toBe(404)
    expect([await a.count('chase_records'), await a.count('notifications'), await a.count('audit_events', "action = 'reminder.chase'")]).toEqual(before)
  })

  it('records a bureau without an active account, and says so', async () => {
    const czj = await a.bureauId('czj')
    await a.t.sql.run('update users set active = false where bureau_id = ?', [czj])
    await a.at(new Date('2027-03-22T02:00:00Z'))
    const result = (await a.chase({ year: 2026, bureauIds: [czj] })).json() as ChaseResult
    expect(result.bureaus[0]).toMatchObject({ bureauId: czj, recipients: 0, note: '无可接收的账号' })
    expect(await a.count('chase_records', "bureau_id = ? and at = '2027-03-22T02:00:00.000Z'", czj)).toBe(1)
  })

  it('lets only the office chase', async () => {
    for (const user of ['leader', 'kjj']) expect((await a.chase({ year: 2026 }, user)).statusCode, user).toBe(403)
  })
})

describe('chasing in parallel', () => {
  it('records each bureau once however many requests race', async () => {
    const a = await appAt(FOUR_DAYS_LATE)
    try {
      const responses = await Promise.all(Array.from({ length: 6 }, () => a.chase({ year: 2026 })))
      expect(responses.map((r) => r.statusCode)).toEqual(Array(6).fill(200))
      const results = responses.map((r) => r.json() as ChaseResult)
      const perBureau = await a.t.sql.all('select bureau_id as "bureauId", cast(count(*) as integer) as n from chase_records group by bureau_id') as { bureauId: number; n: number }[]
      expect(perBureau.length).toBe(results[0].bureaus.length)
      expect(perBureau.every((r) => r.n === 1)).toBe(true)
      // Exactly one request chased each bureau; the others answered it as skipped.
      for (const { bureauId } of perBureau) expect(results.filter((r) => r.bureaus.some((b) => b.bureauId === bureauId && !b.skipped))).toHaveLength(1)
      expect(await a.count('notifications', "kind = 'chase'")).toBe(perBureau.length)
      expect(await a.count('audit_events', "action = 'reminder.chase'")).toBe(perBureau.length)
    } finally {
      await a.t.close()
    }
  })
})

describe('GET /api/reminders/history', () => {
  it('lists every chase newest first, with who chased and what became of each channel', async () => {
    const a = await appAt(BEFORE_DUE)
    try {
      const kjj = await a.bureauId('kjj')
      const jyj = await a.bureauId('jyj')
      await channelSwitches(a.t.db).set({ email: true, webhook: false })
      await a.t.sql.run("update users set email = 'kjj@example.gov.cn' where username = 'kjj'")
      await a.chase({ year: 2026, bureauIds: [jyj] })
      await a.at(FOUR_DAYS_LATE)
      await a.chase({ year: 2026, bureauIds: [kjj] })
      await a.t.sql.run("update notifications set read_at = '2027-03-05T03:00:00.000Z' where user_id = (select id from users where username = 'jyj')")

      const res = await a.history(2026)
      expect(res.statusCode).toBe(200)
      const { records } = res.json() as ChaseHistory
      expect(records.map((r) => [r.bureauName, r.level, r.status, r.daysOverdue, r.chasedBy, r.at])).toEqual([
        ['示例县科技局', 'chase', 'draft', 4, '县委依法治县办', FOUR_DAYS_LATE.toISOString()],
        ['示例县教育局', 'remind', 'draft', 0, '县委依法治县办', BEFORE_DUE.toISOString()],
      ])
      expect(records[0].inApp).toEqual({ recipients: 1, read: 0 })
      expect(records[0].deliveries).toEqual([
        { channel: 'email', recipient: '科技局法治联络员', address: 'k***@example.gov.cn', status: 'pending', attempts: 0, lastError: null, deliveredAt: null },
      ])
      // jyj has no e-mail address: the in-app message only, read.
      expect(records[1].inApp).toEqual({ recipients: 1, read: 1 })
      expect(records[1].deliveries).toEqual([])

      expect((await a.history(2026, 'leader')).statusCode).toBe(200)
      expect((await a.history(2026, 'kjj')).statusCode).toBe(403)
      expect((await a.history(2030)).statusCode).toBe(404)
    } finally {
      await a.t.close()
    }
  })
})
