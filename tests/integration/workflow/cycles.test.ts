import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { completeValues, createWorkflowApp, type WorkflowContext } from './helpers'

let t: WorkflowContext
beforeAll(async () => {
  t = await createWorkflowApp({ now: new Date('2026-11-20T02:00:00Z') })
})
afterAll(() => t.close())

describe('cycle tools for the office', () => {
  it('creates a cycle with the statutory defaults, once', async () => {
    const res = await t.call('office', 'POST', '/api/cycles', { year: 2027 })
    expect(res.status).toBe(201)
    expect(res.body).toEqual({ year: 2027, dueDate: '2028-03-01', publishDeadline: '2028-04-01', locked: false, due: false, version: 1 })
    expect((await t.call('office', 'GET', '/api/cycles')).body.map((c: { year: number }) => c.year)).toContain(2027)
    expect((await t.auditOf('cycle.create', 2027))[0]).toMatchObject({ before: null, after: { year: 2027, dueDate: '2028-03-01' } })
    const again = await t.call('office', 'POST', '/api/cycles', { year: 2027 })
    expect(again.status).toBe(409)
    expect(again.body.message).toContain('已存在')
  })

  it('takes custom deadlines and refuses impossible ones', async () => {
    const res = await t.call('office', 'POST', '/api/cycles', { year: 2028, dueDate: '2029-02-20', publishDeadline: '2029-03-31' })
    expect(res.body).toMatchObject({ dueDate: '2029-02-20', publishDeadline: '2029-03-31' })
    expect(res.body.version).toBe(1)
    for (const body of [
      { dueDate: '2028-12-31', publishDeadline: '2029-04-01', version: 1 },
      { dueDate: '2029-03-01', publishDeadline: '2029-02-01', version: 1 },
      { dueDate: '2029-02-29', publishDeadline: '2029-04-01', version: 1 },
    ])
      expect((await t.call('office', 'PUT', '/api/cycles/2028', body)).status).toBe(400)
    const updated = await t.call('office', 'PUT', '/api/cycles/2028', { dueDate: '2029-03-01', publishDeadline: '2029-04-01', version: 1 })
    expect(updated.status).toBe(200)
    expect(updated.body.version).toBe(2)
    expect((await t.auditOf('cycle.update', 2028))[0]).toMatchObject({ before: { dueDate: '2029-02-20' }, after: { dueDate: '2029-03-01' } })
    expect((await t.call('office', 'PUT', '/api/cycles/2040', { dueDate: '2041-03-01', publishDeadline: '2041-04-01', version: 1 })).status).toBe(404)
  })

  it('locks a year against every change and unlocks it again', async () => {
    const s = (await t.submissionOf('kjj', 2026))!
    const locked = await t.call('office', 'POST', '/api/cycles/2026/lock')
    expect(locked.body.locked).toBe(true)
    expect((await t.call('office', 'POST', '/api/cycles/2026/lock')).status).toBe(409)

    const before = await t.snapshot()
    const refused = [
      await t.call('kjj', 'PUT', `/api/submissions/${s.id}`, { version: s.version, values: [{ indicator: 'lead.topic_meetings', value: 4 }] }),
      await t.call('kjj', 'POST', '/api/ledgers/publicity-events', { year: 2026, date: '2026-06-01', title: '普法下乡', form: '下乡', audience: 10, enterprisesCovered: 0 }),
      await t.call('kjj', 'POST', '/api/rectifications', { year: 2026, problem: '问题', deadline: '2026-12-31' }),
      await t.call('office', 'PUT', '/api/cycles/2026', { dueDate: '2027-03-10', publishDeadline: '2027-04-01', version: locked.body.version }),
    ]
    for (const res of refused) {
      expect(res.status).toBe(409)
      expect(res.body.message).toBe('该年度已锁定，不能修改')
    }
    expect(await t.snapshot()).toEqual(before)
    expect((await t.call('kjj', 'GET', `/api/submissions/${s.id}`)).body).toMatchObject({ locked: true, editable: false })

    expect((await t.call('office', 'POST', '/api/cycles/2026/unlock')).body.locked).toBe(false)
    const saved = await t.call('kjj', 'PUT', `/api/submissions/${s.id}`, { version: s.version, values: [{ indicator: 'lead.topic_meetings', value: 4 }] })
    expect(saved.status).toBe(200)
    expect((await t.auditOf('cycle.lock', 2026))[0]).toMatchObject({ before: { locked: false }, after: { locked: true } })
    expect((await t.auditOf('cycle.unlock', 2026))[0]).toMatchObject({ before: { locked: true }, after: { locked: false } })
  })
})

describe('GET /api/reminders (催报)', () => {
  it('lists the office’s outstanding and late bureaus with days overdue, from the dashboard summary', async () => {
    const res = await t.call('office', 'GET', '/api/reminders?year=2025')
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ scope: 'county', year: 2025, dueDate: '2026-03-01' })
    const outstanding = Object.fromEntries(res.body.outstanding.map((b: { code: string; status: string }) => [b.code, b.status]))
    expect(outstanding).toEqual({ gxj: 'draft', swj: 'returned', tyjrj: 'missing', xfj: 'missing', mzzjj: 'missing' })
    // The due day ends 2026-03-01T16:00Z; by 2026-11-20T02:00Z that is 263 days and 10 hours: 264 started days.
    // swj's report came in on time and was returned: a return does not make it late.
    const days = Object.fromEntries(res.body.outstanding.map((b: { code: string; daysOverdue: number }) => [b.code, b.daysOverdue]))
    expect(days).toEqual({ gxj: 264, swj: 0, tyjrj: 264, xfj: 264, mzzjj: 264 })
    expect(res.body.late.map((b: { code: string }) => b.code).sort()).toEqual(['jtysj', 'lyj', 'sjj'])
    expect(res.body.late.every((b: { daysOverdue: number }) => b.daysOverdue > 0)).toBe(true)

    const summary = (await t.call('office', 'GET', '/api/dashboard/summary?year=2025')).body
    expect(res.body.outstanding).toHaveLength(summary.expected - summary.reported)
    expect((await t.call('leader', 'GET', '/api/reminders?year=2025')).body.scope).toBe('county')
    expect((await t.call('office', 'GET', '/api/reminders?year=2035')).status).toBe(404)
  })

  it('tells a bureau user how close the due date is, until they have reported', async () => {
    const at = async (iso: string) => {
      t.setNow(new Date(iso))
      return (await t.call('jyj', 'GET', '/api/reminders?year=2026')).body
    }
    expect(await at('2027-01-20T02:00:00Z')).toEqual({ scope: 'bureau', year: 2026, bureauId: await t.bureauId('jyj'), dueDate: '2027-03-01', status: 'draft', daysLeft: 40, overdue: false, remind: false })
    expect(await at('2027-02-15T02:00:00Z')).toMatchObject({ daysLeft: 14, overdue: false, remind: true })
    expect(await at('2027-03-01T15:00:00Z')).toMatchObject({ daysLeft: 0, overdue: false, remind: true })
    expect(await at('2027-03-01T16:30:00Z')).toMatchObject({ daysLeft: -1, overdue: true, remind: true })

    const detail = (await t.call('jyj', 'GET', `/api/submissions/${(await t.submissionOf('jyj', 2026))!.id}`)).body
    const saved = await t.call('jyj', 'PUT', `/api/submissions/${detail.id}`, { version: detail.version, values: completeValues(detail) })
    expect((await t.call('jyj', 'POST', `/api/submissions/${saved.body.id}/submit`)).status).toBe(200)
    expect(await at('2027-03-02T02:00:00Z')).toMatchObject({ status: 'submitted', overdue: false, remind: false })
    t.setNow(new Date('2026-11-20T02:00:00Z'))
  })
})
