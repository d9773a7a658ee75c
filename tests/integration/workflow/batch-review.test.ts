import { CATALOG, NEVER_RETURNED_MESSAGE, NO_SNAPSHOT_MESSAGE } from '@fazhi/shared'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditEvents, bureaus, submissionEvents, submissions, users } from '../../../server/src/db/schema'
import { pdfOf } from '../../helpers/evidence'
import { upload } from '../files/helpers'
import { completeValues, createWorkflowApp, type WorkflowContext } from './helpers'

// 批量审核 and 自退回以来的修改. Every report is opened by the office, filled and submitted by its
// bureau through the routes; each case uses bureaus of its own.

/** An instant given as China wall-clock time. */
const china = (date: string, time = '10:00:00') => new Date(`${date}T${time}+08:00`)

let t: WorkflowContext
beforeAll(async () => {
  t = await createWorkflowApp({ now: china('2027-02-10') })
})
afterAll(() => t.close())

/** Opens, fills and submits each bureau's 2026 report (every value noted, so no 校验规则 flag blocks it); answers them by bureau code. */
async function submitted(...codes: string[]): Promise<Record<string, { id: number; version: number }>> {
  const out: Record<string, { id: number; version: number }> = {}
  for (const code of codes) {
    const created = await t.call('office', 'POST', '/api/submissions', { year: 2026, bureauId: await t.bureauId(code) })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    const saved = await t.call('office', 'PUT', `/api/submissions/${created.body.id}`, {
      version: created.body.version,
      values: completeValues(created.body).map((v) => ({ ...v, note: '已核实' })),
    })
    expect(saved.status, JSON.stringify(saved.body)).toBe(200)
    const sent = await t.call(code, 'POST', `/api/submissions/${created.body.id}/submit`)
    expect(sent.status, JSON.stringify(sent.body)).toBe(200)
    out[code] = { id: sent.body.id, version: sent.body.version }
  }
  return out
}

const nameOf = async (code: string) => ((await t.db.select().from(bureaus).where(eq(bureaus.code, code)).limit(1))[0])!.name
const eventsOf = (id: number) => t.db.select().from(submissionEvents).where(eq(submissionEvents.submissionId, id))
/** Everything a refused batch must leave as it was: the business rows, the review history and the audit log's changes. */
const state = async () => ({
  business: await t.snapshot(),
  events: await t.db.select().from(submissionEvents),
  audit: await t.db.select().from(auditEvents).where(eq(auditEvents.objectType, 'submission')),
})

const approve = (user: string, items: { id: number; version: number }[]) => t.call(user, 'POST', '/api/submissions/batch/approve', { items })
const returnAll = (user: string, items: { id: number; version: number; reason: string; resubmitDeadline?: string }[]) =>
  t.call(user, 'POST', '/api/submissions/batch/return', { items })

describe('batch approve', () => {
  it('approves 10 submitted reports, each with its own audit row and review-history step', async () => {
    const codes = ['gxj', 'mzj', 'rsj', 'zrzyj', 'sthjj', 'zjj', 'jtysj', 'slj', 'nyncj', 'swj']
    const reports = await submitted(...codes)
    const auditBefore = (await t.auditOf('submission.approve')).length
    const res = await approve('office', Object.values(reports))
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.items).toHaveLength(10)
    for (const code of codes) {
      const { id, version } = reports[code]
      expect(res.body.items).toContainEqual({ id, bureauName: await nameOf(code), status: 'approved', version: version + 1 })
      const rows = await t.auditOf('submission.approve', id)
      expect(rows).toHaveLength(1)
      expect(rows[0]).toMatchObject({ objectType: 'submission', success: true, username: 'office' })
      expect(rows[0].after).toMatchObject({ status: 'approved' })
      expect((await eventsOf(id)).filter((e) => e.action === 'approve')).toHaveLength(1)
      const detail = await t.call('office', 'GET', `/api/submissions/${id}`)
      expect(detail.body).toMatchObject({ status: 'approved', approvedBy: '县委依法治县办' })
      expect(detail.body.history.at(-1)).toMatchObject({ action: 'approve', by: '县委依法治县办' })
    }
    expect((await t.auditOf('submission.approve')).length - auditBefore).toBe(10)
  })

  it('refuses the whole batch when one report is stale and another a draft, naming both; nothing changes', async () => {
    const reports = await submitted('tyjrj', 'yjj')
    const draft = (await t.submissionOf('kjj', 2026))!
    const before = await state()
    const res = await approve('office', [reports.tyjrj, { id: reports.yjj.id, version: reports.yjj.version - 1 }, { id: draft.id, version: draft.version }])
    expect(res.status).toBe(409)
    expect(res.body.message).toContain('批量审核通过未执行')
    expect(res.body.message).toContain(`${await nameOf('yjj')}：该填报已被`)
    expect(res.body.message).toContain(`${await nameOf('kjj')}：当前状态为「草稿」，不能审核通过`)
    expect(res.body.message).not.toContain(await nameOf('tyjrj'))
    expect(await state()).toEqual(before)
    // The same batch with the versions the reviewer should have seen, without the draft, goes through.
    expect((await approve('office', [reports.tyjrj, reports.yjj])).status).toBe(200)
  })

  it('refuses a bad batch with a Chinese 400 and changes nothing', async () => {
    const draft = (await t.submissionOf('kjj', 2026))!
    const before = await state()
    const empty = await approve('office', [])
    expect(empty.status).toBe(400)
    expect(empty.body.message).toContain('请至少选择一份填报')
    const twice = await approve('office', [{ id: draft.id, version: draft.version }, { id: draft.id, version: draft.version }])
    expect(twice.status).toBe(400)
    expect(twice.body.message).toContain('同一份填报不能重复出现')
    const missing = await approve('office', [{ id: 999_999, version: 1 }])
    expect(missing.status).toBe(409)
    expect(missing.body.message).toContain('填报 #999999：填报不存在')
    expect(await state()).toEqual(before)
  })

  it('is refused to a bureau user and the leader (403), nothing changes', async () => {
    const draft = (await t.submissionOf('kjj', 2026))!
    const before = await state()
    for (const user of ['kjj', 'leader']) {
      expect((await approve(user, [{ id: draft.id, version: draft.version }])).status).toBe(403)
      expect((await returnAll(user, [{ id: draft.id, version: draft.version, reason: '请核实' }])).status).toBe(403)
    }
    expect((await state()).business).toEqual(before.business)
    expect((await state()).events).toEqual(before.events)
  })
})

describe('batch return', () => {
  it('returns each report with its own reason and deadline, audited one by one, keeping the values as returned', async () => {
    const reports = await submitted('wglj', 'wjw')
    const res = await returnAll('office', [
      { ...reports.wglj, reason: '文旅局：执法案卷评查数与台账不一致' },
      { ...reports.wjw, reason: '卫健委：请补充法律顾问聘用合同', resubmitDeadline: '2027-02-26' },
    ])
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    const wglj = await t.call('office', 'GET', `/api/submissions/${reports.wglj.id}`)
    const wjw = await t.call('office', 'GET', `/api/submissions/${reports.wjw.id}`)
    // Wednesday 10 February 2027: 5 working days later is Wednesday 17 February.
    expect(wglj.body).toMatchObject({ status: 'returned', returnReason: '文旅局：执法案卷评查数与台账不一致', resubmitDeadline: '2027-02-17' })
    expect(wjw.body).toMatchObject({ status: 'returned', returnReason: '卫健委：请补充法律顾问聘用合同', resubmitDeadline: '2027-02-26' })
    expect(wglj.body.history.at(-1)).toMatchObject({ action: 'return', reason: '文旅局：执法案卷评查数与台账不一致', resubmitDeadline: '2027-02-17' })
    expect(wjw.body.history.at(-1)).toMatchObject({ action: 'return', reason: '卫健委：请补充法律顾问聘用合同', resubmitDeadline: '2027-02-26' })
    for (const { id } of Object.values(reports)) {
      expect(await t.auditOf('submission.return', id)).toHaveLength(1)
      const step = (await eventsOf(id)).find((e) => e.action === 'return')!
      const values = await t.valuesOf(id)
      expect(Object.keys(step.snapshot!).sort()).toEqual(values.map((v) => v.indicatorCode).sort())
      for (const v of values) expect(step.snapshot![v.indicatorCode]).toEqual({ value: v.value, notApplicable: v.notApplicable, note: v.note })
    }
  })

  it('refuses a batch in which one reason is empty or a deadline has passed (400, in Chinese), nothing changes', async () => {
    const reports = await submitted('sjj', 'xfj')
    const before = await state()
    const blank = await returnAll('office', [{ ...reports.sjj, reason: '请核实' }, { ...reports.xfj, reason: '  ' }])
    expect(blank.status).toBe(400)
    expect(blank.body.message).toContain('请填写退回原因')
    const past = await returnAll('office', [{ ...reports.sjj, reason: '请核实' }, { ...reports.xfj, reason: '请核实', resubmitDeadline: '2027-02-01' }])
    expect(past.status).toBe(400)
    expect(past.body.message).toContain(`${await nameOf('xfj')}：`)
    expect(past.body.message).not.toContain(`${await nameOf('sjj')}：`)
    expect(await state()).toEqual(before)
  })
})

describe('races', () => {
  it('two overlapping batch approvals: each report approved once, the later batch refused whole', async () => {
    const r = await submitted('tjj', 'ybj', 'lyj')
    const before = await state()
    const [a, b] = await Promise.all([approve('office', [r.tjj, r.ybj]), approve('office', [r.ybj, r.lyj])])
    expect([a.status, b.status].sort()).toEqual([200, 409])
    const [won, lost] = a.status === 200 ? [[r.tjj, r.ybj], [r.lyj]] : [[r.ybj, r.lyj], [r.tjj]]
    for (const { id } of [r.tjj, r.ybj, r.lyj]) expect((await t.auditOf('submission.approve', id)).length).toBe(won.some((w) => w.id === id) ? 1 : 0)
    for (const { id } of won) expect((await t.db.select().from(submissionEvents).where(eq(submissionEvents.submissionId, id))).filter((e) => e.action === 'approve')).toHaveLength(1)
    // The refused batch's other report is as it was.
    const untouched = before.business as { submissions: { id: number }[] }
    for (const { id } of lost) {
      expect(((await state()).business as typeof untouched).submissions.find((s) => s.id === id)).toEqual(untouched.submissions.find((s) => s.id === id))
      expect(await eventsOf(id)).toEqual(before.events.filter((e) => e.submissionId === id))
    }
    expect((a.status === 200 ? b : a).body.message).toContain(await nameOf('ybj'))
  })

  it('a single return racing a batch approval of the same report: exactly one wins', async () => {
    const r = await submitted('xzspj')
    const [single, batch] = await Promise.all([
      t.call('office', 'POST', `/api/submissions/${r.xzspj.id}/return`, { reason: '请核实' }),
      approve('office', [r.xzspj]),
    ])
    expect([single.status, batch.status].sort()).toEqual([200, 409])
    const steps = (await eventsOf(r.xzspj.id)).filter((e) => e.action === 'return' || e.action === 'approve')
    expect(steps).toHaveLength(1)
    expect((await t.submissionOf('xzspj', 2026))!.status).toBe(single.status === 200 ? 'returned' : 'approved')
    expect((await t.auditOf('submission.return', r.xzspj.id)).length + (await t.auditOf('submission.approve', r.xzspj.id)).length).toBe(1)
  })
})

describe('what changed since the return', () => {
  it('lists the two values the bureau changed, before and after, and the file it added', async () => {
    const { mzzjj } = await submitted('mzzjj')
    t.setNow(china('2027-02-11'))
    const returned = await t.call('office', 'POST', `/api/submissions/${mzzjj.id}/return`, { reason: '请核实专题会议次数' })
    expect(returned.status).toBe(200)
    const empty = await t.call('mzzjj', 'GET', `/api/submissions/${mzzjj.id}/changes`)
    expect(empty.body).toEqual({ returnedAt: china('2027-02-11').toISOString(), unavailable: null, values: [], files: { added: [], removed: [] } })

    t.setNow(china('2027-02-12'))
    const before = Object.fromEntries(returned.body.values.map((v: { indicator: string }) => [v.indicator, v]))
    const saved = await t.call('mzzjj', 'PUT', `/api/submissions/${mzzjj.id}`, {
      version: returned.body.version,
      values: [
        { indicator: 'lead.topic_meetings', value: 5, note: '补录两次专题会议' },
        { indicator: 'lead.duty_report', value: false },
      ],
    })
    expect(saved.status, JSON.stringify(saved.body)).toBe(200)
    const file = await upload(t, 'mzzjj', { submissionId: mzzjj.id, indicator: 'lead.topic_meetings' }, '会议纪要.pdf', pdfOf('纪要'))
    expect(file.status, JSON.stringify(file.body)).toBe(201)
    t.setNow(china('2027-02-13'))
    expect((await t.call('mzzjj', 'POST', `/api/submissions/${mzzjj.id}/submit`)).status).toBe(200)

    const changes = await t.call('office', 'GET', `/api/submissions/${mzzjj.id}/changes`)
    expect(changes.status).toBe(200)
    const state = (v: { value: unknown; notApplicable: boolean; note: string | null }) => ({ value: v.value, notApplicable: v.notApplicable, note: v.note })
    expect(changes.body.values).toEqual([
      { indicator: 'lead.topic_meetings', name: expect.any(String), before: state(before['lead.topic_meetings']), after: { value: 5, notApplicable: false, note: '补录两次专题会议' } },
      { indicator: 'lead.duty_report', name: expect.any(String), before: state(before['lead.duty_report']), after: { ...state(before['lead.duty_report']), value: false } },
    ])
    expect(before['lead.duty_report'].value).toBe(true)
    const nameOfIndicator = (code: string) => CATALOG.find((i) => i.code === code)!.name
    expect(changes.body.values.map((v: { name: string }) => v.name)).toEqual([nameOfIndicator('lead.topic_meetings'), nameOfIndicator('lead.duty_report')])
    expect(changes.body.files).toEqual({ added: [{ id: file.body.id, name: '会议纪要.pdf', indicator: 'lead.topic_meetings', at: china('2027-02-12').toISOString() }], removed: [] })
    // The bureau reads its own; another bureau's is as if it did not exist.
    expect((await t.call('mzzjj', 'GET', `/api/submissions/${mzzjj.id}/changes`)).body).toEqual(changes.body)
    expect((await t.call('leader', 'GET', `/api/submissions/${mzzjj.id}/changes`)).status).toBe(200)
    const other = await t.call('jyj', 'GET', `/api/submissions/${mzzjj.id}/changes`)
    expect(other.status).toBe(404)
    expect(other.body.message).toBe('填报不存在')
  })

  it('answers that the comparison is unavailable for a return made before returns kept the values, and for a report never returned', async () => {
    const { fgw } = await submitted('fgw')
    expect((await t.call('office', 'GET', `/api/submissions/${fgw.id}/changes`)).body).toMatchObject({ returnedAt: null, unavailable: NEVER_RETURNED_MESSAGE, values: [] })
    // A return of before this issue: its step (the history is append-only) has no snapshot.
    const office = ((await t.db.select().from(users).where(eq(users.username, 'office')).limit(1))[0])!
    await t.db.update(submissions).set({ status: 'returned', returnReason: '请核实' }).where(eq(submissions.id, fgw.id))
    await t.db.insert(submissionEvents).values({ submissionId: fgw.id, action: 'return', at: china('2027-02-10').toISOString(), userId: office.id, reason: '请核实' })
    const res = await t.call('office', 'GET', `/api/submissions/${fgw.id}/changes`)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ unavailable: NO_SNAPSHOT_MESSAGE, values: [], returnedAt: expect.any(String) })
    expect(NO_SNAPSHOT_MESSAGE).toMatch(/无法对比/)
  })
})
