import { CATALOG, type Indicator, LEDGER_INDICATORS, SUBMISSION_STATUS_LABELS, SUBMISSION_TRANSITIONS, type SubmissionAction, type SubmissionStatus } from '@fazhi/shared'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { submissions } from '../../../server/src/db/schema'
import { completeValues, createWorkflowApp, type WorkflowContext } from './helpers'

const NOW = new Date('2026-11-20T02:00:00Z')
const nameOf = (code: string) => CATALOG.find((c) => c.code === code)!.name

let t: WorkflowContext
beforeAll(async () => {
  t = await createWorkflowApp({ now: NOW })
})
afterAll(() => t.close())

/** A new 2026 draft for `code` (office creates it) filled so that it can be submitted. */
async function completeDraft(code: string) {
  const created = await t.call('office', 'POST', '/api/submissions', { year: 2026, bureauId: await t.bureauId(code) })
  expect(created.status).toBe(201)
  const saved = await t.call('office', 'PUT', `/api/submissions/${created.body.id}`, { version: created.body.version, values: completeValues(created.body) })
  expect(saved.status).toBe(200)
  return saved.body
}

describe('POST /api/submissions', () => {
  it('opens a draft for the bureau user’s own bureau, pre-filled from its ledgers, then returns the same one', async () => {
    const res = await t.call('fgw', 'POST', '/api/submissions', { year: 2026 })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ bureauId: await t.bureauId('fgw'), year: 2026, status: 'draft', version: 1, submittedAt: null, editable: true, locked: false })
    const fromLedger = res.body.values.filter((v: { source: string }) => v.source === 'ledger')
    expect(fromLedger.length).toBeGreaterThan(0)
    for (const v of fromLedger) {
      expect(LEDGER_INDICATORS).toContain(v.indicator)
      expect(v.value).toBe(res.body.ledgerValues[v.indicator])
    }
    expect(await t.auditOf('submission.create', res.body.id)).toHaveLength(1)

    const again = await t.call('fgw', 'POST', '/api/submissions', { year: 2026 })
    expect(again.status).toBe(200)
    expect(again.body.id).toBe(res.body.id)
    expect(await t.auditOf('submission.create', res.body.id)).toHaveLength(1)
  })

  it('does not let a bureau user name another bureau', async () => {
    const res = await t.call('fgw', 'POST', '/api/submissions', { year: 2026, bureauId: await t.bureauId('gxj') })
    expect(res.status).toBe(403)
    expect(await t.submissionOf('gxj', 2026)).toBeUndefined()
  })

  it('lets the office open a draft for any bureau, but it must name one', async () => {
    expect((await t.call('office', 'POST', '/api/submissions', { year: 2026 })).status).toBe(400)
    const res = await t.call('office', 'POST', '/api/submissions', { year: 2026, bureauId: await t.bureauId('gxj') })
    expect(res.status).toBe(201)
    expect(res.body.bureauId).toBe(await t.bureauId('gxj'))
  })

  it('answers 404 for an unknown year, 409 for a new one in a locked year, and the existing one even when locked', async () => {
    expect((await t.call('office', 'POST', '/api/submissions', { year: 2035, bureauId: await t.bureauId('fgw') })).status).toBe(404)
    await t.sql.run('delete from submissions where bureau_id = ? and year = 2023', [await t.bureauId('xfj')])
    const locked = await t.call('office', 'POST', '/api/submissions', { year: 2023, bureauId: await t.bureauId('xfj') })
    expect(locked.status).toBe(409)
    expect(locked.body.message).toBe('该年度已锁定，不能修改')
    const existing = await t.call('office', 'POST', '/api/submissions', { year: 2023, bureauId: await t.bureauId('fgw') })
    expect(existing.status).toBe(200)
    expect(existing.body).toMatchObject({ year: 2023, locked: true, editable: false })
  })
})

describe('reading submissions', () => {
  it('returns values with booleans as true/false and numbers otherwise', async () => {
    const id = (await t.submissionOf('kjj', 2025))!.id
    const res = await t.call('kjj', 'GET', `/api/submissions/${id}`)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ id, bureauId: await t.bureauId('kjj'), year: 2025, version: expect.any(Number), returnReason: null })
    // The year's indicators: the catalog's and those the year's scheme adds (bonus items, a veto).
    const indicators: Indicator[] = (await t.call('kjj', 'GET', '/api/indicators?year=2025')).body
    const kinds = new Map(indicators.map((c) => [c.code, c.kind]))
    expect(res.body.values.length).toBeGreaterThan(10)
    for (const v of res.body.values) {
      expect(typeof v.value).toBe(kinds.get(v.indicator) === 'boolean' ? 'boolean' : 'number')
      expect(v).toMatchObject({ note: null, source: expect.stringMatching(/^(manual|ledger|import)$/) })
    }
  })

  it('keeps a bureau user to their own bureau; the leader reads all', async () => {
    const id = (await t.submissionOf('kjj', 2026))!.id
    expect((await t.call('jyj', 'GET', `/api/submissions/${id}`)).status).toBe(403)
    expect((await t.call('leader', 'GET', `/api/submissions/${id}`)).status).toBe(200)
  })

  it('lists with the bureau name; a bureau user sees only their own rows', async () => {
    const mine = await t.call('kjj', 'GET', '/api/submissions')
    expect(mine.status).toBe(200)
    expect(mine.body.length).toBe(6)
    expect(new Set(mine.body.map((r: { bureauId: number }) => r.bureauId))).toEqual(new Set([await t.bureauId('kjj')]))
    expect(mine.body[0].bureauName).toBe('示例县科技局')
    expect((await t.call('kjj', 'GET', `/api/submissions?bureauId=${await t.bureauId('jyj')}`)).status).toBe(403)

    const drafts = await t.call('leader', 'GET', '/api/submissions?year=2026&status=draft')
    expect(drafts.body.map((r: { bureauCode: string }) => r.bureauCode)).toEqual(expect.arrayContaining(['kjj', 'jyj', 'czj', 'sfj', 'scjgj', 'gaj']))
    expect(drafts.body.every((r: { status: string; year: number }) => r.status === 'draft' && r.year === 2026)).toBe(true)
  })
})

describe('PUT /api/submissions/:id', () => {
  it('saves values, bumps the version and records who changed them', async () => {
    const s = (await t.submissionOf('kjj', 2026))!
    const dutyReport = (await t.valuesOf(s.id)).find((v) => v.indicatorCode === 'lead.duty_report')?.value !== 1
    const res = await t.call('kjj', 'PUT', `/api/submissions/${s.id}`, {
      version: s.version,
      values: [
        { indicator: 'lead.topic_meetings', value: 3, note: '3月、7月、11月各一次' },
        { indicator: 'lead.duty_report', value: dutyReport },
        { indicator: 'study.exam_pass_rate', value: 98.5 },
      ],
    })
    expect(res.status).toBe(200)
    expect(res.body.version).toBe(s.version + 1)
    const byCode = new Map(res.body.values.map((v: { indicator: string }) => [v.indicator, v]))
    expect(byCode.get('lead.topic_meetings')).toMatchObject({ value: 3, note: '3月、7月、11月各一次', source: 'manual', updatedBy: '科技局法治联络员' })
    expect(byCode.get('lead.duty_report')).toMatchObject({ value: dutyReport })
    expect(byCode.get('study.exam_pass_rate')).toMatchObject({ value: 98.5 })

    const [audit] = await t.auditOf('submission.save', s.id)
    expect(audit.username).toBe('kjj')
    expect(audit.before).toMatchObject({ version: s.version })
    expect(audit.after).toMatchObject({ version: s.version + 1, values: { 'lead.topic_meetings': { value: 3, source: 'manual' }, 'lead.duty_report': { value: Number(dutyReport) } } })
  })

  it('records a value accepted from an imported report with source import', async () => {
    const s = (await t.submissionOf('kjj', 2026))!
    const res = await t.call('kjj', 'PUT', `/api/submissions/${s.id}`, {
      version: s.version,
      values: [{ indicator: 'disclosure.items_published', value: 80, note: '年度报告：主动公开政府信息80余条', source: 'import' }],
    })
    expect(res.status).toBe(200)
    const saved = res.body.values.find((v: { indicator: string }) => v.indicator === 'disclosure.items_published')
    expect(saved).toMatchObject({ value: 80, source: 'import' })
    expect((await t.valuesOf(s.id)).find((v) => v.indicatorCode === 'disclosure.items_published')?.source).toBe('import')
    const bad = await t.call('kjj', 'PUT', `/api/submissions/${s.id}`, { version: res.body.version, values: [{ indicator: 'lead.topic_meetings', value: 2, source: 'ledger' }] })
    expect(bad.status).toBe(400)
  })

  it('refuses a stale version with 409 naming who saved last, and changes nothing', async () => {
    const s = (await t.submissionOf('kjj', 2026))!
    const before = await t.valuesOf(s.id)
    const res = await t.call('office', 'PUT', `/api/submissions/${s.id}`, { version: s.version - 1, values: [{ indicator: 'lead.topic_meetings', value: 9, note: '覆盖' }] })
    expect(res.status).toBe(409)
    expect(res.body.message).toMatch(/^该填报已被 科技局法治联络员 于 2026-11-20 10:00 修改，请刷新后再保存$/)
    // The client tells its user's own other window from someone else by the changer's id.
    const kjj = await t.sql.get('select id from users where username = ?', ['kjj']) as { id: number }
    expect(res.body.changedBy).toEqual({ userId: kjj.id, name: '科技局法治联络员', at: expect.any(String) })
    expect(await t.valuesOf(s.id)).toEqual(before)
    expect((await t.submissionOf('kjj', 2026))!.version).toBe(s.version)
  })

  it('answers a save from a second tab of the same user, on the version both read, with 409 naming that user', async () => {
    const s = (await t.submissionOf('kjj', 2026))!
    const [first, second] = await Promise.all(
      ['一号窗口', '二号窗口'].map((note) => t.call('kjj', 'PUT', `/api/submissions/${s.id}`, { version: s.version, values: [{ indicator: 'lead.topic_meetings', value: 4, note }] })),
    )
    expect([first.status, second.status].sort()).toEqual([200, 409])
    const stale = first.status === 409 ? first : second
    const kjj = await t.sql.get('select id from users where username = ?', ['kjj']) as { id: number }
    expect(stale.body.changedBy).toMatchObject({ userId: kjj.id, name: '科技局法治联络员' })
    expect((await t.submissionOf('kjj', 2026))!.version).toBe(s.version + 1)
  })

  const INVALID: [string, { indicator: string; value: unknown; notApplicable?: boolean }, RegExp][] = [
    ['a percentage above 100', { indicator: 'study.exam_pass_rate', value: 101 }, /学法考试合格率」应为 0–100/],
    ['a negative count', { indicator: 'disclosure.items_published', value: -1 }, /非负整数/],
    ['a fractional count', { indicator: 'publicity.new_media_posts', value: 1.5 }, /非负整数/],
    ['a count at MAX_COUNT', { indicator: 'publicity.new_media_posts', value: 1_000_000 }, /非负整数/],
    ['a boolean given as 1', { indicator: 'lead.duty_report', value: 1 }, /主要负责人年度述法」应填/],
    ['an unknown code', { indicator: 'lead.nonexistent', value: 1 }, /未知指标代码：lead.nonexistent/],
    ['a derived code', { indicator: 'review.normative_doc_review_rate', value: 80 }, /自动计算/],
    ['a value marked 不适用', { indicator: 'oversight.head_appearance_rate', value: 100, notApplicable: true }, /不适用时不能填写数值/],
    ['an enforcement indicator for a bureau without enforcement powers', { indicator: 'enforcement.certified_rate', value: 100 }, /无行政执法职能/],
  ]
  it.each(INVALID)('refuses %s with 400 and writes nothing, not even the valid values next to it', async (_label, bad, message) => {
    const s = (await t.submissionOf('kjj', 2026))!
    const before = await t.valuesOf(s.id)
    const res = await t.call('kjj', 'PUT', `/api/submissions/${s.id}`, { version: s.version, values: [{ indicator: 'lead.topic_meetings', value: 5, note: '有效值' }, bad] })
    expect(res.status).toBe(400)
    expect(res.body.message).toMatch(message)
    expect(await t.valuesOf(s.id)).toEqual(before)
    expect((await t.submissionOf('kjj', 2026))!.version).toBe(s.version)
  })

  it('refuses a boolean given as a string through the schema', async () => {
    const s = (await t.submissionOf('kjj', 2026))!
    const res = await t.call('kjj', 'PUT', `/api/submissions/${s.id}`, { version: s.version, values: [{ indicator: 'lead.duty_report', value: 'true' }] })
    expect(res.status).toBe(400)
  })

  it('needs a note to change a ledger roll-up by hand, then keeps the override next to the roll-up', async () => {
    const s = (await t.submissionOf('kjj', 2026))!
    const detail = (await t.call('kjj', 'GET', `/api/submissions/${s.id}`)).body
    const code = 'study.collective_sessions'
    const rolled = detail.ledgerValues[code]
    const noNote = await t.call('kjj', 'PUT', `/api/submissions/${s.id}`, { version: detail.version, values: [{ indicator: code, value: rolled + 2, note: '' }] })
    expect(noNote.status).toBe(400)
    expect(noNote.body.message).toContain(`「${nameOf(code)}」手工修改台账汇总值须说明原因`)

    const withNote = await t.call('kjj', 'PUT', `/api/submissions/${s.id}`, { version: detail.version, values: [{ indicator: code, value: rolled + 2, note: '两次学法未录入台账' }] })
    expect(withNote.status).toBe(200)
    expect(withNote.body.values.find((v: { indicator: string }) => v.indicator === code)).toMatchObject({ value: rolled + 2, source: 'manual', note: '两次学法未录入台账' })
    expect(withNote.body.ledgerValues[code]).toBe(rolled)
  })

  it('keeps ledger-sourced values as they are when the form sends them back unchanged', async () => {
    const s = (await t.submissionOf('kjj', 2026))!
    const detail = (await t.call('kjj', 'GET', `/api/submissions/${s.id}`)).body
    const ledgerValues = detail.values.filter((v: { source: string }) => v.source === 'ledger')
    expect(ledgerValues.length).toBeGreaterThan(0)
    const res = await t.call('kjj', 'PUT', `/api/submissions/${s.id}`, {
      version: detail.version,
      values: ledgerValues.map((v: { indicator: string; value: number }) => ({ indicator: v.indicator, value: v.value })),
    })
    expect(res.status).toBe(200)
    for (const v of ledgerValues) expect(res.body.values.find((x: { indicator: string }) => x.indicator === v.indicator).source).toBe('ledger')
  })

  it('of 20 parallel saves with the same version exactly one wins, and its values are the ones stored', async () => {
    const s = (await t.submissionOf('jyj', 2026))!
    const cookie = await t.as('jyj')
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.app.inject({
          method: 'PUT',
          url: `/api/submissions/${s.id}`,
          headers: cookie,
          payload: { version: s.version, values: [{ indicator: 'lead.topic_meetings', value: i + 10, note: `第 ${i} 个` }, { indicator: 'disclosure.items_published', value: i + 100 }] },
        }),
      ),
    )
    const statuses = responses.map((r) => r.statusCode)
    expect(statuses.filter((x) => x === 200)).toHaveLength(1)
    expect(statuses.filter((x) => x === 409)).toHaveLength(19)
    const winner = statuses.indexOf(200)
    const stored = new Map((await t.valuesOf(s.id)).map((v) => [v.indicatorCode, v]))
    expect(stored.get('lead.topic_meetings')).toMatchObject({ value: winner + 10, note: `第 ${winner} 个` })
    expect(stored.get('disclosure.items_published')).toMatchObject({ value: winner + 100 })
    expect((await t.submissionOf('jyj', 2026))!.version).toBe(s.version + 1)
    expect(await t.auditOf('submission.save', s.id)).toHaveLength(1)
  })
})

describe('submitting: the fill rules', () => {
  it('lists every missing indicator by name; enforcement ones only for bureaus with enforcement powers', async () => {
    const withEnforcement = (await t.call('office', 'POST', '/api/submissions', { year: 2026, bureauId: await t.bureauId('mzj') })).body
    const res = await t.call('mzj', 'POST', `/api/submissions/${withEnforcement.id}/submit`)
    expect(res.status).toBe(400)
    expect(res.body.message).toContain('以下指标尚未填写')
    for (const code of ['lead.duty_report', 'study.exam_participation_rate', 'enforcement.certified_rate', 'oversight.litigation_lost'])
      expect(res.body.message).toContain(nameOf(code))
    expect(res.body.message).not.toContain(nameOf('review.normative_doc_review_rate'))

    const fgw = (await t.submissionOf('fgw', 2026))!
    const noEnforcement = await t.call('fgw', 'POST', `/api/submissions/${fgw.id}/submit`)
    expect(noEnforcement.status).toBe(400)
    expect(noEnforcement.body.message).not.toContain(nameOf('enforcement.certified_rate'))
    expect((await t.submissionOf('mzj', 2026))!.status).toBe('draft')
  })

  it('accepts 不适用 only with a note, then submits and stamps submittedAt', async () => {
    const fgw = (await t.call('fgw', 'GET', `/api/submissions/${(await t.submissionOf('fgw', 2026))!.id}`)).body
    const values = completeValues(fgw).map((v) =>
      v.indicator === 'oversight.proposals_on_time_rate' ? { indicator: v.indicator, value: null, notApplicable: true } : v,
    )
    const saved = await t.call('fgw', 'PUT', `/api/submissions/${fgw.id}`, { version: fgw.version, values })
    expect(saved.status).toBe(200)
    expect(saved.body.missing).toEqual(['oversight.proposals_on_time_rate'])
    const refused = await t.call('fgw', 'POST', `/api/submissions/${fgw.id}/submit`)
    expect(refused.status).toBe(400)
    expect(refused.body.message).toContain(`不适用但未说明原因：${nameOf('oversight.proposals_on_time_rate')}`)

    const noted = await t.call('fgw', 'PUT', `/api/submissions/${fgw.id}`, {
      version: saved.body.version,
      values: [{ indicator: 'oversight.proposals_on_time_rate', value: null, notApplicable: true, note: '本年度未承办人大建议、政协提案' }],
    })
    expect(noted.body.missing).toEqual([])
    const submitted = await t.call('fgw', 'POST', `/api/submissions/${fgw.id}/submit`)
    expect(submitted.status).toBe(200)
    expect(submitted.body).toMatchObject({ status: 'submitted', submittedAt: NOW.toISOString(), editable: false })
  })
})

describe('the state machine', () => {
  const STATUSES: SubmissionStatus[] = ['draft', 'submitted', 'returned', 'approved']
  const ACTIONS: SubmissionAction[] = ['submit', 'return', 'approve', 'reopen']
  const ALLOWED: Record<string, SubmissionStatus> = {
    'draft submit': 'submitted',
    'returned submit': 'submitted',
    'submitted return': 'returned',
    'submitted approve': 'approved',
    'approved reopen': 'draft',
  }
  const cases = STATUSES.flatMap((from) => ACTIONS.map((action) => [from, action, ALLOWED[`${from} ${action}`] ?? null] as const))
  let id: number

  beforeAll(async () => {
    id = (await completeDraft('rsj')).id
  })

  it('matches the shared transition table', () => {
    const fromShared = Object.fromEntries(
      Object.entries(SUBMISSION_TRANSITIONS).flatMap(([action, tr]) => tr.from.map((from) => [`${from} ${action}`, tr.to])),
    )
    expect(fromShared).toEqual(ALLOWED)
  })

  it.each(cases)('%s → %s gives %s (409 when forbidden)', async (from, action, to) => {
    await t.db.update(submissions).set({ status: from }).where(eq(submissions.id, id))
    const res = await t.call('office', 'POST', `/api/submissions/${id}/${action}`, action === 'return' ? { reason: '数据与台账不一致' } : undefined)
    const stored = ((await t.db.select().from(submissions).where(eq(submissions.id, id)).limit(1))[0])!
    if (to) {
      expect(res.status).toBe(200)
      expect(res.body.status).toBe(to)
      expect(stored.status).toBe(to)
    } else {
      expect(res.status).toBe(409)
      expect(res.body.message).toBe(`当前状态为「${SUBMISSION_STATUS_LABELS[from]}」，不能${SUBMISSION_TRANSITIONS[action].label}`)
      expect(stored.status).toBe(from)
    }
  })

  it('runs a whole review round through the API, with its audit trail', async () => {
    const s = await completeDraft('zrzyj')
    const go = (user: string, action: string, payload?: unknown) => t.call(user, 'POST', `/api/submissions/${s.id}/${action}`, payload)
    expect((await go('zrzyj', 'submit')).body.status).toBe('submitted')
    expect((await go('office', 'return', { reason: '   ' })).status).toBe(400)
    const returned = await go('office', 'return', { reason: '执法人员持证率与人事台账不符' })
    expect(returned.body).toMatchObject({ status: 'returned', returnReason: '执法人员持证率与人事台账不符', editable: true })
    const resubmitted = await go('zrzyj', 'submit')
    expect(resubmitted.body).toMatchObject({ status: 'submitted', returnReason: null })
    const approved = await go('office', 'approve')
    expect(approved.body).toMatchObject({ status: 'approved', approvedAt: NOW.toISOString(), approvedBy: '县委依法治县办', editable: false })
    const reopened = await go('office', 'reopen')
    expect(reopened.body).toMatchObject({ status: 'draft', approvedAt: null, approvedBy: null, editable: true })
    expect(reopened.body.history.map((e: { action: string }) => e.action)).toEqual(['submit', 'return', 'resubmit', 'approve', 'reopen'])

    for (const action of ['submit', 'return', 'approve', 'reopen']) {
      const events = await t.auditOf(`submission.${action}`, s.id)
      expect(events.length).toBeGreaterThan(0)
      expect(events[0].before).toMatchObject({ status: expect.any(String) })
      expect(events[0].after).toMatchObject({ status: SUBMISSION_TRANSITIONS[action as SubmissionAction].to })
    }
    expect(await t.auditOf('submission.resubmit', s.id)).toHaveLength(1)
  })
})

describe('read-only submissions', () => {
  it('refuses edits to a submitted or approved submission with the reason', async () => {
    const s = await completeDraft('sthjj')
    await t.call('sthjj', 'POST', `/api/submissions/${s.id}/submit`)
    const version = ((await t.db.select().from(submissions).where(eq(submissions.id, s.id)).limit(1))[0])!.version
    const edit = () => t.call('sthjj', 'PUT', `/api/submissions/${s.id}`, { version, values: [{ indicator: 'lead.topic_meetings', value: 8 }] })
    const submitted = await edit()
    expect(submitted.status).toBe(409)
    expect(submitted.body.message).toBe('已上报的填报不能修改，如需修改请联系依法治县办退回')
    await t.call('office', 'POST', `/api/submissions/${s.id}/approve`)
    const approved = await edit()
    expect(approved.status).toBe(409)
    expect(approved.body.message).toBe('已审核的填报为只读，如需修改请联系依法治县办重新打开')
  })

  it('refuses every write in a locked year with the reason', async () => {
    const s = (await t.submissionOf('kjj', 2023))!
    const before = await t.snapshot()
    const writes = [
      t.call('office', 'PUT', `/api/submissions/${s.id}`, { version: s.version, values: [{ indicator: 'lead.topic_meetings', value: 8 }] }),
      t.call('office', 'POST', `/api/submissions/${s.id}/reopen`),
      t.call('office', 'PUT', `/api/submissions/${s.id}/publication`, { publishedUrl: 'https://www.example.gov.cn/a.html', publishedAt: '2024-03-20' }),
    ]
    for (const res of await Promise.all(writes)) {
      expect(res.status).toBe(409)
      expect(res.body.message).toBe('该年度已锁定，不能修改')
    }
    expect(await t.snapshot()).toEqual(before)
  })
})

describe('PUT /api/submissions/:id/publication', () => {
  it('validates the address and the date', async () => {
    const id = (await t.submissionOf('czj', 2026))!.id
    for (const body of [
      { publishedUrl: 'ftp://www.example.gov.cn/r.html', publishedAt: '2027-03-20' },
      { publishedUrl: 'www.example.gov.cn/r.html', publishedAt: '2027-03-20' },
      { publishedUrl: 'https://www.example.gov.cn/r.html', publishedAt: '2027-02-30' },
      { publishedUrl: 'https://www.example.gov.cn/r.html', publishedAt: '20270320' },
    ])
      expect((await t.call('czj', 'PUT', `/api/submissions/${id}/publication`, body)).status).toBe(400)
    expect((await t.submissionOf('czj', 2026))!.publishedAt).toBeNull()
  })

  it('records publication by the deadline, which the score counts as lead.report_published', async () => {
    // A reported (submitted, not yet approved) 2025 report that was not published yet: only a reported one is scored.
    const { code } = await t.sql.get("select b.code from submissions s join bureaus b on b.id = s.bureau_id where s.year = 2025 and s.status = 'submitted' and s.published_at is null order by b.code limit 1") as { code: string }
    const s = (await t.submissionOf(code, 2025))!
    const url = `https://www.example.gov.cn/${code}/2025.html`
    const res = await t.call(code, 'PUT', `/api/submissions/${s.id}/publication`, { publishedUrl: url, publishedAt: '2026-03-20' })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ publishedUrl: url, publishedAt: '2026-03-20', version: s.version + 1 })
    const overview = await t.call(code, 'GET', `/api/bureaus/${s.bureauId}/overview?year=2025`)
    expect(overview.body.indicators.find((i: { code: string }) => i.code === 'lead.report_published').value).toBe(1)
    expect((await t.auditOf('submission.publish', s.id))[0]).toMatchObject({ before: { publishedAt: null }, after: { publishedAt: '2026-03-20' } })
  })

  it('is refused on an approved submission: approved means fixed, the office must reopen it first', async () => {
    const s = (await t.submissionOf('kjj', 2025))!
    expect(s.status).toBe('approved')
    const res = await t.call('kjj', 'PUT', `/api/submissions/${s.id}/publication`, { publishedUrl: 'http://www.example.gov.cn/kjj/2025.html', publishedAt: '2026-03-28' })
    expect(res.status).toBe(409)
    expect(await t.submissionOf('kjj', 2025)).toEqual(s)
  })
})
