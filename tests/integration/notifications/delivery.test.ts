import { mapInOrder } from '../../../server/src/lib/in-order'
import { createHmac } from 'node:crypto'
import { DELIVERY_BACKOFF_MINUTES, type ChannelSettingsBody, type DeliveryLog } from '@fazhi/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../../server/src/db/client'
import { deliveryWorker, outboundTransports } from '../../../server/src/features/notifications/delivery'
import { type Message, notificationsOn } from '../../../server/src/features/notifications/service'
import { createTestApp, login, withCsrf, type TestContext } from '../../helpers/app'
import { localSmtpServer, localWebhook, readMail } from '../../helpers/outbound'

const PUBLIC_URL = 'https://fazhi.example.gov.cn'
const SMTP_ACCOUNT = { user: 'fazhi-mailer', pass: 'Mail#2026-秘' }
const HOOK_SECRET = 'hook-secret-2026'
const T0 = new Date('2026-11-20T02:00:00.000Z')
const MINUTE = 60_000

let t: TestContext
let smtp: Awaited<ReturnType<typeof localSmtpServer>>
/** Answers 500 twice, then 200, to the first message; the always-failing case sets its own. */
let hook: Awaited<ReturnType<typeof localWebhook>>
let hookAnswer: (n: number) => number = (n) => (n <= 2 ? 500 : 200)

const userId = async (username: string) => (await t.sql.get('select id from users where username = ?', [username]) as { id: number }).id
const deliveriesOf = async (notificationId: number) =>
  await t.sql.all('select * from notification_deliveries where notification_id = ? order by channel', [notificationId]) as {
    channel: string
    status: string
    attempts: number
    last_error: string | null
    next_attempt_at: string
    delivered_at: string | null
    address: string | null
  }[]

/** A message through the service the events use, inside a transaction as they call it. */
async function notify(message: Omit<Message, 'kind'> & { kind?: Message['kind'] }): Promise<number[]> {
  return await t.db.transaction(() => notificationsOn(t.db, () => T0).notify({ kind: 'returned', ...message }))
}

/** The office's session, opened at the clock's current time (the tests move it by days). */
const asOffice = () => login(t.app, 'office')

async function configure(body: Partial<ChannelSettingsBody>) {
  const office = await asOffice()
  const current = (await t.app.inject({ method: 'GET', url: '/api/notifications/channels', headers: { cookie: office } })).json()
  const payload = {
    email: { ...current.email, password: '', ...body.email },
    webhook: { ...current.webhook, secret: '', ...body.webhook },
  }
  delete payload.email.passwordSet
  delete payload.webhook.secretSet
  const res = await t.app.inject({ method: 'PUT', url: '/api/notifications/channels', headers: withCsrf(office), payload })
  expect(res.statusCode, res.body).toBe(200)
}

beforeAll(async () => {
  smtp = await localSmtpServer(SMTP_ACCOUNT)
  hook = await localWebhook((n) => hookAnswer(n))
  t = await createTestApp({ now: T0, publicUrl: PUBLIC_URL })
  await t.sql.run("update users set email = 'zhangsan@kjj.example.gov.cn', mobile = '13812345678' where username = 'kjj'")
  await t.sql.run("update users set email = 'lisi@jyj.example.gov.cn', mobile = '13987654321' where username = 'jyj'")
})
afterAll(async () => {
  await t.close()
  await smtp.close()
  await hook.close()
})

describe('e-mail to a real SMTP server', () => {
  it('delivers a message created by notify, with its Chinese subject and body, to the recipient', async () => {
    await configure({
      email: { enabled: true, host: '127.0.0.1', port: smtp.port, secure: false, username: SMTP_ACCOUNT.user, password: SMTP_ACCOUNT.pass, from: 'fazhi@example.gov.cn' },
      webhook: { enabled: false, url: '', secret: null },
    })
    const [id] = await notify({
      userIds: [await userId('kjj')],
      title: '2026 年度报告被退回',
      body: '依法治县办退回了贵单位 2026 年度的报告：请核实专题会议次数。',
      link: '/submissions/42',
    })
    expect((await deliveriesOf(id)).map((d) => [d.channel, d.status])).toEqual([['email', 'pending']])

    expect(await t.app.deliveries.runDue()).toEqual({ sent: 1, retrying: 0, failed: 0 })
    expect(smtp.received).toHaveLength(1)
    const [mail] = smtp.received
    expect(mail.to).toEqual(['zhangsan@kjj.example.gov.cn'])
    expect(mail.from).toBe('fazhi@example.gov.cn')
    expect(mail.user).toBe(SMTP_ACCOUNT.user)
    const read = readMail(mail.raw)
    expect(read.subject).toBe('【法治督察】2026 年度报告被退回')
    expect(read.to).toBe('zhangsan@kjj.example.gov.cn')
    expect(read.text).toContain('依法治县办退回了贵单位 2026 年度的报告：请核实专题会议次数。')
    expect(read.text).toContain(`查看详情：${PUBLIC_URL}/submissions/42`)
    expect(read.html).toContain(`<a href="${PUBLIC_URL}/submissions/42">查看详情</a>`)
    expect(read.html).toContain('请核实专题会议次数')

    const [row] = await deliveriesOf(id)
    expect(row).toMatchObject({ status: 'sent', attempts: 1, last_error: null, delivered_at: T0.toISOString() })
    // Nothing is sent twice.
    expect(await t.app.deliveries.runDue()).toEqual({ sent: 0, retrying: 0, failed: 0 })
    expect(smtp.received).toHaveLength(1)
  })

  it('records a refused login as a failure to retry, with the server’s error', async () => {
    await configure({ email: { enabled: true, host: '127.0.0.1', port: smtp.port, secure: false, username: SMTP_ACCOUNT.user, password: 'wrong', from: 'fazhi@example.gov.cn' } })
    const [id] = await notify({ userIds: [await userId('kjj')], title: '收到批注', body: '请查看批注' })
    expect(await t.app.deliveries.runDue()).toEqual({ sent: 0, retrying: 1, failed: 0 })
    const [row] = await deliveriesOf(id)
    expect(row.status).toBe('pending')
    expect(row.attempts).toBe(1)
    expect(row.last_error).toMatch(/Invalid username or password/)
    expect(row.next_attempt_at).toBe(new Date(T0.getTime() + MINUTE).toISOString())
    // Back to the right password: the retry delivers it once its time has come.
    await configure({ email: { enabled: true, host: '127.0.0.1', port: smtp.port, secure: false, username: SMTP_ACCOUNT.user, password: SMTP_ACCOUNT.pass, from: 'fazhi@example.gov.cn' } })
    expect(await t.app.deliveries.runDue()).toEqual({ sent: 0, retrying: 0, failed: 0 })
    t.setNow(new Date(T0.getTime() + MINUTE))
    expect(await t.app.deliveries.runDue()).toEqual({ sent: 1, retrying: 0, failed: 0 })
    expect((await deliveriesOf(id))[0]).toMatchObject({ status: 'sent', attempts: 2 })
    t.setNow(T0)
  })

  it('two workers on two connections, run in parallel, send each message exactly once', async () => {
    const before = smtp.received.length
    const recipients = [await userId('kjj'), await userId('jyj')]
    const ids = (await mapInOrder(Array.from({ length: 6 }, (_, i) => i), (i) => notify({ userIds: recipients, title: `并发测试 ${i}`, body: `第 ${i} 条` }))).flat()
    const second = openDatabase(t.dbUrl)
    try {
      const other = deliveryWorker(second, () => T0, outboundTransports(second, () => T0))
      const [a, b] = await Promise.all([t.app.deliveries.runDue(), other.runDue()])
      expect(a.sent + b.sent).toBe(12)
    } finally {
      await second.connection.close()
    }
    const received = smtp.received.slice(before).map((m) => `${m.to[0]} ${readMail(m.raw).subject}`)
    expect(received).toHaveLength(12)
    expect(new Set(received).size).toBe(12)
    for (const id of ids) expect((await deliveriesOf(id))[0]).toMatchObject({ status: 'sent', attempts: 1 })
  })
})

describe('the webhook', () => {
  it('retries a failing webhook after its backoff, logs each attempt, and posts the signed JSON', async () => {
    await configure({ email: { enabled: false }, webhook: { enabled: true, url: hook.url, secret: HOOK_SECRET } } as Partial<ChannelSettingsBody>)
    const [id] = await notify({ kind: 'chase', userIds: [await userId('kjj')], title: '催报通知', body: '贵单位 2026 年度报告已逾期 3 天，请尽快上报。', link: '/submissions?year=2026' })
    expect(await deliveriesOf(id)).toMatchObject([{ channel: 'webhook', status: 'pending', address: '13812345678' }])

    expect(await t.app.deliveries.runDue()).toEqual({ sent: 0, retrying: 1, failed: 0 })
    expect((await deliveriesOf(id))[0]).toMatchObject({ status: 'pending', attempts: 1, last_error: 'HTTP 500: gateway error', next_attempt_at: new Date(T0.getTime() + MINUTE).toISOString() })
    // Not before its time.
    t.setNow(new Date(T0.getTime() + 30_000))
    expect(await t.app.deliveries.runDue()).toEqual({ sent: 0, retrying: 0, failed: 0 })
    expect(hook.received).toHaveLength(1)

    t.setNow(new Date(T0.getTime() + MINUTE))
    expect(await t.app.deliveries.runDue()).toEqual({ sent: 0, retrying: 1, failed: 0 })
    expect((await deliveriesOf(id))[0]).toMatchObject({ attempts: 2, next_attempt_at: new Date(T0.getTime() + 6 * MINUTE).toISOString() })

    t.setNow(new Date(T0.getTime() + 6 * MINUTE))
    expect(await t.app.deliveries.runDue()).toEqual({ sent: 1, retrying: 0, failed: 0 })
    expect((await deliveriesOf(id))[0]).toMatchObject({ status: 'sent', attempts: 3, last_error: null, delivered_at: new Date(T0.getTime() + 6 * MINUTE).toISOString() })

    expect(hook.received).toHaveLength(3)
    const last = hook.received[2]
    expect(last.headers['content-type']).toMatch(/^application\/json/)
    expect(JSON.parse(last.body)).toEqual({
      kind: 'chase',
      title: '催报通知',
      body: '贵单位 2026 年度报告已逾期 3 天，请尽快上报。',
      link: `${PUBLIC_URL}/submissions?year=2026`,
      mobile: '13812345678',
      sentAt: new Date(T0.getTime() + 6 * MINUTE).toISOString(),
    })
    expect(last.headers['x-fazhi-signature']).toBe(`sha256=${createHmac('sha256', HOOK_SECRET).update(last.body).digest('hex')}`)

    const log = (await t.app.inject({ method: 'GET', url: '/api/notifications/deliveries?channel=webhook', headers: { cookie: await asOffice() } })).json<DeliveryLog>()
    expect(log.items).toHaveLength(1)
    expect(log.items[0]).toMatchObject({ kind: 'chase', title: '催报通知', recipient: '科技局法治联络员', channel: 'webhook', address: '138****5678', status: 'sent', attempts: 3, lastError: null })
    t.setNow(T0)
  })

  it('ends a webhook that always fails as failed after 5 attempts, waiting 1, 5, 30 and 120 minutes between them', async () => {
    hookAnswer = () => 503
    const [id] = await notify({ userIds: [await userId('jyj')], title: '报告审核通过', body: '已通过' })
    let at = T0.getTime()
    for (const [i, wait] of [...DELIVERY_BACKOFF_MINUTES, null].entries()) {
      t.setNow(new Date(at))
      const counts = await t.app.deliveries.runDue()
      const [row] = await deliveriesOf(id)
      expect(row.attempts).toBe(i + 1)
      expect(row.last_error).toBe('HTTP 503: gateway error')
      if (wait === null) {
        expect(counts.failed).toBe(1)
        expect(row.status).toBe('failed')
      } else {
        expect(counts.retrying).toBe(1)
        expect(row.status).toBe('pending')
        expect(row.next_attempt_at).toBe(new Date(at + wait * MINUTE).toISOString())
        at += wait * MINUTE
      }
    }
    // Failed for good: no sixth attempt however late it gets.
    t.setNow(new Date(at + 24 * 60 * MINUTE))
    const posts = hook.received.length
    expect(await t.app.deliveries.runDue()).toEqual({ sent: 0, retrying: 0, failed: 0 })
    expect(hook.received).toHaveLength(posts)

    const failed = (await t.app.inject({ method: 'GET', url: '/api/notifications/deliveries?status=failed&channel=webhook', headers: { cookie: await asOffice() } })).json<DeliveryLog>()
    expect(failed.items.map((d) => [d.title, d.attempts, d.lastError, d.address])).toEqual([['报告审核通过', 5, 'HTTP 503: gateway error', '139****4321']])
    hookAnswer = () => 200
    t.setNow(T0)
  })

  it('a channel the county switched off: its waiting deliveries end failed, unsent', async () => {
    hookAnswer = () => 500
    const [id] = await notify({ userIds: [await userId('kjj')], title: '逾期未报', body: '请尽快上报' })
    expect(await t.app.deliveries.runDue()).toMatchObject({ retrying: 1 })
    const posts = hook.received.length
    await configure({ webhook: { enabled: false, url: hook.url, secret: '' } } as Partial<ChannelSettingsBody>)
    t.setNow(new Date(T0.getTime() + 10 * MINUTE))
    expect(await t.app.deliveries.runDue()).toEqual({ sent: 0, retrying: 0, failed: 0 })
    expect((await deliveriesOf(id))[0]).toMatchObject({ status: 'failed', attempts: 1, last_error: '通道已关闭' })
    expect(hook.received).toHaveLength(posts)
    hookAnswer = () => 200
    t.setNow(T0)
  })
})

describe('the delivery log', () => {
  it('lists, filters, sorts and pages every delivery, with masked addresses, for the office only', async () => {
    const all = (await t.app.inject({ method: 'GET', url: '/api/notifications/deliveries', headers: { cookie: await asOffice() } })).json<DeliveryLog>()
    const total = await t.sql.get('select cast(count(*) as integer) as n from notification_deliveries') as { n: number }
    expect(all.total).toBe(total.n)
    expect(all.items).toHaveLength(Math.min(total.n, all.pageSize))
    expect(all.items.map((d) => d.createdAt)).toEqual([...all.items.map((d) => d.createdAt)].sort().reverse())
    for (const d of all.items) expect(d.address ?? '').not.toMatch(/zhangsan|lisi|12345678|87654321/)
    const page2 = (await t.app.inject({ method: 'GET', url: '/api/notifications/deliveries?page=2', headers: { cookie: await asOffice() } })).json<DeliveryLog>()
    expect(page2.items.map((d) => d.id).filter((id) => all.items.some((d) => d.id === id))).toEqual([])
    expect(all.items.length + page2.items.length).toBe(Math.min(total.n, 2 * all.pageSize))
    const byAttempts = (await t.app.inject({ method: 'GET', url: '/api/notifications/deliveries?sort=attempts&order=desc', headers: { cookie: await asOffice() } })).json<DeliveryLog>()
    expect(byAttempts.items[0].attempts).toBe(5)

    const bad = await t.app.inject({ method: 'GET', url: '/api/notifications/deliveries?status=lost', headers: { cookie: await asOffice() } })
    expect(bad.statusCode).toBe(400)
    for (const user of ['kjj', 'leader']) {
      const res = await t.app.inject({ method: 'GET', url: '/api/notifications/deliveries', headers: { cookie: await login(t.app, user) } })
      expect(res.statusCode).toBe(403)
    }
  })
})
