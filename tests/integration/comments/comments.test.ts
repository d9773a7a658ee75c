import type { ReviewComment, SubmissionDetail } from '@fazhi/shared'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { reviewComments } from '../../../server/src/db/schema'
import { completeValues, createWorkflowApp, type WorkflowContext } from '../workflow/helpers'

// Reviewers' comments (批注) on 发展改革委's (fgw) 2026 report, played through its review. 教育局 (jyj) is
// the other bureau. The server's clock stands in February 2027, before the due date.

const china = (date: string, time = '10:00:00') => new Date(`${date}T${time}+08:00`)
const STUDY = { date: '2026-04-01', topic: '学习《行政处罚法》', form: '集体学法', participants: 20 }

let t: WorkflowContext
let id: number
let ledgerRow: number
let otherLedgerRow: number
let file: number
let otherFile: number
/** What the office commented on while reviewing, by target. */
const office: Record<string, ReviewComment> = {}

beforeAll(async () => {
  t = await createWorkflowApp({ now: china('2027-02-10') })
})
afterAll(() => t.close())

async function draft(code: string): Promise<SubmissionDetail> {
  const created = await t.call('office', 'POST', '/api/submissions', { year: 2026, bureauId: await t.bureauId(code) })
  expect(created.status).toBe(201)
  const saved = await t.call('office', 'PUT', `/api/submissions/${created.body.id}`, { version: created.body.version, values: completeValues(created.body) })
  expect(saved.status).toBe(200)
  return saved.body
}

/** An evidence file row, as the files feature stores it (its routes are built elsewhere). */
async function insertFile(code: string, submissionId: number): Promise<number> {
  return (
    await t.sql.get(`insert into evidence_files (bureau_id, year, submission_id, indicator_code, name, size, type, sha256)
         values (?, 2026, ?, 'lead.topic_meetings', '会议纪要.pdf', 1024, 'application/pdf', ?) returning id`, [await t.bureauId(code), submissionId, 'a'.repeat(64)]) as { id: number }
  ).id
}

const comment = (user: string, body: object) => t.call(user, 'POST', '/api/comments', { submissionId: id, ...body })
const list = async (user: string, submissionId = id): Promise<ReviewComment[]> => {
  const res = await t.call(user, 'GET', `/api/comments?submissionId=${submissionId}`)
  expect(res.status).toBe(200)
  return res.body
}
const storedComments = () => t.db.select().from(reviewComments)

describe('the office comments while reviewing', () => {
  it('cannot comment before the report is submitted', async () => {
    id = (await draft('fgw')).id
    ledgerRow = (await t.call('fgw', 'POST', '/api/ledgers/study-sessions', { ...STUDY, year: 2026 })).body.id
    // 教育局 has a 2026 draft in the demo county.
    const jyj = (await t.submissionOf('jyj', 2026))!
    otherLedgerRow = (await t.call('jyj', 'POST', '/api/ledgers/study-sessions', { ...STUDY, year: 2026 })).body.id
    file = await insertFile('fgw', id)
    otherFile = await insertFile('jyj', jyj.id)
    const res = await comment('office', { indicator: 'lead.topic_meetings', text: '请核对' })
    expect(res.status).toBe(409)
    expect(res.body.message).toContain('已上报')
    expect(await storedComments()).toHaveLength(0)
  })

  it('comments on a value, a ledger row, an evidence file and the report; each is unsent', async () => {
    expect((await t.call('fgw', 'POST', `/api/submissions/${id}/submit`)).status).toBe(200)
    const targets: Record<string, object> = {
      value: { indicator: 'lead.topic_meetings', text: '  会议次数与纪要不符，请核对  ' },
      ledger: { ledgerType: 'study-sessions', ledgerId: ledgerRow, text: '请补充签到表' },
      file: { fileId: file, text: '纪要缺少盖章页' },
      report: { text: '整体数据请再复核一遍' },
    }
    for (const [name, body] of Object.entries(targets)) {
      const res = await comment('office', body)
      expect(res.status, JSON.stringify(res.body)).toBe(201)
      office[name] = res.body
    }
    expect(office.value).toMatchObject({ indicator: 'lead.topic_meetings', text: '会议次数与纪要不符，请核对', authorSide: 'office', sent: false, eventId: null, replyTo: null })
    expect(office.ledger).toMatchObject({ ledgerType: 'study-sessions', ledgerId: ledgerRow, indicator: null, fileId: null })
    expect(office.file).toMatchObject({ fileId: file, indicator: null })
    expect(office.report).toMatchObject({ indicator: null, ledgerType: null, ledgerId: null, fileId: null })
    expect(await t.auditOf('comment.create')).toHaveLength(4)
    expect(await list('leader')).toHaveLength(4)
  })

  it('refuses a target of another bureau-year or outside the scheme (400), writing nothing', async () => {
    const before = await storedComments()
    const cases = [
      { ledgerType: 'study-sessions', ledgerId: otherLedgerRow, text: '别的单位的台账' },
      { fileId: otherFile, text: '别的单位的材料' },
      { indicator: 'no.such_indicator', text: '不存在的指标' },
      { ledgerType: 'study-sessions', text: '缺少台账记录' },
      { indicator: 'lead.topic_meetings', fileId: file, text: '两个对象' },
      { text: '   ' },
    ]
    for (const body of cases) {
      const res = await comment('office', body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.body.message).toMatch(/[\u4e00-\u9fa5]/)
    }
    expect(await storedComments()).toEqual(before)
  })

  it('keeps unsent comments from the bureau: it neither sees nor answers them, nor starts a thread', async () => {
    expect(await list('fgw')).toEqual([])
    const listed = await t.call('fgw', 'GET', `/api/submissions?year=2026`)
    expect(listed.body.find((r: { id: number }) => r.id === id).commentCount).toBe(0)
    const officeRow = (await t.call('office', 'GET', `/api/submissions?year=2026`)).body.find((r: { id: number }) => r.id === id)
    expect(officeRow.commentCount).toBe(4)
    const before = await storedComments()
    expect((await comment('fgw', { replyTo: office.value.id, text: '已核对' })).status).toBe(404)
    expect((await comment('fgw', { indicator: 'lead.topic_meetings', text: '我们自己的批注' })).status).toBe(403)
    expect((await comment('fgw', { text: '我们自己的批注' })).status).toBe(403)
    expect(await storedComments()).toEqual(before)
  })
})

describe('a return sends the comments', () => {
  let returnId: number

  it('attaches every unsent comment to the return in its history, and the bureau sees them', async () => {
    const returned = await t.call('office', 'POST', `/api/submissions/${id}/return`, { reason: '详见批注' })
    expect(returned.status).toBe(200)
    returnId = returned.body.history.at(-1).id
    expect(returned.body.history.at(-1)).toMatchObject({ action: 'return', reason: '详见批注' })
    const seen = await list('fgw')
    expect(seen.map((c) => c.id).sort()).toEqual(Object.values(office).map((c) => c.id).sort())
    expect(seen.every((c) => c.sent && c.eventId === returnId)).toBe(true)
    expect((await t.call('fgw', 'GET', `/api/submissions?year=2026`)).body.find((r: { id: number }) => r.id === id).commentCount).toBe(4)
  })

  it('lets the bureau answer each, and the office follow up at once on the returned report', async () => {
    const answer = await comment('fgw', { replyTo: office.value.id, text: '已核对，纪要已补传' })
    expect(answer.status).toBe(201)
    expect(answer.body).toMatchObject({ replyTo: office.value.id, indicator: 'lead.topic_meetings', authorSide: 'bureau', sent: true, eventId: null })
    const followUp = await comment('office', { replyTo: office.value.id, text: '收到' })
    expect(followUp.body).toMatchObject({ authorSide: 'office', sent: true, eventId: returnId })
    expect((await list('fgw')).filter((c) => c.replyTo === office.value.id).map((c) => c.text)).toEqual(['已核对，纪要已补传', '收到'])
    // Replies go to the thread's first comment, and carry no target of their own.
    expect((await comment('fgw', { replyTo: answer.body.id, text: '再补充一点' })).status).toBe(400)
    expect((await comment('fgw', { replyTo: office.ledger.id, indicator: 'lead.topic_meetings', text: '换个对象' })).status).toBe(400)
  })

  it('keeps another bureau out of the comments (403) and the leader read-only', async () => {
    const before = await storedComments()
    expect((await t.call('jyj', 'GET', `/api/comments?submissionId=${id}`)).status).toBe(403)
    expect((await comment('jyj', { replyTo: office.value.id, text: '不是我们的' })).status).toBe(403)
    expect((await comment('leader', { replyTo: office.value.id, text: '领导意见' })).status).toBe(403)
    expect(await list('leader')).toHaveLength(6)
    expect(await storedComments()).toEqual(before)
  })

  it('shows each thread under its return in the history, with an answer given after resubmitting', async () => {
    expect((await t.call('fgw', 'POST', `/api/submissions/${id}/submit`)).status).toBe(200)
    const late = await comment('fgw', { replyTo: office.ledger.id, text: '签到表已补，见台账' })
    expect(late.status).toBe(201)
    const next = await comment('office', { replyTo: office.ledger.id, text: '签到表仍缺第二页' })
    expect(next.body).toMatchObject({ sent: false, eventId: null })
    expect((await list('fgw')).some((c) => c.id === next.body.id)).toBe(false)
    const again = await t.call('office', 'POST', `/api/submissions/${id}/return`, { reason: '详见批注' })
    const history = again.body.history as { id: number; action: string }[]
    expect(history.map((e) => e.action)).toEqual(['submit', 'return', 'resubmit', 'return'])
    const seen = await list('fgw')
    expect(seen.find((c) => c.id === next.body.id)).toMatchObject({ sent: true, eventId: history[3].id })
    // The thread started with the first return stays under it, its answers with it.
    const ledgerThread = seen.filter((c) => c.id === office.ledger.id || c.replyTo === office.ledger.id)
    expect(ledgerThread.find((c) => c.replyTo === null)!.eventId).toBe(history[1].id)
    expect(ledgerThread.map((c) => c.text)).toEqual(['请补充签到表', '签到表已补，见台账', '签到表仍缺第二页'])
    expect(await t.auditOf('comment.create')).toHaveLength(8)
  })

  it('refuses comments on an approved report (409)', async () => {
    expect((await t.call('fgw', 'POST', `/api/submissions/${id}/submit`)).status).toBe(200)
    expect((await t.call('office', 'POST', `/api/submissions/${id}/approve`)).status).toBe(200)
    expect((await comment('office', { text: '通过后补一句' })).status).toBe(409)
    expect((await comment('fgw', { replyTo: office.report.id, text: '通过后回复' })).status).toBe(409)
  })
})

describe('comments posted while the office returns the report', () => {
  it('are each attached to that return: none lost, none half-written', async () => {
    const s = await draft('tjj')
    expect((await t.call('tjj', 'POST', `/api/submissions/${s.id}/submit`)).status).toBe(200)
    const texts = Array.from({ length: 12 }, (_, i) => `并发批注 ${i + 1}`)
    const results = await Promise.all([
      ...texts.slice(0, 6).map((text) => t.call('office', 'POST', '/api/comments', { submissionId: s.id, text })),
      t.call('office', 'POST', `/api/submissions/${s.id}/return`, { reason: '详见批注' }),
      ...texts.slice(6).map((text) => t.call('office', 'POST', '/api/comments', { submissionId: s.id, text })),
    ])
    expect(results.map((r) => r.status)).toEqual([...Array(6).fill(201), 200, ...Array(6).fill(201)])
    const returnId = results[6].body.history.at(-1).id
    const stored = await t.db.select().from(reviewComments).where(eq(reviewComments.submissionId, s.id))
    expect(stored.map((c) => c.text).sort()).toEqual([...texts].sort())
    expect(stored.every((c) => c.eventId === returnId)).toBe(true)
    expect((await list('tjj', s.id)).map((c) => c.text).sort()).toEqual([...texts].sort())
  })
})
