import { WORKBENCH_FIRST_VISIT_DAYS, WORKBENCH_LIST_SIZE, WORKBENCH_TOP_RANKS } from '@fazhi/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { completeValues, createWorkflowApp, type WorkflowContext } from '../workflow/helpers'

const NOW = new Date('2026-11-20T02:00:00Z')
let t: WorkflowContext
beforeAll(async () => {
  t = await createWorkflowApp({ now: NOW })
})
afterAll(() => t.close())

const workbench = async (username: string, year: number) => {
  const res = await t.call(username, 'GET', `/api/workbench?year=${year}`)
  expect(res.status).toBe(200)
  return res.body
}
const count = async (username: string, url: string) => (await t.call(username, 'GET', url)).body.length

describe('GET /api/workbench: the office', () => {
  it('counts reviews, returns, 销号 and bureaus to chase as the review list, 整改 and 催报 do', async () => {
    const wb = await workbench('office', 2025)
    expect(wb.scope).toBe('office')
    expect(wb.reviews.count).toBe(await count('office', '/api/submissions?year=2025&status=submitted'))
    expect(wb.reviews.count).toBeGreaterThan(0)
    expect(wb.reviews.items.length).toBe(Math.min(wb.reviews.count, WORKBENCH_LIST_SIZE))
    expect(wb.reviews.items[0].link).toBe(`/submissions/${wb.reviews.items[0].submissionId}`)
    expect(wb.returned.count).toBe(await count('office', '/api/submissions?year=2025&status=returned'))
    // 商务局's 2025 return was due back 2026-03-03: overdue.
    expect(wb.returned.items[0]).toMatchObject({ bureauName: '示例县商务局', resubmitDeadline: '2026-03-03', overdue: true })
    expect(wb.toVerify.count).toBe(await count('office', '/api/rectifications?year=2025&status=pending'))
    const reminders = (await t.call('office', 'GET', '/api/reminders?year=2025')).body
    const toChase = reminders.outstanding.filter((b: { status: string }) => b.status !== 'returned')
    expect(wb.overdue.count).toBe(toChase.length)
    expect(wb.overdue.items.map((b: { bureauId: number }) => b.bureauId)).toEqual(toChase.slice(0, WORKBENCH_LIST_SIZE).map((b: { bureauId: number }) => b.bureauId))
    expect(wb.overdue.items.every((b: { daysLeft: number }) => b.daysLeft < 0)).toBe(true)
    expect(wb.due.count).toBe(0)
    // Every 2025 deadline has passed.
    expect(wb.nextDeadline).toBeNull()
  })

  it('names the open year’s due date as the next deadline, with the bureaus still to report', async () => {
    const wb = await workbench('office', 2026)
    expect(wb.nextDeadline).toEqual({ kind: 'due', date: '2027-03-01', daysLeft: 101, bureauName: null })
    const reminders = (await t.call('office', 'GET', '/api/reminders?year=2026')).body
    expect(wb.due.count).toBe(reminders.outstanding.length)
    expect(wb.due.items[0].daysLeft).toBe(101)
    expect(wb.overdue.count).toBe(0)
  })
})

describe('GET /api/workbench: a leader', () => {
  it('shows the overview’s figures and the top of the ranking', async () => {
    const wb = await workbench('leader', 2025)
    const summary = (await t.call('leader', 'GET', '/api/dashboard/summary?year=2025')).body
    const ranking = (await t.call('leader', 'GET', '/api/ranking?year=2025')).body
    expect(wb.scope).toBe('leader')
    for (const key of ['expected', 'reported', 'onTime', 'reportingRate', 'onTimeRate', 'averageScore', 'rectification', 'categories', 'previous'])
      expect(wb.kpis[key]).toEqual(summary[key])
    expect(wb.topRanking).toEqual(ranking.rows.slice(0, WORKBENCH_TOP_RANKS))
    expect(wb.ranked).toBe(ranking.rows.length)
  })
})

describe('GET /api/workbench: a bureau', () => {
  it('holds its own tasks only, and its rank and score as the ranking shows them', async () => {
    const swj = await t.bureauId('swj')
    const wb = await workbench('swj', 2025)
    expect(wb).toMatchObject({ scope: 'bureau', bureauId: swj, fill: null })
    expect(wb.resubmit).toMatchObject({ submissionId: (await t.submissionOf('swj', 2025))!.id, bureauId: swj, resubmitDeadline: '2026-03-03', overdue: true })
    const own = (await t.call('swj', 'GET', '/api/rectifications?year=2025')).body.filter((i: { status: string }) => i.status !== 'done')
    expect(wb.rectifications.count).toBe(own.length)
    expect(wb.rectifications.items.every((i: { bureauId: number }) => i.bureauId === swj)).toBe(true)
    expect(JSON.stringify(wb)).not.toContain('示例县科技局')

    const kjj = await workbench('kjj', 2025)
    const kjjId = await t.bureauId('kjj')
    const row = (await t.call('kjj', 'GET', '/api/ranking?year=2025')).body.rows.find((r: { bureauId: number }) => r.bureauId === kjjId)
    expect(kjj.standing).toEqual({ score: row.score, rank: row.rank, rankChange: row.rankChange, grade: row.grade, ranked: expect.any(Number) })
    expect(kjj.resubmit).toBeNull()
  })

  it('asks for the year’s report while it is a draft, with the days to the due date', async () => {
    const wb = await workbench('jyj', 2026)
    expect(wb.fill).toEqual({ submissionId: (await t.submissionOf('jyj', 2026))!.id, status: 'draft', dueDate: '2027-03-01', daysLeft: 101, link: `/submissions/${(await t.submissionOf('jyj', 2026))!.id}` })
    expect(wb.nextDeadline).toMatchObject({ kind: 'due', date: '2027-03-01' })
  })
})

describe('what changed since the last visit', () => {
  it('lists report steps, comments and answers after the last visit, and nothing before it once seen', async () => {
    const first = await workbench('office', 2026)
    expect(first.changes.since).toBe(new Date(NOW.getTime() - WORKBENCH_FIRST_VISIT_DAYS * 86_400_000).toISOString())
    expect(first.changes.asOf).toBe(NOW.toISOString())
    const seen = await t.call('office', 'POST', '/api/workbench/seen', { at: first.changes.asOf })
    expect(seen).toEqual({ status: 200, body: { seenAt: NOW.toISOString() } })

    // 教育局 submits an hour later.
    t.setNow(new Date('2026-11-20T03:00:00Z'))
    const detail = (await t.call('jyj', 'GET', `/api/submissions/${(await t.submissionOf('jyj', 2026))!.id}`)).body
    expect((await t.call('jyj', 'PUT', `/api/submissions/${detail.id}`, { version: detail.version, values: completeValues(detail) })).status).toBe(200)
    expect((await t.call('jyj', 'POST', `/api/submissions/${detail.id}/submit`)).status).toBe(200)
    const afterSubmit = await workbench('office', 2026)
    expect(afterSubmit.changes.since).toBe(NOW.toISOString())
    expect(afterSubmit.changes.items).toEqual([{ kind: 'submit', text: '示例县教育局 2026 年度报告上报', at: '2026-11-20T03:00:00.000Z', link: `/submissions/${detail.id}` }])
    expect(afterSubmit.reviews.items.map((r: { submissionId: number }) => r.submissionId)).toContain(detail.id)

    // The office comments and returns it; 教育局 is asked to answer and resubmit, 科技局 hears nothing.
    t.setNow(new Date('2026-11-20T04:00:00Z'))
    const comment = (await t.call('office', 'POST', '/api/comments', { submissionId: detail.id, indicator: 'lead.topic_meetings', text: '请补充会议纪要' })).body
    expect((await t.call('office', 'POST', `/api/submissions/${detail.id}/return`, { reason: '详见批注' })).status).toBe(200)
    const jyj = await workbench('jyj', 2026)
    expect(jyj.fill).toBeNull()
    expect(jyj.answer).toEqual({ submissionId: detail.id, count: 1, link: `/submissions/${detail.id}` })
    expect(jyj.resubmit).toMatchObject({ submissionId: detail.id, overdue: false })
    expect(jyj.nextDeadline).toMatchObject({ kind: 'resubmit', date: jyj.resubmit.resubmitDeadline })
    expect(jyj.changes.items.map((c: { kind: string }) => c.kind).sort()).toEqual(['comment', 'return'])
    expect((await workbench('kjj', 2026)).changes.items).toEqual([])

    // 教育局 answers: the office sees the answer as new; the answered comment leaves 教育局's tasks.
    t.setNow(new Date('2026-11-20T05:00:00Z'))
    expect((await t.call('jyj', 'POST', '/api/comments', { submissionId: detail.id, replyTo: comment.id, text: '已补充' })).status).toBe(201)
    expect((await workbench('jyj', 2026)).answer).toBeNull()
    const office = await workbench('office', 2026)
    expect(office.changes.items[0]).toMatchObject({ kind: 'answer', text: '示例县教育局回复了 2026 年度报告的批注', at: '2026-11-20T05:00:00.000Z' })
    expect(office.changes.total).toBe(2)
    expect(office.returned.items.map((r: { submissionId: number }) => r.submissionId)).toContain(detail.id)

    // Seen up to what was shown: those two are no longer new.
    expect((await t.call('office', 'POST', '/api/workbench/seen', { at: office.changes.asOf })).status).toBe(200)
    expect((await workbench('office', 2026)).changes).toMatchObject({ since: office.changes.asOf, items: [], total: 0 })
  })

  it('never moves the last visit back or past now, and refuses a time that is not one', async () => {
    t.setNow(new Date('2026-11-21T02:00:00Z'))
    const ahead = await t.call('leader', 'POST', '/api/workbench/seen', { at: '2030-01-01T00:00:00.000Z' })
    expect(ahead.body.seenAt).toBe('2026-11-21T02:00:00.000Z')
    const back = await t.call('leader', 'POST', '/api/workbench/seen', { at: '2026-11-01T00:00:00.000Z' })
    expect(back.body.seenAt).toBe('2026-11-21T02:00:00.000Z')
    const bad = await t.call('leader', 'POST', '/api/workbench/seen', { at: '昨天' })
    expect(bad.status).toBe(400)
    expect(bad.body.message).toMatch(/[\u4e00-\u9fa5]/)
    expect((await workbench('leader', 2026)).changes.since).toBe('2026-11-21T02:00:00.000Z')
  })
})

describe('who may call it', () => {
  it('answers the business roles and refuses the administrators', async () => {
    for (const username of ['sysadmin', 'secadmin', 'auditor']) {
      expect((await t.call(username, 'GET', '/api/workbench?year=2026')).status).toBe(403)
      expect((await t.call(username, 'POST', '/api/workbench/seen', { at: '2026-11-20T02:00:00.000Z' })).status).toBe(403)
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/workbench?year=2026' })).statusCode).toBe(401)
    expect((await t.call('office', 'GET', '/api/workbench?year=2035')).status).toBe(404)
  })
})
