import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { studySessions, submissions } from '../../../server/src/db/schema'
import { completeValues, createWorkflowApp, type WorkflowContext } from './helpers'

let t: WorkflowContext
beforeAll(async () => {
  t = await createWorkflowApp({ now: new Date('2026-11-20T02:00:00Z') })
})
afterAll(() => t.close())

const detailOf = async (user: string, code: string, year = 2026) => (await t.call(user, 'GET', `/api/submissions/${(await t.submissionOf(code, year))!.id}`)).body
const valueOf = (detail: { values: { indicator: string }[] }, code: string) => detail.values.find((v) => v.indicator === code) as
  | { value: number; source: string; note: string | null }
  | undefined

const SESSION = { year: 2026, date: '2026-05-12', topic: '学习《行政复议法》', form: '中心组学法', participants: 12 }

describe('ledger CRUD', () => {
  it('lists a bureau’s entries for a year; a bureau user cannot list another bureau’s', async () => {
    const own = await t.call('kjj', 'GET', '/api/ledgers/study-sessions?year=2026')
    expect(own.status).toBe(200)
    expect(own.body.length).toBeGreaterThan(0)
    const kjjId = await t.bureauId('kjj')
    expect(own.body.every((r: { bureauId: number; year: number }) => r.bureauId === kjjId && r.year === 2026)).toBe(true)
    expect((await t.call('kjj', 'GET', `/api/ledgers/study-sessions?bureauId=${await t.bureauId('jyj')}`)).status).toBe(403)
    const byOffice = await t.call('leader', 'GET', `/api/ledgers/legality-reviews?bureauId=${await t.bureauId('jyj')}&year=2025`)
    const jyjId = await t.bureauId('jyj')
    expect(byOffice.body.every((r: { bureauId: number }) => r.bureauId === jyjId)).toBe(true)
  })

  it('refuses a date outside the year and values outside the enums', async () => {
    const before = await t.snapshot()
    for (const body of [
      { ...SESSION, date: '2025-12-31' },
      { ...SESSION, date: '2026-02-30' },
      { ...SESSION, form: '自学' },
      { ...SESSION, participants: -1 },
      { ...SESSION, topic: '  ' },
    ])
      expect((await t.call('kjj', 'POST', '/api/ledgers/study-sessions', body)).status).toBe(400)
    const review = await t.call('kjj', 'POST', '/api/ledgers/legality-reviews', { year: 2026, date: '2026-04-01', title: '合同审查', kind: '合同', reviewer: '法律顾问', outcome: '通过' })
    expect(review.status).toBe(400)
    expect(await t.snapshot()).toEqual(before)
  })

  it('creates, updates and deletes entries, with an audit event each', async () => {
    const created = await t.call('kjj', 'POST', '/api/ledgers/study-sessions', SESSION)
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ ...SESSION, id: expect.any(Number), bureauId: await t.bureauId('kjj') })
    const id = created.body.id
    expect(created.body.version).toBe(1)
    const updated = await t.call('kjj', 'PUT', `/api/ledgers/study-sessions/${id}`, { date: '2026-05-13', topic: '学习《行政复议法》（二）', form: '集体学法', participants: 30, version: 1 })
    expect(updated.status).toBe(200)
    expect(updated.body).toMatchObject({ date: '2026-05-13', form: '集体学法', participants: 30, version: 2 })
    const moved = await t.call('kjj', 'PUT', `/api/ledgers/study-sessions/${id}`, { date: '2027-01-02', topic: 'x', form: '集体学法', participants: 1, version: 2 })
    expect(moved.status).toBe(400)
    expect((await t.call('kjj', 'DELETE', `/api/ledgers/study-sessions/${id}?version=2`)).body).toEqual({ ok: true })
    expect((await t.db.select().from(studySessions).where(eq(studySessions.id, id)).limit(1))[0]).toBeUndefined()
    expect((await t.call('kjj', 'DELETE', `/api/ledgers/study-sessions/${id}?version=2`)).status).toBe(404)

    expect((await t.auditOf('ledger.create', id))[0]).toMatchObject({ objectType: 'study_session', before: null, after: { topic: SESSION.topic } })
    expect((await t.auditOf('ledger.update', id))[0]).toMatchObject({ before: { form: '中心组学法' }, after: { form: '集体学法' } })
    expect((await t.auditOf('ledger.delete', id))[0]).toMatchObject({ before: { participants: 30 }, after: null })
  })
})

describe('roll-up into the submission', () => {
  it('fills the ledger-fed values with source ledger and bumps the version on every change', async () => {
    const before = await detailOf('kjj', 'kjj')
    const centre = before.ledgerValues['study.center_group_sessions']
    const created = await t.call('kjj', 'POST', '/api/ledgers/study-sessions', SESSION)
    let after = await detailOf('kjj', 'kjj')
    expect(valueOf(after, 'study.center_group_sessions')).toMatchObject({ value: centre + 1, source: 'ledger' })
    expect(after.version).toBe(before.version + 1)
    expect((await t.auditOf('submission.rollup', before.id)).at(-1)).toMatchObject({
      before: { version: before.version },
      after: { version: before.version + 1, values: { 'study.center_group_sessions': { value: centre + 1, source: 'ledger' } } },
    })

    await t.call('kjj', 'PUT', `/api/ledgers/study-sessions/${created.body.id}`, { ...SESSION, form: '培训', participants: 40, version: created.body.version })
    after = await detailOf('kjj', 'kjj')
    expect(valueOf(after, 'study.center_group_sessions')!.value).toBe(centre)
    expect(valueOf(after, 'study.training_person_times')).toMatchObject({ value: before.ledgerValues['study.training_person_times'] + 40, source: 'ledger' })

    await t.call('kjj', 'DELETE', `/api/ledgers/study-sessions/${created.body.id}?version=${created.body.version + 1}`)
    after = await detailOf('kjj', 'kjj')
    expect(valueOf(after, 'study.training_person_times')!.value).toBe(before.ledgerValues['study.training_person_times'])
  })

  it('rolls legality reviews and publicity events up too', async () => {
    const before = await detailOf('kjj', 'kjj')
    await t.call('kjj', 'POST', '/api/ledgers/legality-reviews', { year: 2026, date: '2026-06-01', title: '房屋租赁合同', kind: '合同协议', reviewer: '法律顾问', outcome: '修改后通过' })
    await t.call('kjj', 'POST', '/api/ledgers/publicity-events', { year: 2026, date: '2026-12-04', title: '国家宪法日宣传', form: '宣传日', audience: 200, enterprisesCovered: 15 })
    const after = await detailOf('kjj', 'kjj')
    expect(valueOf(after, 'review.contracts_reviewed')).toMatchObject({ value: before.ledgerValues['review.contracts_reviewed'] + 1, source: 'ledger' })
    expect(valueOf(after, 'publicity.events')).toMatchObject({ value: before.ledgerValues['publicity.events'] + 1, source: 'ledger' })
    expect(valueOf(after, 'publicity.people_reached')).toMatchObject({ value: before.ledgerValues['publicity.people_reached'] + 215, source: 'ledger' })
  })

  it('keeps a manual override with its note, and shows the roll-up next to it', async () => {
    const code = 'study.center_group_sessions'
    const before = await detailOf('jyj', 'jyj')
    const rolled = before.ledgerValues[code]
    const saved = await t.call('jyj', 'PUT', `/api/submissions/${before.id}`, { version: before.version, values: [{ indicator: code, value: rolled + 3, note: '三次中心组学习记录在党建台账' }] })
    expect(saved.status).toBe(200)

    await t.call('jyj', 'POST', '/api/ledgers/study-sessions', SESSION)
    const after = await detailOf('jyj', 'jyj')
    expect(valueOf(after, code)).toMatchObject({ value: rolled + 3, source: 'manual', note: '三次中心组学习记录在党建台账' })
    expect(after.ledgerValues[code]).toBe(rolled + 1)
  })

  it('makes a form opened before a ledger change fail with 409 instead of overwriting it', async () => {
    const opened = await detailOf('czj', 'czj')
    await t.call('czj', 'POST', '/api/ledgers/publicity-events', { year: 2026, date: '2026-03-15', title: '消费者权益日', form: '宣讲', audience: 50, enterprisesCovered: 5 })
    const res = await t.call('czj', 'PUT', `/api/submissions/${opened.id}`, { version: opened.version, values: [{ indicator: 'lead.topic_meetings', value: 2 }] })
    expect(res.status).toBe(409)
    expect(res.body.message).toContain('财政局法治联络员')
  })

  it('accepts ledger entries before the draft exists; the new draft starts from them', async () => {
    expect(await t.submissionOf('wjw', 2026)).toBeUndefined()
    const entry = await t.call('wjw', 'POST', '/api/ledgers/study-sessions', SESSION)
    expect(entry.status).toBe(201)
    const draft = await t.call('wjw', 'POST', '/api/submissions', { year: 2026 })
    expect(valueOf(draft.body, 'study.center_group_sessions')).toMatchObject({ value: draft.body.ledgerValues['study.center_group_sessions'], source: 'ledger' })
    expect(draft.body.ledgerValues['study.center_group_sessions']).toBeGreaterThanOrEqual(1)
  })
})

describe('ledgers of a closed submission', () => {
  it('refuses changes while the submission is submitted or approved, and in a locked year', async () => {
    const draft = (await t.call('office', 'POST', '/api/submissions', { year: 2026, bureauId: await t.bureauId('slj') })).body
    const saved = await t.call('slj', 'PUT', `/api/submissions/${draft.id}`, { version: draft.version, values: completeValues(draft) })
    expect((await t.call('slj', 'POST', `/api/submissions/${draft.id}/submit`)).status).toBe(200)
    const entry = (await t.call('slj', 'GET', '/api/ledgers/study-sessions?year=2026')).body[0]
    const before = await t.snapshot()

    const submitted = await t.call('slj', 'POST', '/api/ledgers/study-sessions', SESSION)
    expect(submitted.status).toBe(409)
    expect(submitted.body.message).toBe('已上报的填报不能修改，如需修改请联系依法治县办退回')
    expect(await t.snapshot()).toEqual(before)

    await t.db.update(submissions).set({ status: 'approved' }).where(eq(submissions.id, saved.body.id))
    const snapshotApproved = await t.snapshot()
    for (const res of [
      await t.call('slj', 'POST', '/api/ledgers/study-sessions', SESSION),
      await t.call('slj', 'PUT', `/api/ledgers/study-sessions/${entry.id}`, { ...SESSION, participants: 99, version: entry.version }),
      await t.call('office', 'DELETE', `/api/ledgers/study-sessions/${entry.id}?version=${entry.version}`),
    ]) {
      expect(res.status).toBe(409)
      expect(res.body.message).toBe('已审核的填报为只读，如需修改请联系依法治县办重新打开')
    }
    expect(await t.snapshot()).toEqual(snapshotApproved)

    const old = (await t.call('kjj', 'GET', '/api/ledgers/study-sessions?year=2022')).body[0]
    for (const res of [
      await t.call('kjj', 'POST', '/api/ledgers/study-sessions', { ...SESSION, year: 2022, date: '2022-05-12' }),
      await t.call('kjj', 'DELETE', `/api/ledgers/study-sessions/${old.id}?version=${old.version}`),
    ]) {
      expect(res.status).toBe(409)
      expect(res.body.message).toBe('该年度已锁定，不能修改')
    }
  })
})
