import type { Summary, SummaryBureau } from '@fazhi/shared'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { submissionEvents, users } from '../../../server/src/db/schema'
import { completeValues, createWorkflowApp, type WorkflowContext } from './helpers'

// The 2026 cycle is due on 2027-03-01 (China time). Each case plays one bureau's report through the
// review workflow with the server's clock moved to each step's moment.

/** An instant given as China wall-clock time. */
const china = (date: string, time = '10:00:00') => new Date(`${date}T${time}+08:00`)
const OFFICE = '县委依法治县办'

let t: WorkflowContext
beforeAll(async () => {
  t = await createWorkflowApp({ now: china('2027-02-10') })
})
afterAll(() => t.close())

/** Opens and fills `code`'s 2026 report (as the office), returning its id. */
async function draft(code: string): Promise<number> {
  const created = await t.call('office', 'POST', '/api/submissions', { year: 2026, bureauId: await t.bureauId(code) })
  expect(created.status).toBe(201)
  const saved = await t.call('office', 'PUT', `/api/submissions/${created.body.id}`, { version: created.body.version, values: completeValues(created.body) })
  expect(saved.status).toBe(200)
  return created.body.id
}

/** Runs one workflow step at `at` (China time): the bureau submits, the office returns, approves or reopens. */
async function step(at: Date, user: string, id: number, action: string, payload?: unknown) {
  t.setNow(at)
  return t.call(user, 'POST', `/api/submissions/${id}/${action}`, payload)
}

async function summary(): Promise<Summary> {
  const res = await t.call('office', 'GET', '/api/dashboard/summary?year=2026')
  expect(res.status).toBe(200)
  return res.body
}
const rowOf = (s: Summary, code: string): SummaryBureau => s.bureaus.find((b) => b.code === code)!
/** The display name of a bureau's liaison account (demo data). */
const liaison = async (code: string) => ((await t.db.select().from(users).where(eq(users.username, code)).limit(1))[0])!.displayName

describe('a return answered within its resubmission deadline', () => {
  it('keeps an on-time report on time: first submission, 按时上报率 and days late unchanged', async () => {
    const id = await draft('fgw')
    const submitted = await step(china('2027-02-20'), 'fgw', id, 'submit')
    expect(submitted.status).toBe(200)
    const firstAt = china('2027-02-20').toISOString()
    expect(submitted.body).toMatchObject({ firstSubmittedAt: firstAt, submittedAt: firstAt, resubmitDeadline: null })
    const before = await summary()
    expect(rowOf(before, 'fgw')).toMatchObject({ onTime: true, daysOverdue: 0, firstSubmittedAt: firstAt })

    // Thursday 25 February: 5 working days later is Thursday 4 March (over the weekend of 27–28 February).
    const returned = await step(china('2027-02-25', '16:30:00'), 'office', id, 'return', { reason: '重大行政决策合法性审查率与台账不一致' })
    expect(returned.status).toBe(200)
    expect(returned.body).toMatchObject({ status: 'returned', returnReason: '重大行政决策合法性审查率与台账不一致', resubmitDeadline: '2027-03-04', firstSubmittedAt: firstAt })

    // The last second of the deadline day, China time; after the cycle's due date.
    const resubmitted = await step(china('2027-03-04', '23:59:59'), 'fgw', id, 'submit')
    expect(resubmitted.status).toBe(200)
    expect(resubmitted.body).toMatchObject({
      status: 'submitted',
      returnReason: null,
      resubmitDeadline: null,
      firstSubmittedAt: firstAt,
      submittedAt: china('2027-03-04', '23:59:59').toISOString(),
    })
    expect((await t.submissionOf('fgw', 2026))!.lateResubmissions).toBe(0)

    const after = await summary()
    expect(rowOf(after, 'fgw')).toMatchObject({ onTime: true, daysOverdue: 0, firstSubmittedAt: firstAt, submittedAt: china('2027-03-04', '23:59:59').toISOString() })
    expect(after.onTime).toBe(before.onTime)
    expect(after.onTimeRate).toBe(before.onTimeRate)
    const ranking = (await t.call('office', 'GET', '/api/ranking?year=2026')).body
    expect(ranking.rows.find((r: { code: string }) => r.code === 'fgw').onTime).toBe(true)
    const reminders = (await t.call('office', 'GET', '/api/reminders?year=2026')).body
    expect(reminders.late.map((b: { code: string }) => b.code)).not.toContain('fgw')
  })

  it('keeps the history with who, when, the reason and the deadline, oldest first', async () => {
    const id = (await t.submissionOf('fgw', 2026))!.id
    const approved = await step(china('2027-03-10'), 'office', id, 'approve')
    expect(approved.status).toBe(200)
    const reopened = await step(china('2027-03-11'), 'office', id, 'reopen')
    expect(reopened.status).toBe(200)
    const detail = await t.call('fgw', 'GET', `/api/submissions/${id}`)
    // Each step has its own id (a return's comments name it), in the order of the steps.
    const ids: number[] = detail.body.history.map((e: { id: number }) => e.id)
    expect(ids).toEqual([...new Set(ids)].sort((a, b) => a - b))
    expect(detail.body.history.map(({ id: _id, ...e }: { id: number }) => e)).toEqual([
      { action: 'submit', at: china('2027-02-20').toISOString(), by: await liaison('fgw') },
      { action: 'return', at: china('2027-02-25', '16:30:00').toISOString(), by: OFFICE, reason: '重大行政决策合法性审查率与台账不一致', resubmitDeadline: '2027-03-04' },
      { action: 'resubmit', at: china('2027-03-04', '23:59:59').toISOString(), by: await liaison('fgw') },
      { action: 'approve', at: china('2027-03-10').toISOString(), by: OFFICE },
      { action: 'reopen', at: china('2027-03-11').toISOString(), by: OFFICE },
    ])
    // Submitting again after the reopening is a resubmission; the first submission stays.
    const again = await step(china('2027-03-12'), 'fgw', id, 'submit')
    expect(again.body.history.at(-1)).toMatchObject({ action: 'resubmit', at: china('2027-03-12').toISOString() })
    expect(again.body.firstSubmittedAt).toBe(china('2027-02-20').toISOString())
    expect(await t.auditOf('submission.resubmit', id)).toHaveLength(2)
    expect(await t.auditOf('submission.submit', id)).toHaveLength(1)

    const list = await t.call('office', 'GET', '/api/submissions?year=2026')
    expect(list.body.find((r: { id: number }) => r.id === id)).toMatchObject({ firstSubmittedAt: china('2027-02-20').toISOString(), returnCount: 1 })
    // The bureau sees its own history; another bureau cannot read it.
    expect((await t.call('jyj', 'GET', `/api/submissions/${id}`)).status).toBe(403)
  })
})

describe('a return answered after its resubmission deadline', () => {
  it('makes the report late, with days late still measured to the first submission', async () => {
    const id = await draft('rsj')
    await step(china('2027-02-22'), 'rsj', id, 'submit')
    const before = await summary()
    const returned = await step(china('2027-02-26'), 'office', id, 'return', { reason: '请补充佐证材料', resubmitDeadline: '2027-03-05' })
    expect(returned.body.resubmitDeadline).toBe('2027-03-05')
    const late = await step(china('2027-03-06', '00:00:00'), 'rsj', id, 'submit')
    expect(late.status).toBe(200)
    expect((await t.submissionOf('rsj', 2026))!.lateResubmissions).toBe(1)
    const after = await summary()
    expect(rowOf(after, 'rsj')).toMatchObject({ onTime: false, daysOverdue: 0, firstSubmittedAt: china('2027-02-22').toISOString() })
    expect(after.onTime).toBe(before.onTime - 1)
    const reminders = (await t.call('office', 'GET', '/api/reminders?year=2026')).body
    expect(reminders.late.find((b: { code: string }) => b.code === 'rsj')).toMatchObject({ submittedAt: china('2027-02-22').toISOString() })
  })

  it('counts a second return on its own: the first answered in time, the second late', async () => {
    const id = await draft('zrzyj')
    await step(china('2027-02-25'), 'zrzyj', id, 'submit')
    // Friday 26 February: the default deadline is Friday 5 March.
    await step(china('2027-02-26'), 'office', id, 'return', { reason: '第一次退回：持证率有误' })
    // Back after the due date (1 March) but by its deadline: still on time.
    await step(china('2027-03-02'), 'zrzyj', id, 'submit')
    expect(rowOf(await summary(), 'zrzyj').onTime).toBe(true)
    // Wednesday 3 March: the default deadline is Wednesday 10 March.
    const second = await step(china('2027-03-03'), 'office', id, 'return', { reason: '第二次退回：台账未更新' })
    expect(second.body.resubmitDeadline).toBe('2027-03-10')
    await step(china('2027-03-11', '09:00:00'), 'zrzyj', id, 'submit')
    const row = (await t.submissionOf('zrzyj', 2026))!
    expect(row).toMatchObject({ lateResubmissions: 1, firstSubmittedAt: china('2027-02-25').toISOString(), resubmitDeadline: null })
    expect(rowOf(await summary(), 'zrzyj')).toMatchObject({ onTime: false, daysOverdue: 0 })

    const detail = (await t.call('office', 'GET', `/api/submissions/${id}`)).body
    expect(detail.history.map((e: { action: string }) => e.action)).toEqual(['submit', 'return', 'resubmit', 'return', 'resubmit'])
    expect(detail.history.filter((e: { action: string }) => e.action === 'return').map((e: { reason: string; resubmitDeadline: string }) => [e.reason, e.resubmitDeadline])).toEqual([
      ['第一次退回：持证率有误', '2027-03-05'],
      ['第二次退回：台账未更新', '2027-03-10'],
    ])
    const list = await t.call('office', 'GET', '/api/submissions?year=2026')
    expect(list.body.find((r: { id: number }) => r.id === id).returnCount).toBe(2)
  })
})

describe('the due day', () => {
  it('counts a first submission at 23:59:59 China time on 1 March as on time, and 00:00 on 2 March as one day late', async () => {
    const punctual = await draft('slj')
    const late = await draft('nyncj')
    await step(china('2027-03-01', '23:59:59'), 'slj', punctual, 'submit')
    await step(china('2027-03-02', '00:00:00'), 'nyncj', late, 'submit')
    const s = await summary()
    expect(rowOf(s, 'slj')).toMatchObject({ onTime: true, daysOverdue: 0 })
    expect(rowOf(s, 'nyncj')).toMatchObject({ onTime: false, daysOverdue: 1 })

    // Returned and answered in time weeks later: still one day late, never more.
    await step(china('2027-03-20'), 'office', late, 'return', { reason: '请核实' })
    await step(china('2027-03-22'), 'nyncj', late, 'submit')
    expect(rowOf(await summary(), 'nyncj')).toMatchObject({ onTime: false, daysOverdue: 1, firstSubmittedAt: china('2027-03-02', '00:00:00').toISOString() })
  })
})

describe('the resubmission deadline the office sets', () => {
  it('refuses a deadline before today and changes nothing', async () => {
    const id = await draft('wglj')
    await step(china('2027-02-20'), 'wglj', id, 'submit')
    t.setNow(china('2027-02-24', '00:30:00'))
    const before = await t.snapshot()
    const events = await t.db.select().from(submissionEvents).where(eq(submissionEvents.submissionId, id))
    const res = await t.call('office', 'POST', `/api/submissions/${id}/return`, { reason: '请核实', resubmitDeadline: '2027-02-23' })
    expect(res.status).toBe(400)
    expect(res.body.message).toBe('重报期限不能早于今天')
    expect((await t.call('office', 'POST', `/api/submissions/${id}/return`, { reason: '请核实', resubmitDeadline: '2027-02-30' })).status).toBe(400)
    expect(await t.snapshot()).toEqual(before)
    expect(await t.db.select().from(submissionEvents).where(eq(submissionEvents.submissionId, id))).toEqual(events)
    // Today is allowed.
    const today = await t.call('office', 'POST', `/api/submissions/${id}/return`, { reason: '请核实', resubmitDeadline: '2027-02-24' })
    expect(today.status).toBe(200)
    expect(today.body.resubmitDeadline).toBe('2027-02-24')
  })
})

describe('approving and returning the same report at once', () => {
  it('lets exactly one win; the other gets 409 and leaves no trace in the history', async () => {
    const id = await draft('tjj')
    await step(china('2027-02-20'), 'tjj', id, 'submit')
    t.setNow(china('2027-02-22'))
    const headers = await t.as('office')
    const [approve, ret] = await Promise.all([
      t.app.inject({ method: 'POST', url: `/api/submissions/${id}/approve`, headers }),
      t.app.inject({ method: 'POST', url: `/api/submissions/${id}/return`, headers, payload: { reason: '请核实' } }),
    ])
    expect([approve.statusCode, ret.statusCode].sort()).toEqual([200, 409])
    const winner = approve.statusCode === 200 ? 'approve' : 'return'
    const history = (await t.call('office', 'GET', `/api/submissions/${id}`)).body.history.map((e: { action: string }) => e.action)
    expect(history).toEqual(['submit', winner])
    expect((await t.submissionOf('tjj', 2026))!.status).toBe(winner === 'approve' ? 'approved' : 'returned')
  })
})

describe('approved means fixed: the publication', () => {
  const url = 'https://www.example.gov.cn/yjj/2026.html'

  it('is refused on an approved report, for the bureau and the office alike, until the office reopens it', async () => {
    const id = await draft('yjj')
    await step(china('2027-02-20'), 'yjj', id, 'submit')
    await step(china('2027-03-10'), 'office', id, 'approve')
    t.setNow(china('2027-03-25'))
    const before = await t.snapshot()
    for (const user of ['yjj', 'office']) {
      const res = await t.call(user, 'PUT', `/api/submissions/${id}/publication`, { publishedUrl: url, publishedAt: '2027-03-20' })
      expect(res.status).toBe(409)
      expect(res.body.message).toBe('报告已审核通过，公开网址和公开日期不能修改；如需修改请联系依法治县办重新打开')
    }
    expect(await t.snapshot()).toEqual(before)

    await t.call('office', 'POST', `/api/submissions/${id}/reopen`)
    const res = await t.call('yjj', 'PUT', `/api/submissions/${id}/publication`, { publishedUrl: url, publishedAt: '2027-03-20' })
    expect(res.status).toBe(200)
    expect(res.body.publishedAt).toBe('2027-03-20')
  })

  it('refuses a date in the future (China time) or before the reported year ended, and changes nothing', async () => {
    const id = (await t.submissionOf('yjj', 2026))!.id
    t.setNow(new Date('2027-03-25T16:30:00Z')) // 00:30 on 26 March in China
    const before = await t.snapshot()
    for (const [publishedAt, message] of [
      ['2027-03-27', '公开日期不能晚于今天'],
      ['2026-12-31', '公开日期不能早于 2027-01-01（2026 年度结束后才能公开年度报告）'],
    ]) {
      const res = await t.call('yjj', 'PUT', `/api/submissions/${id}/publication`, { publishedUrl: url, publishedAt })
      expect(res.status).toBe(400)
      expect(res.body.message).toBe(message)
    }
    expect(await t.snapshot()).toEqual(before)
    // Today in China (26 March), though still 25 March in UTC, and the first day of the next year are fine.
    expect((await t.call('yjj', 'PUT', `/api/submissions/${id}/publication`, { publishedUrl: url, publishedAt: '2027-03-26' })).status).toBe(200)
    expect((await t.call('yjj', 'PUT', `/api/submissions/${id}/publication`, { publishedUrl: url, publishedAt: '2027-01-01' })).status).toBe(200)
  })
})
