import type { BureauOverview, RectificationItem, Summary } from '@fazhi/shared'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rectificationItems } from '../../../server/src/db/schema'
import { createWorkflowApp, type WorkflowContext } from './helpers'

/** 销号: a bureau marks an item done with evidence; it counts as done only once the office verified it. */
let t: WorkflowContext
let kjj: number
beforeAll(async () => {
  t = await createWorkflowApp({ now: new Date('2026-11-20T02:00:00Z') })
  kjj = await t.bureauId('kjj')
})
afterAll(() => t.close())

const ITEM = { problem: '执法案卷归档不及时', measure: '建立归档台账', owner: '法规股', deadline: '2026-12-31', status: 'in_progress' }
const DONE = { status: 'done', completedAt: '2026-10-08', evidence: '归档台账及整改报告已上传' }

const stored = async (id: number) => ((await t.db.select().from(rectificationItems).where(eq(rectificationItems.id, id)).limit(1))[0])!
async function newItem(fields: object = {}): Promise<RectificationItem> {
  const res = await t.call('kjj', 'POST', '/api/rectifications', { ...ITEM, year: 2026, problem: `${ITEM.problem}${Math.random()}`, ...fields })
  expect(res.status).toBe(201)
  return res.body
}
const put = (user: string, item: RectificationItem, fields: object) =>
  t.call(user, 'PUT', `/api/rectifications/${item.id}`, { ...ITEM, problem: item.problem, ...fields, version: item.version })
const verify = (user: string, item: RectificationItem, body: object) => t.call(user, 'POST', `/api/rectifications/${item.id}/verify`, { version: item.version, ...body })

async function kjjFigures(year = 2026) {
  const summary = (await t.call('office', 'GET', `/api/dashboard/summary?year=${year}`)).body as Summary
  const overview = (await t.call('kjj', 'GET', `/api/bureaus/${kjj}/overview?year=${year}`)).body as BureauOverview
  return {
    county: summary.rectification,
    row: summary.bureaus.find((b) => b.bureauId === kjj)!.rectification,
    overview: overview.rectification,
    indicator: overview.indicators.find((i) => i.code === 'rectification.completion_rate')!.value,
  }
}

describe('已完成 needs evidence', () => {
  it('refuses done without evidence text (400), on create and on update, and changes nothing', async () => {
    const item = await newItem()
    const before = await t.snapshot()
    for (const evidence of [undefined, null, '', '   ']) {
      const res = await put('kjj', item, { ...DONE, evidence })
      expect(res.status).toBe(400)
      expect(res.body.message).toContain('整改佐证')
    }
    expect((await t.call('kjj', 'POST', '/api/rectifications', { ...ITEM, ...DONE, evidence: '', year: 2026 })).status).toBe(400)
    expect(await t.snapshot()).toEqual(before)
  })
})

describe('the office verifies (通过销号) or sends back (退回重改)', () => {
  it('a done item waits for the office and is not counted as done in 整改完成率 until verified', async () => {
    // 2025: kjj's report is approved, so its 整改完成率 indicator is scored (a 2026 draft carries no figures).
    const item = await newItem({ year: 2025 })
    const start = await kjjFigures(2025)
    expect(start.indicator).not.toBeNull()

    const marked = await put('kjj', item, DONE)
    expect(marked.status).toBe(200)
    expect(marked.body).toMatchObject({ status: 'done', verifiedAt: null, verifiedBy: null, overdue: false })
    const pending = await kjjFigures(2025)
    for (const scope of ['county', 'row', 'overview'] as const) {
      expect(pending[scope].pending, scope).toBe(start[scope].pending + 1)
      expect(pending[scope].done, scope).toBe(start[scope].done)
      expect(pending[scope].completionRate, scope).toBe(start[scope].completionRate)
    }
    expect(pending.indicator).toBe(start.indicator)
    const listed = (await t.call('office', 'GET', `/api/rectifications?year=2025&status=pending`)).body as RectificationItem[]
    expect(listed.map((i) => i.id)).toContain(item.id)

    const approved = await verify('office', marked.body, { approve: true })
    expect(approved.status).toBe(200)
    expect(approved.body).toMatchObject({ status: 'done', verifiedBy: '县委依法治县办', returnReason: null, version: marked.body.version + 1 })
    expect(approved.body.verifiedAt).toBe('2026-11-20T02:00:00.000Z')
    const verified = await kjjFigures(2025)
    for (const scope of ['county', 'row', 'overview'] as const) {
      expect(verified[scope].pending, scope).toBe(start[scope].pending)
      expect(verified[scope].done, scope).toBe(start[scope].done + 1)
      expect(verified[scope].completionRate, scope).toBeCloseTo(verified[scope].done / verified[scope].total, 4)
    }
    expect(verified.indicator).toBeCloseTo((100 * verified.overview.done) / verified.overview.total, 6)
    expect(verified.indicator).toBeGreaterThan(start.indicator!)
    expect((await t.auditOf('rectification.verify', item.id))[0]).toMatchObject({ before: { verifiedAt: null }, after: { verifiedAt: '2026-11-20T02:00:00.000Z' } })
  })

  it('a sent-back item opens again with the reason, which the bureau sees; done again clears it', async () => {
    const item = (await put('kjj', await newItem(), DONE)).body as RectificationItem
    const noReason = await verify('office', item, { approve: false })
    expect(noReason.status).toBe(400)
    expect(noReason.body.message).toContain('退回原因')
    expect((await stored(item.id)).status).toBe('done')

    const back = await verify('office', item, { approve: false, reason: '佐证只有目录，请补充整改前后对比' })
    expect(back.status).toBe(200)
    expect(back.body).toMatchObject({ status: 'in_progress', completedAt: null, verifiedAt: null, returnReason: '佐证只有目录，请补充整改前后对比' })
    expect((await t.auditOf('rectification.return', item.id))[0]).toMatchObject({ after: { returnReason: '佐证只有目录，请补充整改前后对比' } })
    const seen = ((await t.call('kjj', 'GET', '/api/rectifications?year=2026')).body as RectificationItem[]).find((i) => i.id === item.id)!
    expect(seen.returnReason).toBe('佐证只有目录，请补充整改前后对比')

    const again = await put('kjj', back.body, { ...DONE, evidence: '补充了整改前后对比表' })
    expect(again.status).toBe(200)
    expect(again.body).toMatchObject({ status: 'done', returnReason: null, verifiedAt: null })
  })

  it('a verified item is final for the bureau until the office sends it back', async () => {
    const marked = (await put('kjj', await newItem(), DONE)).body as RectificationItem
    const verified = (await verify('office', marked, { approve: true })).body as RectificationItem
    const before = await t.snapshot()
    const edit = await put('kjj', verified, { ...DONE, evidence: '改一下' })
    expect(edit.status).toBe(409)
    expect(edit.body.message).toContain('已销号')
    expect((await t.call('kjj', 'DELETE', `/api/rectifications/${verified.id}?version=${verified.version}`)).status).toBe(409)
    expect((await verify('office', verified, { approve: true })).status).toBe(409)
    expect(await t.snapshot()).toEqual(before)

    const undone = await verify('office', verified, { approve: false, reason: '抽查发现问题反弹' })
    expect(undone.status).toBe(200)
    expect(undone.body).toMatchObject({ status: 'in_progress', verifiedAt: null, verifiedBy: null })
    expect((await put('kjj', undone.body, { status: 'in_progress' })).status).toBe(200)
  })

  it('only a done item can be verified or sent back', async () => {
    const open = await newItem()
    const before = await t.snapshot()
    expect((await verify('office', open, { approve: true })).status).toBe(409)
    expect((await verify('office', open, { approve: false, reason: '不需要' })).status).toBe(409)
    expect(await t.snapshot()).toEqual(before)
  })

  it('only the office verifies; another bureau neither sees nor touches the item', async () => {
    const item = (await put('kjj', await newItem(), DONE)).body as RectificationItem
    const before = await t.snapshot()
    for (const user of ['kjj', 'jyj', 'leader', 'sysadmin', 'auditor']) expect((await verify(user, item, { approve: true })).status, user).toBe(403)
    expect((await put('jyj', item, DONE)).status).toBe(403)
    expect((await t.call('jyj', 'GET', `/api/rectifications?year=2026&bureauId=${kjj}`)).status).toBe(403)
    const own = (await t.call('jyj', 'GET', '/api/rectifications?year=2026')).body as RectificationItem[]
    expect(own.some((i) => i.id === item.id)).toBe(false)
    expect(await t.snapshot()).toEqual(before)
  })

  it('an item waiting for verification past its deadline is not overdue', async () => {
    const item = await newItem({ deadline: '2026-06-30' })
    expect(item.overdue).toBe(true)
    const marked = await put('kjj', item, { ...DONE, deadline: '2026-06-30' })
    expect(marked.body.overdue).toBe(false)
    const overdue = (await t.call('kjj', 'GET', '/api/rectifications?year=2026&status=overdue')).body as RectificationItem[]
    expect(overdue.some((i) => i.id === item.id)).toBe(false)
  })

  it('approve and send-back of the same version in parallel: exactly one wins', async () => {
    const item = (await put('kjj', await newItem(), DONE)).body as RectificationItem
    const results = await Promise.all([verify('office', item, { approve: true }), verify('office', item, { approve: false, reason: '佐证不全' })])
    const statuses = results.map((r) => r.status).sort()
    expect(statuses).toEqual([200, 409])
    const winner = results.find((r) => r.status === 200)!.body as RectificationItem
    expect(await stored(item.id)).toMatchObject({ status: winner.status, verifiedAt: winner.verifiedAt, returnReason: winner.returnReason, version: item.version + 1 })
  })
})
