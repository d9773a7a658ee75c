import { MAX_COUNT, type Indicator, type SubmissionDetail } from '@fazhi/shared'
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dashboardVersions, indicators, schemeIndicators } from '../../../server/src/db/schema'
import { addDefaultCatalog } from '../../../server/src/features/catalog/default-catalog'
import { completeValues, createWorkflowApp, type WorkflowContext } from './helpers'

let t: WorkflowContext
beforeAll(async () => {
  t = await createWorkflowApp({ now: new Date('2026-11-20T02:00:00Z') })
})
afterAll(() => t.close())

const MEETINGS = 'lead.topic_meetings'
const LOST_SUITS = 'oversight.litigation_lost'
const CORRECTED = 'oversight.reconsideration_corrected'
const TRAINING = 'study.training_person_times'

const detailOf = async (user: string, code: string, year = 2026): Promise<SubmissionDetail> =>
  (await t.call(user, 'GET', `/api/submissions/${(await t.submissionOf(code, year))!.id}`)).body
/** Saves `values` on the bureau's draft as the bureau user; returns the response. */
async function save(code: string, values: { indicator: string; value?: number | boolean | null; note?: string | null }[]) {
  const d = await detailOf(code, code)
  return t.call(code, 'PUT', `/api/submissions/${d.id}`, { version: d.version, values })
}
const flagsOf = (d: SubmissionDetail, indicator: string) => d.flags.filter((f) => f.indicator === indicator)

describe('a value outside its plausible range', () => {
  it('saves, shows as a flag, and blocks submitting until it has a note', async () => {
    const draft = await detailOf('kjj', 'kjj')
    const filled = completeValues(draft).map((v) =>
      v.indicator === MEETINGS || v.indicator === CORRECTED || v.indicator === LOST_SUITS ? { ...v, value: 96 } : v,
    )
    const saved = await save('kjj', filled)
    expect(saved.status).toBe(200)
    expect(saved.body.values.find((v: { indicator: string }) => v.indicator === MEETINGS).value).toBe(96)
    expect(saved.body.missing).toEqual([])
    for (const code of [MEETINGS, CORRECTED, LOST_SUITS]) expect(flagsOf(saved.body, code)[0]).toMatchObject({ kind: 'range', noted: false })
    expect(flagsOf(saved.body, MEETINGS)[0].message).toBe('「党组(党委)会议专题研究法治建设次数」96 次超出合理范围（0–24）')

    const before = await t.snapshot()
    const refused = await t.call('kjj', 'POST', `/api/submissions/${draft.id}/submit`)
    expect(refused.status).toBe(400)
    expect(refused.body.message).toContain('以下数值超出合理范围或与上年差异过大，请在备注中说明：')
    for (const f of saved.body.flags) expect(refused.body.message).toContain(f.message)
    expect(await t.snapshot()).toEqual(before)
    expect(await t.auditOf('submission.submit', draft.id)).toEqual([])

    // Explaining two of the three is not enough: the message lists only the one left.
    await save('kjj', [
      { indicator: MEETINGS, value: 96, note: '含各党支部专题会议，见会议纪要' },
      { indicator: CORRECTED, value: 96, note: '同一事项批量申请复议 96 件，一并纠错' },
    ])
    const stillRefused = await t.call('kjj', 'POST', `/api/submissions/${draft.id}/submit`)
    expect(stillRefused.status).toBe(400)
    expect(stillRefused.body.message).not.toContain('尚未填写')
    expect(stillRefused.body.message).toContain('「行政诉讼败诉件数」96 件超出合理范围（0–10）')
    expect(stillRefused.body.message).not.toContain('党组(党委)会议')
    expect(stillRefused.body.message).not.toContain('行政复议被纠错')

    const explained = await save('kjj', [{ indicator: LOST_SUITS, value: 96, note: '系列案件 96 件同一判决' }])
    expect(explained.body.flags.length).toBeGreaterThanOrEqual(3)
    expect(explained.body.flags.every((f: { noted: boolean }) => f.noted)).toBe(true)
    const submitted = await t.call('kjj', 'POST', `/api/submissions/${draft.id}/submit`)
    expect(submitted.status).toBe(200)
    expect(submitted.body.status).toBe('submitted')
    expect(flagsOf(submitted.body, MEETINGS)[0].noted).toBe(true)
  })
})

describe('year over year', () => {
  it('compares with last year’s reported value; small numbers do not trip it', async () => {
    // Make last year's report say 2 meetings and 1 lost suit, then report it again.
    const last = (await t.submissionOf('jyj', 2025))!
    expect(last.status).toBe('approved')
    expect((await t.call('office', 'POST', `/api/submissions/${last.id}/reopen`)).status).toBe(200)
    const reopened = await detailOf('jyj', 'jyj', 2025)
    const put = await t.call('jyj', 'PUT', `/api/submissions/${last.id}`, {
      version: reopened.version,
      values: [
        { indicator: MEETINGS, value: 2 },
        { indicator: LOST_SUITS, value: 1 },
      ],
    })
    expect(put.status).toBe(200)
    expect((await t.call('jyj', 'POST', `/api/submissions/${last.id}/submit`)).status).toBe(200)

    const draft = await detailOf('jyj', 'jyj')
    expect(draft.previousValues).toMatchObject({ [MEETINGS]: 2, [LOST_SUITS]: 1 })
    expect(draft.previousValues).toEqual(
      Object.fromEntries((await t.valuesOf(last.id)).filter((v) => v.value !== null).map((v) => [v.indicatorCode, v.value])),
    )

    // Exactly 3× (2 → 6) and 4× by only 3 (1 → 4): no flag.
    const quiet = await save('jyj', [
      { indicator: MEETINGS, value: 6 },
      { indicator: LOST_SUITS, value: 4 },
    ])
    expect(quiet.status).toBe(200)
    expect([...flagsOf(quiet.body, MEETINGS), ...flagsOf(quiet.body, LOST_SUITS)]).toEqual([])

    // 2 → 7 and 1 → 6: beyond 3× by at least the minimum change.
    const jumped = await save('jyj', [
      { indicator: MEETINGS, value: 7 },
      { indicator: LOST_SUITS, value: 6 },
    ])
    expect(flagsOf(jumped.body, MEETINGS)).toEqual([
      { indicator: MEETINGS, kind: 'yoy', message: '「党组(党委)会议专题研究法治建设次数」7 次，是上年（2 次）的 3.5 倍', noted: false },
    ])
    expect(flagsOf(jumped.body, LOST_SUITS)).toEqual([
      { indicator: LOST_SUITS, kind: 'yoy', message: '「行政诉讼败诉件数」6 件，是上年（1 件）的 6 倍', noted: false },
    ])
    const list = await t.call('jyj', 'GET', '/api/submissions?year=2026')
    expect(list.body).toEqual([expect.objectContaining({ bureauCode: 'jyj', flagCount: jumped.body.flags.length })])

    // A report the office returned is not last year's report: nothing to compare with.
    expect((await t.call('office', 'POST', `/api/submissions/${last.id}/return`, { reason: '请核实败诉件数' })).status).toBe(200)
    const afterReturn = await detailOf('jyj', 'jyj')
    expect(afterReturn.previousValues).toEqual({})
    expect(afterReturn.flags.filter((f) => f.kind === 'yoy')).toEqual([])
  })
})

describe('flags in the demo, and who sees them', () => {
  it('the office sees an explained flag on a submitted report and an unexplained one on a draft, and their counts in the list', async () => {
    const explained = await detailOf('office', 'wjw', 2025)
    expect(explained.status).toBe('submitted')
    expect(explained.flags).toEqual([expect.objectContaining({ indicator: 'disclosure.items_published', kind: 'yoy', noted: true })])
    const draft = await detailOf('office', 'sfj', 2026)
    expect(draft.status).toBe('draft')
    expect(flagsOf(draft, MEETINGS).map((f) => [f.kind, f.noted])).toEqual([
      ['range', false],
      ['yoy', false],
    ])

    const list = await t.call('office', 'GET', '/api/submissions?year=2025')
    const counts = Object.fromEntries(list.body.map((r: { bureauCode: string; flagCount: number }) => [r.bureauCode, r.flagCount]))
    expect(counts.wjw).toBe(1)
    const sfj = (await t.call('office', 'GET', '/api/submissions?year=2026')).body.find((r: { bureauCode: string }) => r.bureauCode === 'sfj')
    expect(sfj.flagCount).toBe(draft.flags.length)
  })

  it('a bureau user sees only its own flags', async () => {
    const other = (await t.submissionOf('sfj', 2026))!
    expect((await t.call('kjj', 'GET', `/api/submissions/${other.id}`)).status).toBe(403)
    expect((await t.call('kjj', 'GET', `/api/submissions?bureauId=${other.bureauId}`)).status).toBe(403)
    const own = await t.call('kjj', 'GET', '/api/submissions')
    expect(own.body.length).toBeGreaterThan(0)
    expect(own.body.every((r: { bureauCode: string }) => r.bureauCode === 'kjj')).toBe(true)
  })
})

describe('ledger roll-ups obey the per-value maximum', () => {
  const session = (participants: number) => ({ year: 2026, date: '2026-09-10', topic: '行政执法人员培训', form: '培训', participants })

  it('refuses a ledger entry whose roll-up would exceed what a typed value may be, and changes nothing', async () => {
    const before = await t.snapshot()
    const res = await t.call('czj', 'POST', '/api/ledgers/study-sessions', session(MAX_COUNT - 1))
    expect(res.status).toBe(400)
    expect(res.body.message).toContain('台账汇总超出上限，本次修改未保存')
    expect(res.body.message).toContain('「参加法治培训、考试人次」')
    expect(await t.snapshot()).toEqual(before)

    // One entry with both counts at the maximum breaks it on its own.
    const event = { year: 2026, date: '2026-09-10', title: '宪法宣传周', form: '宣讲', audience: MAX_COUNT - 1, enterprisesCovered: MAX_COUNT - 1 }
    expect((await t.call('czj', 'POST', '/api/ledgers/publicity-events', event)).status).toBe(400)
    expect(await t.snapshot()).toEqual(before)
  })

  it('takes entries up to the maximum, then refuses the next one and an edit that raises the total', async () => {
    const draft = await detailOf('czj', 'czj')
    const room = MAX_COUNT - 1 - draft.ledgerValues[TRAINING]
    const filled = await t.call('czj', 'POST', '/api/ledgers/study-sessions', session(room))
    expect(filled.status).toBe(201)
    expect((await detailOf('czj', 'czj')).values.find((v) => v.indicator === TRAINING)?.value).toBe(MAX_COUNT - 1)

    const before = await t.snapshot()
    expect((await t.call('czj', 'POST', '/api/ledgers/study-sessions', session(1))).status).toBe(400)
    const raised = await t.call('czj', 'PUT', `/api/ledgers/study-sessions/${filled.body.id}`, { ...session(room + 1), year: undefined, version: filled.body.version })
    expect(raised.status).toBe(400)
    expect(raised.body.message).toContain('台账汇总超出上限')
    expect(await t.snapshot()).toEqual(before)

    // Lowering the total always passes.
    const lowered = await t.call('czj', 'PUT', `/api/ledgers/study-sessions/${filled.body.id}`, { ...session(room - 10), year: undefined, version: filled.body.version })
    expect(lowered.status).toBe(200)
    expect((await detailOf('czj', 'czj')).ledgerValues[TRAINING]).toBe(MAX_COUNT - 11)
    expect((await t.call('czj', 'DELETE', `/api/ledgers/study-sessions/${filled.body.id}?version=${lowered.body.version}`)).status).toBe(200)
  })

  it('holds for a bureau-year without a submission too', async () => {
    expect(await t.submissionOf('fgw', 2026)).toBeUndefined()
    const before = await t.snapshot()
    expect((await t.call('fgw', 'POST', '/api/ledgers/study-sessions', session(600_000))).status).toBe(201)
    const second = await t.call('fgw', 'POST', '/api/ledgers/study-sessions', session(600_000))
    expect(second.status).toBe(400)
    expect((await t.snapshot() as { studySessions: unknown[] }).studySessions.length).toBe((before as { studySessions: unknown[] }).studySessions.length + 1)
  })

  it('two entries racing for the same room: exactly one is taken', async () => {
    const draft = await detailOf('gaj', 'gaj')
    const half = Math.floor((MAX_COUNT - 1 - draft.ledgerValues[TRAINING]) / 2) + 1
    const results = await Promise.all([1, 2].map(() => t.call('gaj', 'POST', '/api/ledgers/study-sessions', session(half))))
    expect(results.map((r) => r.status).sort()).toEqual([201, 400])
    const after = await detailOf('gaj', 'gaj')
    expect(after.ledgerValues[TRAINING]).toBe(draft.ledgerValues[TRAINING] + half)
    expect(after.values.find((v) => v.indicator === TRAINING)?.value).toBe(draft.ledgerValues[TRAINING] + half)
  })
})

describe('the rules live in the catalog and in each year’s scheme', () => {
  const rulesOf = (code: string) =>
    t.db.select({ min: indicators.plausibleMin, max: indicators.plausibleMax, yoy: indicators.yoyMinChange }).from(indicators).where(eq(indicators.code, code)).limit(1).then((rows) => rows[0])

  it('GET /api/indicators answers each indicator’s range and year-over-year minimum', async () => {
    const list: Indicator[] = (await t.call('kjj', 'GET', '/api/indicators?year=2026')).body
    const of = (code: string) => list.find((i) => i.code === code)
    expect(of(MEETINGS)).toMatchObject({ plausibleMin: 0, plausibleMax: 24, yoyMinChange: 4 })
    expect(of(CORRECTED)).toMatchObject({ plausibleMin: 0, plausibleMax: 10, yoyMinChange: 5 })
    expect(of('study.exam_pass_rate')).toMatchObject({ plausibleMin: 0, plausibleMax: 100, yoyMinChange: 30 })
    expect(of('lead.duty_report')).toMatchObject({ plausibleMin: null, plausibleMax: null, yoyMinChange: null })
  })

  it('at start-up fills only the rules still unset, keeps those the office set, and then writes nothing', async () => {
    // As after the upgrade that added the columns, and as if the office had allowed 30 meetings.
    await t.db.update(indicators).set({ plausibleMin: null, plausibleMax: null, yoyMinChange: null }).where(eq(indicators.code, LOST_SUITS))
    await t.db.update(indicators).set({ plausibleMax: 30 }).where(eq(indicators.code, MEETINGS))
    await addDefaultCatalog(t.db)
    expect(await rulesOf(LOST_SUITS)).toEqual({ min: 0, max: 10, yoy: 5 })
    expect(await rulesOf(MEETINGS)).toEqual({ min: 0, max: 30, yoy: 4 })

    const versions = () => t.db.select().from(dashboardVersions)
    const before = await versions()
    await addDefaultCatalog(t.db)
    expect(await versions()).toEqual(before)

    // A year with a scheme of its own checks by the scheme's rows: 2026's still allows 24 meetings.
    const outside = await save('sfj', [{ indicator: MEETINGS, value: 30 }])
    expect(flagsOf(outside.body, MEETINGS).map((f) => f.kind)).toEqual(['range', 'yoy'])
    // The office allows 30 in 2026's scheme too: 30 meetings is now within range.
    const in2026 = and(eq(schemeIndicators.year, 2026), eq(schemeIndicators.indicatorCode, MEETINGS))
    await t.db.update(schemeIndicators).set({ plausibleMax: 30 }).where(in2026)
    const saved = await save('sfj', [{ indicator: MEETINGS, value: 30 }])
    expect(flagsOf(saved.body, MEETINGS).map((f) => f.kind)).toEqual(['yoy'])
    await t.db.update(schemeIndicators).set({ plausibleMax: 24 }).where(in2026)
    await t.db.update(indicators).set({ plausibleMax: 24 }).where(eq(indicators.code, MEETINGS))
  })
})
