import { NOTIFICATION_PAGE_SIZE, type NotificationList } from '@fazhi/shared'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { notificationDeliveries, notifications, users } from '../../../server/src/db/schema'
import { auditedTransaction } from '../../../server/src/db/transaction'
import { notificationsOn } from '../../../server/src/features/notifications/service'
import { channelSwitches } from '../../../server/src/features/notifications/settings'
import { completeValues, createWorkflowApp, type WorkflowContext } from '../workflow/helpers'

// 消息中心 of 科技局's liaison (kjj) and 教育局's (jyj): each reads and marks only its own messages, and
// chooses which channels reach it.

const china = (date: string, time = '10:00:00') => new Date(`${date}T${time}+08:00`)

let t: WorkflowContext
beforeAll(async () => {
  t = await createWorkflowApp({ now: china('2027-02-10') })
})
afterAll(() => t.close())

const userId = async (username: string) => ((await t.db.select({ id: users.id }).from(users).where(eq(users.username, username)).limit(1))[0])!.id
const messagesOf = async (username: string) => t.db.select().from(notifications).where(eq(notifications.userId, await userId(username)))
/** Messages to `username` through the notifications service, in a transaction of their own as an event would make them. */
async function send(username: string, count: number, kind: 'approved' | 'returned' = 'approved') {
  const service = notificationsOn(t.db, () => new Date())
  return await auditedTransaction(t.db)({ user: null, name: 'test', ip: null }, async () => {
    const ids: number[] = []
    for (let i = 0; i < count; i++) ids.push(...(await service.notify({ userIds: [await userId(username)], kind, title: `消息 ${i + 1}`, body: '正文', link: '/submissions/1' })))
    return ids
  })
}
const list = async (username: string, query = ''): Promise<NotificationList> => {
  const res = await t.call(username, 'GET', `/api/notifications${query}`)
  expect(res.status).toBe(200)
  return res.body
}

describe('the message list', () => {
  it('shows the caller’s own messages, newest first, a page at a time, with the unread count', async () => {
    const ids = await send('kjj', NOTIFICATION_PAGE_SIZE + 5)
    await send('jyj', 2)
    const first = await list('kjj')
    expect(first).toMatchObject({ unread: NOTIFICATION_PAGE_SIZE + 5, total: NOTIFICATION_PAGE_SIZE + 5 })
    expect(first.items.map((i) => i.id)).toEqual([...ids].reverse().slice(0, NOTIFICATION_PAGE_SIZE))
    expect(first.items[0]).toMatchObject({ kind: 'approved', title: `消息 ${NOTIFICATION_PAGE_SIZE + 5}`, link: '/submissions/1', readAt: null })
    expect((await list('kjj', '?page=2')).items.map((i) => i.id)).toEqual([...ids].reverse().slice(NOTIFICATION_PAGE_SIZE))
    expect(await list('jyj')).toMatchObject({ unread: 2, total: 2 })
    expect((await list('jyj')).items.every((i) => !ids.includes(i.id))).toBe(true)
  })

  it('marks the named messages read; the unread tab and count follow', async () => {
    const [a, b] = (await list('kjj')).items
    const res = await t.call('kjj', 'POST', '/api/notifications/read', { ids: [a.id, b.id] })
    expect(res).toMatchObject({ status: 200, body: { marked: 2, unread: NOTIFICATION_PAGE_SIZE + 3 } })
    const unread = await list('kjj', '?unread=1')
    expect(unread).toMatchObject({ unread: NOTIFICATION_PAGE_SIZE + 3, total: NOTIFICATION_PAGE_SIZE + 3 })
    expect(unread.items.map((i) => i.id)).not.toContain(a.id)
    expect((await list('kjj')).items.find((i) => i.id === a.id)!.readAt).toBe(new Date(china('2027-02-10')).toISOString())
    // Marking again marks nothing and writes no audit row.
    const audits = (await t.auditOf('notifications.read')).length
    expect((await t.call('kjj', 'POST', '/api/notifications/read', { ids: [a.id] })).body).toMatchObject({ marked: 0 })
    expect(await t.auditOf('notifications.read')).toHaveLength(audits)
  })

  it('another user’s ids change nothing, and “all” marks only the caller’s own', async () => {
    const kjjUnread = (await messagesOf('kjj')).filter((m) => m.readAt === null)
    const res = await t.call('jyj', 'POST', '/api/notifications/read', { ids: kjjUnread.map((m) => m.id) })
    expect(res).toMatchObject({ status: 200, body: { marked: 0, unread: 2 } })
    expect((await t.call('jyj', 'POST', '/api/notifications/read', { all: true })).body).toEqual({ marked: 2, unread: 0 })
    expect((await list('kjj')).unread).toBe(kjjUnread.length)
    expect((await messagesOf('kjj')).filter((m) => m.readAt === null)).toEqual(kjjUnread)
  })

  it('refuses a malformed request with a Chinese message', async () => {
    for (const body of [{ ids: [] }, { all: false }, { ids: ['x'] }, {}]) {
      const res = await t.call('kjj', 'POST', '/api/notifications/read', body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.body.message).toMatch(/^请求参数无效/)
    }
    expect((await t.call('kjj', 'GET', '/api/notifications?page=0')).status).toBe(400)
  })
})

describe('preferences', () => {
  it('start empty and save e-mail, mobile and per-kind switches, audited', async () => {
    expect((await t.call('kjj', 'GET', '/api/notifications/preferences')).body).toEqual({ email: null, mobile: null, channels: {} })
    const prefs = { email: 'kjj@example.gov.cn', mobile: '13800000001', channels: { returned: { email: false }, due: { webhook: false, email: true } } }
    const res = await t.call('kjj', 'PUT', '/api/notifications/preferences', prefs)
    expect(res).toMatchObject({ status: 200, body: prefs })
    expect((await t.call('kjj', 'GET', '/api/notifications/preferences')).body).toEqual(prefs)
    expect((await t.call('jyj', 'GET', '/api/notifications/preferences')).body).toEqual({ email: null, mobile: null, channels: {} })
    expect((await t.auditOf('notifications.preferences', await userId('kjj'))).at(-1)).toMatchObject({ username: 'kjj' })
  })

  it.each([
    [{ email: 'not-an-address', mobile: null, channels: {} }, '邮箱地址格式不正确'],
    [{ email: null, mobile: '1380000', channels: {} }, '手机号应为 11 位数字'],
    [{ email: null, mobile: null, channels: { nonsense: { email: false } } }, '请求参数无效'],
  ])('refuses %j with a Chinese 400 and changes nothing', async (body, message) => {
    const before = (await t.call('kjj', 'GET', '/api/notifications/preferences')).body
    const res = await t.call('kjj', 'PUT', '/api/notifications/preferences', body)
    expect(res.status).toBe(400)
    expect(res.body.message).toContain(message)
    expect((await t.call('kjj', 'GET', '/api/notifications/preferences')).body).toEqual(before)
  })

  it('a channel the user switched off for a kind gets no delivery; the others do, once the county has them on', async () => {
    const deliveriesOf = async (ids: number[]) => (await t.db.select().from(notificationDeliveries)).filter((d) => ids.includes(d.notificationId))
    // The county's channels are off by default: nothing is queued.
    expect(await deliveriesOf(await send('kjj', 1, 'returned'))).toEqual([])
    await auditedTransaction(t.db)({ user: null, name: 'test', ip: null }, () => channelSwitches(t.db).set({ email: true, webhook: true }))
    // kjj switched e-mail off for returns (above): only the webhook, with the mobile number.
    expect((await deliveriesOf(await send('kjj', 1, 'returned'))).map((d) => [d.channel, d.address])).toEqual([['webhook', '13800000001']])
    expect(
      (await deliveriesOf(await send('kjj', 1, 'approved')))
        .map((d) => [d.channel, d.address, d.status])
        .sort(),
    ).toEqual([
      ['email', 'kjj@example.gov.cn', 'pending'],
      ['webhook', '13800000001', 'pending'],
    ])
  })
})

describe('marking all read while messages arrive', () => {
  it('marks each message once, and leaves the ones that arrived after unread', async () => {
    // kjj's 2026 report, returned: each office comment on it now tells kjj.
    const s = (await t.submissionOf('kjj', 2026))!
    const detail = (await t.call('office', 'GET', `/api/submissions/${s.id}`)).body
    expect((await t.call('office', 'PUT', `/api/submissions/${s.id}`, { version: detail.version, values: completeValues(detail) })).status).toBe(200)
    expect((await t.call('kjj', 'POST', `/api/submissions/${s.id}/submit`)).status).toBe(200)
    expect((await t.call('office', 'POST', `/api/submissions/${s.id}/return`, { reason: '请核实' })).status).toBe(200)
    await t.as('kjj')
    await t.as('office')

    const before = (await messagesOf('kjj')).length
    const unreadBefore = (await messagesOf('kjj')).filter((m) => m.readAt === null).length
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        i % 2 ? t.call('kjj', 'POST', '/api/notifications/read', { all: true }) : t.call('office', 'POST', '/api/comments', { submissionId: s.id, text: `批注 ${i}` }),
      ),
    )
    for (const r of results) expect(r.status).toBeLessThan(300)
    const comments = results.filter((_, i) => i % 2 === 0).length
    const after = await messagesOf('kjj')
    expect(after).toHaveLength(before + comments)
    const marked = results.filter((_, i) => i % 2).reduce((sum, r) => sum + r.body.marked, 0)
    const stillUnread = after.filter((m) => m.readAt === null).length
    // Every message unread before or arriving meanwhile is either marked by exactly one call or still unread.
    expect(marked + stillUnread).toBe(unreadBefore + comments)
    expect((await list('kjj')).unread).toBe(stillUnread)
    expect((await t.call('kjj', 'POST', '/api/notifications/read', { all: true })).body).toEqual({ marked: stillUnread, unread: 0 })
  })
})
