import type { NotificationKind } from '@fazhi/shared'
import { asc, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { notifications, users } from '../../../server/src/db/schema'
import { dueRemindersOn } from '../../../server/src/features/notifications/due'
import { completeValues, createWorkflowApp, type WorkflowContext } from '../workflow/helpers'

// Each event that tells someone, played through the API on the demo county: 发展改革委's (fgw) 2026
// report is reviewed, 科技局 (kjj) has a 整改 item checked, 2025 is published, and the due-date
// reminders of 2026 (due 2027-03-01) run on chosen days. 教育局 (jyj) is the bystander.

const china = (date: string, time = '10:00:00') => new Date(`${date}T${time}+08:00`)

let t: WorkflowContext
let report: number

beforeAll(async () => {
  t = await createWorkflowApp({ now: china('2027-02-10') })
})
afterAll(() => t.close())

const userId = async (username: string) => ((await t.db.select({ id: users.id }).from(users).where(eq(users.username, username)).limit(1))[0])!.id
const inboxOf = async (username: string, kind?: NotificationKind) =>
  (await t.db
    .select()
    .from(notifications)
    .where(eq(notifications.userId, await userId(username)))
    .orderBy(asc(notifications.id)))
    .filter((n) => !kind || n.kind === kind)
const allMessages = () => t.db.select().from(notifications)
/** What an action added to the message table. */
async function added<T>(act: () => Promise<T>) {
  const before = new Set((await allMessages()).map((n) => n.id))
  const result = await act()
  return { result, messages: (await allMessages()).filter((n) => !before.has(n.id)) }
}
const recipients = (messages: { userId: number }[]) => messages.map((m) => m.userId).sort((a, b) => a - b)

describe('the review of a report', () => {
  beforeAll(async () => {
    const created = await t.call('office', 'POST', '/api/submissions', { year: 2026, bureauId: await t.bureauId('fgw') })
    const saved = await t.call('office', 'PUT', `/api/submissions/${created.body.id}`, { version: created.body.version, values: completeValues(created.body) })
    expect(saved.status).toBe(200)
    report = saved.body.id
    expect((await t.call('fgw', 'POST', `/api/submissions/${report}/submit`)).status).toBe(200)
  })

  it('submitting tells nobody', async () => {
    expect(await allMessages()).toEqual([])
  })

  it('a return tells only the bureau: its reason and resubmission deadline, and the comments sent with it', async () => {
    // The office comments while reviewing: unsent, it tells nobody yet.
    const { messages: unsent } = await added(() => t.call('office', 'POST', '/api/comments', { submissionId: report, indicator: 'lead.topic_meetings', text: '会议次数与纪要不符' }))
    expect(unsent).toEqual([])
    const { result, messages } = await added(() => t.call('office', 'POST', `/api/submissions/${report}/return`, { reason: '数据需核实', resubmitDeadline: '2027-02-20' }))
    expect(result.status).toBe(200)
    expect(recipients(messages)).toEqual([await userId('fgw'), await userId('fgw')])
    const [returned] = await inboxOf('fgw', 'returned')
    expect(returned).toMatchObject({ title: '2026 年度填报被退回', link: `/submissions/${report}`, year: 2026, bureauId: await t.bureauId('fgw'), readAt: null })
    expect(returned.body).toContain('数据需核实')
    expect(returned.body).toContain('2027-02-20')
    expect(await inboxOf('fgw', 'commented')).toMatchObject([{ title: '2026 年度填报收到 1 条批注', link: `/submissions/${report}` }])
    expect(await inboxOf('jyj')).toEqual([])
    expect(await inboxOf('office')).toEqual([])
  })

  it('an office comment on the returned report tells the bureau; its answer tells the office', async () => {
    const followUp = await added(() => t.call('office', 'POST', '/api/comments', { submissionId: report, text: '另请补充会议纪要' }))
    expect(followUp.result.status).toBe(201)
    expect(followUp.messages).toMatchObject([{ userId: await userId('fgw'), kind: 'commented', title: '2026 年度填报收到新批注', link: `/submissions/${report}` }])
    expect(followUp.messages[0].body).toContain('另请补充会议纪要')

    const answer = await added(() => t.call('fgw', 'POST', '/api/comments', { submissionId: report, replyTo: followUp.result.body.id, text: '已补充，见附件' }))
    expect(answer.result.status).toBe(201)
    expect(answer.messages).toMatchObject([{ userId: await userId('office'), kind: 'commented', title: '示例县发展和改革委员会答复了 2026 年度填报的批注', link: `/submissions/${report}` }])
    expect(await inboxOf('jyj')).toEqual([])
    expect(await inboxOf('leader')).toEqual([])
  })

  it('an approval tells the bureau once; a refused transition (409) creates no message', async () => {
    expect((await t.call('fgw', 'POST', `/api/submissions/${report}/submit`)).status).toBe(200)
    const approved = await added(() => t.call('office', 'POST', `/api/submissions/${report}/approve`))
    expect(approved.result.status).toBe(200)
    expect(approved.messages).toMatchObject([{ userId: await userId('fgw'), kind: 'approved', title: '2026 年度填报已审核通过', link: `/submissions/${report}` }])

    const refused = await added(() => t.call('office', 'POST', `/api/submissions/${report}/return`, { reason: '再看看' }))
    expect(refused.result.status).toBe(409)
    expect(refused.messages).toEqual([])
  })
})

describe('the 销号 of a 整改 item', () => {
  it('sending back and verifying each tell the item’s bureau only', async () => {
    const item = await t.call('office', 'POST', '/api/rectifications', {
      problem: '行政执法案卷评查发现的问题未整改到位',
      measure: '完善台账',
      owner: '法规股',
      deadline: '2026-12-31',
      status: 'not_started',
      year: 2026,
      bureauId: await t.bureauId('kjj'),
    })
    expect(item.status).toBe(201)
    const markDone = (version: number) =>
      t.call('kjj', 'PUT', `/api/rectifications/${item.body.id}`, {
        problem: item.body.problem,
        measure: '完善台账',
        owner: '法规股',
        deadline: '2026-12-31',
        status: 'done',
        completedAt: '2027-01-08',
        evidence: '整改报告已归档',
        version,
      })
    const done = await markDone(item.body.version)
    expect(done.status).toBe(200)

    const back = await added(() => t.call('office', 'POST', `/api/rectifications/${item.body.id}/verify`, { approve: false, reason: '佐证材料不足' }))
    expect(back.result.status).toBe(200)
    expect(back.messages).toMatchObject([{ userId: await userId('kjj'), kind: 'verified', title: '整改事项被退回重改', link: '/rectifications?year=2026' }])
    expect(back.messages[0].body).toContain('佐证材料不足')

    expect((await markDone(back.result.body.version)).status).toBe(200)
    const verified = await added(() => t.call('office', 'POST', `/api/rectifications/${item.body.id}/verify`, { approve: true }))
    expect(verified.result.status).toBe(200)
    expect(verified.messages).toMatchObject([{ userId: await userId('kjj'), kind: 'verified', title: '整改事项已销号', link: '/rectifications?year=2026' }])

    const again = await added(() => t.call('office', 'POST', `/api/rectifications/${item.body.id}/verify`, { approve: true }))
    expect(again.result.status).toBe(409)
    expect(again.messages).toEqual([])
  })
})

describe('定稿发布', () => {
  it('tells every business account once, each with a page it may open; the administrators hear nothing', async () => {
    const { result, messages } = await added(() => t.call('office', 'POST', '/api/cycles/2025/publish', { title: '2025年度法治建设考核结果' }))
    expect(result.status, JSON.stringify(result.body)).toBe(201)
    const business = (await t.db.select().from(users)).filter((u) => u.active && ['office', 'leader', 'bureau'].includes(u.role ?? ''))
    expect(recipients(messages)).toEqual(business.map((u) => u.id).sort((a, b) => a - b))
    for (const m of messages) expect(m).toMatchObject({ kind: 'published', title: '2025 年度考核结果已发布（第 1 版）', year: 2025 })
    expect((await inboxOf('office', 'published'))[0].link).toBe('/results?year=2025')
    expect((await inboxOf('leader', 'published'))[0].link).toBe('/results?year=2025')
    expect((await inboxOf('jyj', 'published'))[0].link).toBe('/ranking?year=2025')
    for (const admin of ['sysadmin', 'secadmin', 'auditor']) expect(await inboxOf(admin)).toEqual([])
  })
})

describe('due-date reminders (2026 due 2027-03-01)', () => {
  const reminders = () => dueRemindersOn(t.db, () => new Date())
  /**
   * fgw's report is approved above; jyj's is returned here, with a resubmission deadline of its own
   * told with the return: every other bureau with a 2026 account has not reported.
   */
  const outstandingUsers = async () => (await t.db.select().from(users)).filter((u) => u.role === 'bureau' && u.active && u.username !== 'fgw' && u.username !== 'jyj')
  beforeAll(async () => {
    await t.sql.run("update submissions set status = 'returned' where year = 2026 and bureau_id = (select id from bureaus where code = 'jyj')")
  })

  it.each([
    [14, '2027-02-15', '2026 年度填报还有 14 天截止'],
    [7, '2027-02-22', '2026 年度填报还有 7 天截止'],
    [1, '2027-02-28', '2026 年度填报还有 1 天截止'],
  ])('%i days before: each bureau that has not reported is told once, the one that has is not', async (day, date, title) => {
    const before = new Set((await allMessages()).map((n) => n.id))
    const created = await reminders().remindDue(china(date, '08:00:00'))
    const messages = (await allMessages()).filter((n) => !before.has(n.id))
    expect(created).toBe(messages.length)
    expect(recipients(messages)).toEqual((await outstandingUsers()).map((u) => u.id).sort((a, b) => a - b))
    for (const m of messages) expect(m).toMatchObject({ kind: 'due', title, link: '/entry?year=2026', dedupeKey: `due:2026:${day}` })
    expect(await inboxOf('fgw', 'due')).toEqual([])
    expect((await t.auditOf('notifications.remind', 2026)).at(-1)).toMatchObject({ username: 'system', userId: null })

    // The same day again (a restart): nothing new.
    expect(await reminders().remindDue(china(date, '18:00:00'))).toBe(0)
    expect(await inboxOf('kjj', 'due')).toHaveLength([14, 7, 1].indexOf(day) + 1)
    expect(await inboxOf('jyj', 'due')).toEqual([])
  })

  it('the day after the due date, each bureau that has not reported is told it is overdue, once', async () => {
    const before = new Set((await allMessages()).map((n) => n.id))
    const created = await reminders().remindDue(china('2027-03-02', '08:00:00'))
    const messages = (await allMessages()).filter((n) => !before.has(n.id))
    expect(created).toBe((await outstandingUsers()).length)
    expect(recipients(messages)).toEqual((await outstandingUsers()).map((u) => u.id).sort((a, b) => a - b))
    for (const m of messages) expect(m).toMatchObject({ kind: 'overdue', title: '2026 年度填报已逾期', dedupeKey: 'overdue:2026' })
    expect(await reminders().remindDue(china('2027-03-03', '08:00:00'))).toBe(0)
    expect(await inboxOf('fgw', 'overdue')).toEqual([])
    expect(await inboxOf('jyj', 'overdue')).toEqual([])
  })

  it('between reminder days and long after the due date, nothing is sent', async () => {
    const before = (await allMessages()).length
    expect(await reminders().remindDue(china('2027-01-20'))).toBe(0)
    expect(await reminders().remindDue(china('2027-04-20'))).toBe(0)
    expect(await allMessages()).toHaveLength(before)
  })
})
