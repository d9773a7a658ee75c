import type { ChannelSettings, ChannelSettingsBody } from '@fazhi/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, login, withCsrf, type TestContext } from '../../helpers/app'
import { jsonOf, truthOf } from '../../helpers/databases'
import { localSmtpServer, localWebhook, readMail } from '../../helpers/outbound'

const PASSWORD = 'Smtp#密码-2026'
const SECRET = 'webhook-签名-secret'

let t: TestContext
let office: string
let smtp: Awaited<ReturnType<typeof localSmtpServer>>
let hook: Awaited<ReturnType<typeof localWebhook>>

const VALID: ChannelSettingsBody = {
  email: { enabled: true, host: '127.0.0.1', port: 2525, secure: false, username: 'fazhi', password: PASSWORD, from: 'fazhi@example.gov.cn' },
  webhook: { enabled: true, url: 'https://sms.example.gov.cn/hook', secret: SECRET },
}

const get = async () => t.app.inject({ method: 'GET', url: '/api/notifications/channels', headers: { cookie: office } })
const put = async (payload: unknown) => t.app.inject({ method: 'PUT', url: '/api/notifications/channels', headers: withCsrf(office), payload: payload as object })
const stored = async () => jsonOf<typeof VALID>((await t.sql.get("select value from app_settings where key = 'notifications.channels'") as { value: unknown }).value)
/** The audit rows of `action`, their before and after as the text stored (a PostgreSQL json column keeps its text as written). */
const auditRows = async (action: string) =>
  (await t.sql.all<{ username: string; success: unknown; before: string | null; after: string | null }>(
    'select username, success, cast(before as text) as before, cast(after as text) as after from audit_events where action = ? order by id',
    [action],
  )).map((row) => ({ ...row, success: truthOf(row.success) }))

beforeAll(async () => {
  smtp = await localSmtpServer({ user: 'fazhi', pass: PASSWORD })
  hook = await localWebhook((n) => (n === 1 ? 200 : 502))
  t = await createTestApp()
  office = await login(t.app, 'office')
})
afterAll(async () => {
  await t.close()
  await smtp.close()
  await hook.close()
})

describe('the channel settings', () => {
  it('start switched off, with nothing set', async () => {
    expect((await get()).json()).toEqual({
      email: { enabled: false, host: '', port: 587, secure: false, username: '', passwordSet: false, from: '' },
      webhook: { enabled: false, url: '', secretSet: false },
    })
  })

  it('are stored, answered without the password or secret, and audited without them', async () => {
    const res = await put(VALID)
    expect(res.statusCode, res.body).toBe(200)
    const expected: ChannelSettings = {
      email: { enabled: true, host: '127.0.0.1', port: 2525, secure: false, username: 'fazhi', passwordSet: true, from: 'fazhi@example.gov.cn' },
      webhook: { enabled: true, url: 'https://sms.example.gov.cn/hook', secretSet: true },
    }
    expect(res.json()).toEqual(expected)
    const read = await get()
    expect(read.json()).toEqual(expected)
    expect(read.body).not.toContain(PASSWORD)
    expect(read.body).not.toContain(SECRET)
    expect(await stored()).toMatchObject({ email: { password: PASSWORD }, webhook: { secret: SECRET } })

    const [row] = await auditRows('notifications.channels')
    expect(row.username).toBe('office')
    expect(JSON.parse(row.after!)).toEqual({ ...expected, webhook: { ...expected.webhook, urlQuery: null } })
    expect(JSON.parse(row.before!)).toMatchObject({ email: { enabled: false, passwordSet: false } })
    expect(`${row.before}${row.after}`).not.toContain(PASSWORD)
    expect(`${row.before}${row.after}`).not.toContain(SECRET)
  })

  it('audit a robot’s address without its query, where its credential is', async () => {
    const token = 'a'.repeat(40)
    const res = await put({ ...VALID, webhook: { ...VALID.webhook, url: `https://oapi.example.com/robot/send?access_token=${token}` } })
    expect(res.statusCode, res.body).toBe(200)
    const row = (await auditRows('notifications.channels')).at(-1)!
    expect(row.after).not.toContain(token)
    expect(JSON.parse(row.after!).webhook).toMatchObject({ url: 'https://oapi.example.com/robot/send', urlQuery: expect.stringMatching(/^[0-9a-f]{12}$/) })
  })

  it('keep the stored password and secret when the form leaves them empty, and remove them on null', async () => {
    expect((await put({ email: { ...VALID.email, password: '', port: 465, secure: true }, webhook: { ...VALID.webhook, secret: '' } })).statusCode).toBe(200)
    expect(await stored()).toMatchObject({ email: { password: PASSWORD, port: 465, secure: true }, webhook: { secret: SECRET } })
    const res = await put({ email: { ...VALID.email, password: '' }, webhook: { ...VALID.webhook, secret: null } })
    expect(res.json()).toMatchObject({ email: { passwordSet: true }, webhook: { secretSet: false } })
    expect(await stored()).toMatchObject({ email: { password: PASSWORD }, webhook: { secret: '' } })
    expect((await put(VALID)).statusCode).toBe(200)
  })

  it.each<[string, unknown, RegExp]>([
    ['a webhook on another scheme', { ...VALID, webhook: { ...VALID.webhook, url: 'ftp://sms.example.gov.cn/hook' } }, /Webhook 地址须以 http:\/\/ 或 https:\/\/ 开头/],
    ['a script address', { ...VALID, webhook: { ...VALID.webhook, url: 'javascript:alert(1)' } }, /Webhook 地址须以 http:\/\/ 或 https:\/\/ 开头/],
    ['a port out of range', { ...VALID, email: { ...VALID.email, port: 70000 } }, /端口应为 1–65535 之间的整数/],
    ['a port that is not a whole number', { ...VALID, email: { ...VALID.email, port: 25.5 } }, /端口应为 1–65535 之间的整数/],
    ['a port given as text', { ...VALID, email: { ...VALID.email, port: 'smtp' } }, /端口应为 1–65535 之间的整数/],
    ['a bad sender address', { ...VALID, email: { ...VALID.email, from: 'fazhi@' } }, /发件地址格式不正确/],
    ['e-mail switched on without a server', { ...VALID, email: { ...VALID.email, host: '' } }, /启用电子邮件通道须填写 SMTP 服务器和发件地址/],
    ['a webhook switched on without an address', { ...VALID, webhook: { ...VALID.webhook, url: '' } }, /启用 Webhook 通道须填写地址/],
  ])('refuse %s with a Chinese 400, changing nothing', async (_name, payload, message) => {
    const before = await stored()
    const audits = (await auditRows('notifications.channels')).length
    const res = await put(payload)
    expect(res.statusCode).toBe(400)
    expect(res.json().message).toMatch(message)
    expect(await stored()).toEqual(before)
    expect(await auditRows('notifications.channels')).toHaveLength(audits)
  })

  it('are the office’s alone: a bureau, the leader and the administrators are refused, and nothing changes', async () => {
    const before = await stored()
    for (const user of ['kjj', 'leader', 'sysadmin', 'secadmin', 'auditor']) {
      const cookie = await login(t.app, user)
      expect((await t.app.inject({ method: 'GET', url: '/api/notifications/channels', headers: { cookie } })).statusCode, user).toBe(403)
      expect((await t.app.inject({ method: 'PUT', url: '/api/notifications/channels', headers: withCsrf(cookie), payload: VALID })).statusCode, user).toBe(403)
      expect((await t.app.inject({ method: 'POST', url: '/api/notifications/channels/test', headers: withCsrf(cookie), payload: { channel: 'webhook' } })).statusCode, user).toBe(403)
    }
    expect(await stored()).toEqual(before)
  })

  it('two saves at once both land whole: the result is one of them, never a mix, and both are audited', async () => {
    const a = { ...VALID, email: { ...VALID.email, host: 'smtp-a.example.gov.cn', port: 25 }, webhook: { ...VALID.webhook, url: 'https://a.example.gov.cn/hook' } }
    const b = { ...VALID, email: { ...VALID.email, host: 'smtp-b.example.gov.cn', port: 465 }, webhook: { ...VALID.webhook, url: 'https://b.example.gov.cn/hook' } }
    const audits = (await auditRows('notifications.channels')).length
    const answers = await Promise.all([put(a), put(b)])
    expect(answers.map((r) => r.statusCode)).toEqual([200, 200])
    const now = await stored()
    const pairs = [a, b].map((x) => [x.email.host, x.email.port, x.webhook.url])
    expect(pairs).toContainEqual([now.email.host, now.email.port, now.webhook.url])
    expect(await auditRows('notifications.channels')).toHaveLength(audits + 2)
  })
})

describe('a test send', () => {
  it('delivers an e-mail through the stored settings to the address given, and audits it', async () => {
    expect((await put({ ...VALID, email: { ...VALID.email, port: smtp.port, password: '' } })).statusCode).toBe(200)
    const res = await t.app.inject({ method: 'POST', url: '/api/notifications/channels/test', headers: withCsrf(office), payload: { channel: 'email', to: 'wangwu@example.gov.cn' } })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toEqual({ delivered: true, error: null })
    expect(smtp.received).toHaveLength(1)
    expect(smtp.received[0].to).toEqual(['wangwu@example.gov.cn'])
    expect(smtp.received[0].user).toBe('fazhi')
    const mail = readMail(smtp.received[0].raw)
    expect(mail.subject).toBe('【法治督察】测试消息')
    expect(mail.text).toContain('收到即表示消息通道配置正确')
    const [row] = await auditRows('notifications.channel-test')
    expect(row).toMatchObject({ username: 'office', success: 1 })
    expect(JSON.parse(row.after!)).toEqual({ channel: 'email', to: 'wa***u@example.gov.cn', error: null })
  })

  it('answers the server’s refusal as not delivered', async () => {
    expect((await put({ ...VALID, email: { ...VALID.email, port: smtp.port, password: 'wrong' } })).statusCode).toBe(200)
    const res = await t.app.inject({ method: 'POST', url: '/api/notifications/channels/test', headers: withCsrf(office), payload: { channel: 'email', to: 'wangwu@example.gov.cn' } })
    expect(res.statusCode).toBe(200)
    expect(res.json().delivered).toBe(false)
    expect(res.json().error).toMatch(/Invalid username or password/)
    expect(smtp.received).toHaveLength(1)
    expect((await auditRows('notifications.channel-test')).at(-1)).toMatchObject({ success: 0 })
  })

  it('posts to the webhook, and answers its error status as not delivered', async () => {
    expect((await put({ ...VALID, webhook: { ...VALID.webhook, url: hook.url } })).statusCode).toBe(200)
    const send = () => t.app.inject({ method: 'POST', url: '/api/notifications/channels/test', headers: withCsrf(office), payload: { channel: 'webhook', to: '13812345678' } })
    expect((await send()).json()).toEqual({ delivered: true, error: null })
    expect(JSON.parse(hook.received[0].body)).toMatchObject({ kind: 'test', title: '测试消息', mobile: '13812345678' })
    expect((await send()).json()).toEqual({ delivered: false, error: 'HTTP 502: gateway error' })
  })

  it('answers a webhook nobody listens on as not delivered, with the network error', async () => {
    const closed = await localWebhook()
    await closed.close()
    expect((await put({ ...VALID, webhook: { ...VALID.webhook, url: closed.url } })).statusCode).toBe(200)
    const res = await t.app.inject({ method: 'POST', url: '/api/notifications/channels/test', headers: withCsrf(office), payload: { channel: 'webhook' } })
    expect(res.json().delivered).toBe(false)
    expect(res.json().error).toMatch(/ECONNREFUSED/)
  })

  it.each<[string, object, RegExp]>([
    ['an e-mail test without an address (the office has none)', { channel: 'email' }, /请填写测试收件邮箱/],
    ['a malformed e-mail address', { channel: 'email', to: 'not-an-address' }, /测试收件邮箱格式不正确/],
    ['a malformed mobile number', { channel: 'webhook', to: '12345' }, /测试手机号应为 11 位数字/],
    ['an unknown channel', { channel: 'sms' }, /请求参数无效/],
  ])('refuses %s with a Chinese 400, sending nothing', async (_name, payload, message) => {
    const mails = smtp.received.length
    const posts = hook.received.length
    const res = await t.app.inject({ method: 'POST', url: '/api/notifications/channels/test', headers: withCsrf(office), payload })
    expect(res.statusCode).toBe(400)
    expect(res.json().message).toMatch(message)
    expect(smtp.received).toHaveLength(mails)
    expect(hook.received).toHaveLength(posts)
  })
})
