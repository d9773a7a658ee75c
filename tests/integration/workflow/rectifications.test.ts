import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rectificationItems } from '../../../server/src/db/schema'
import { createWorkflowApp, type WorkflowContext } from './helpers'

let t: WorkflowContext
beforeAll(async () => {
  t = await createWorkflowApp({ now: new Date('2026-11-20T02:00:00Z') })
})
afterAll(() => t.close())

const ITEM = {
  problem: '规范性文件备案审查不及时',
  measure: '建立文件报备台账，按月核对',
  owner: '法规股',
  deadline: '2026-06-30',
  status: 'in_progress',
}
const itemsOf = async (code: string, year: number) =>
  t.db
    .select()
    .from(rectificationItems)
    .where(and(eq(rectificationItems.bureauId, await t.bureauId(code)), eq(rectificationItems.year, year)))

describe('rectification items', () => {
  it('creates items for the own bureau; the office names the bureau', async () => {
    const own = await t.call('fgw', 'POST', '/api/rectifications', { ...ITEM, year: 2026 })
    expect(own.status).toBe(201)
    expect(own.body).toMatchObject({ ...ITEM, bureauId: await t.bureauId('fgw'), bureauName: '示例县发展和改革委员会', year: 2026, completedAt: null, overdue: true })
    expect((await t.auditOf('rectification.create', own.body.id))[0]).toMatchObject({ after: { problem: ITEM.problem } })
    expect((await t.call('office', 'POST', '/api/rectifications', { ...ITEM, year: 2026 })).status).toBe(400)
    expect((await t.call('office', 'POST', '/api/rectifications', { ...ITEM, year: 2026, bureauId: await t.bureauId('gxj') })).status).toBe(201)
  })

  it('requires a completion date exactly when the item is done', async () => {
    const before = await t.snapshot()
    const done = await t.call('fgw', 'POST', '/api/rectifications', { ...ITEM, year: 2026, status: 'done' })
    expect(done.status).toBe(400)
    expect(done.body.message).toContain('须填写完成日期')
    expect((await t.call('fgw', 'POST', '/api/rectifications', { ...ITEM, year: 2026, completedAt: '2026-05-01' })).status).toBe(400)
    expect(await t.snapshot()).toEqual(before)
  })

  it('filters by status, with overdue derived from the deadline and the app clock', async () => {
    const all = (await t.call('fgw', 'GET', '/api/rectifications?year=2026')).body
    const fgwId = await t.bureauId('fgw')
    expect(all.every((i: { bureauId: number }) => i.bureauId === fgwId)).toBe(true)
    const overdue = (await t.call('fgw', 'GET', '/api/rectifications?year=2026&status=overdue')).body
    expect(overdue.length).toBeGreaterThan(0)
    expect(overdue.every((i: { status: string; deadline: string }) => i.status !== 'done' && i.deadline < '2026-11-20')).toBe(true)
    expect(overdue.length).toBe(all.filter((i: { overdue: boolean }) => i.overdue).length)
    const done = (await t.call('leader', 'GET', '/api/rectifications?year=2026&status=done')).body
    expect(done.every((i: { status: string }) => i.status === 'done')).toBe(true)

    t.setNow(new Date('2026-06-30T15:00:00Z')) // 23:00 on the deadline, China time
    const onDeadlineDay = (await t.call('fgw', 'GET', '/api/rectifications?year=2026&status=overdue')).body
    expect(onDeadlineDay.find((i: { problem: string }) => i.problem === ITEM.problem)).toBeUndefined()
    t.setNow(new Date('2026-11-20T02:00:00Z'))

    expect((await t.call('fgw', 'GET', `/api/rectifications?bureauId=${await t.bureauId('kjj')}`)).status).toBe(403)
  })

  it('updates an item (done clears overdue) and deletes it, with before/after audit events', async () => {
    const created = (await t.call('fgw', 'POST', '/api/rectifications', { ...ITEM, year: 2026, problem: '执法案卷评查发现问题未整改' })).body
    const updated = await t.call('fgw', 'PUT', `/api/rectifications/${created.id}`, {
      ...ITEM,
      problem: created.problem,
      status: 'done',
      completedAt: '2026-10-08',
      evidence: '整改报告已归档',
      version: created.version,
    })
    expect(updated.status).toBe(200)
    expect(updated.body).toMatchObject({ status: 'done', completedAt: '2026-10-08', overdue: false, evidence: '整改报告已归档', version: created.version + 1 })
    expect((await t.auditOf('rectification.update', created.id))[0]).toMatchObject({ before: { status: 'in_progress', completedAt: null }, after: { status: 'done' } })

    expect((await t.call('fgw', 'DELETE', `/api/rectifications/${created.id}?version=${updated.body.version}`)).body).toEqual({ ok: true })
    expect((await t.auditOf('rectification.delete', created.id))[0]).toMatchObject({ before: { status: 'done' }, after: null })
    expect((await t.call('fgw', 'PUT', `/api/rectifications/${created.id}`, { ...ITEM, version: 2 })).status).toBe(404)
  })

  it('refuses changes in a locked year', async () => {
    const res = await t.call('office', 'POST', '/api/rectifications', { ...ITEM, year: 2023, bureauId: await t.bureauId('kjj') })
    expect(res.status).toBe(409)
    expect(res.body.message).toBe('该年度已锁定，不能修改')
    const old = (await itemsOf('kjj', 2023))[0] ?? (await itemsOf('jyj', 2023))[0]
    const del = await t.call('office', 'DELETE', `/api/rectifications/${old.id}?version=${old.version}`)
    expect(del.status).toBe(409)
  })
})

describe('从上年度报告导入问题', () => {
  it('proposes last year’s unfinished problems without inserting them, then inserts the confirmed ones', async () => {
    const fgw = await t.bureauId('fgw')
    const lastYear = [
      { ...ITEM, year: 2025, problem: '行政复议应诉专业力量不足', status: 'in_progress', deadline: '2025-12-31', sourceYear: 2024 },
      { ...ITEM, year: 2025, problem: '政务公开栏目更新不及时', status: 'not_started', deadline: '2025-09-30', sourceYear: 2024 },
      { ...ITEM, year: 2025, problem: '法律顾问合同审查意见未归档', status: 'done', completedAt: '2025-08-01', evidence: '审查意见已归档', deadline: '2025-09-30', sourceYear: 2024 },
    ]
    for (const item of lastYear) expect((await t.call('fgw', 'POST', '/api/rectifications', item)).status).toBe(201)
    const countBefore = (await itemsOf('fgw', 2026)).length

    const proposed = await t.call('fgw', 'POST', '/api/rectifications/carry-over', { year: 2026 })
    expect(proposed.status).toBe(200)
    expect(proposed.body).toMatchObject({ year: 2026, bureauId: fgw })
    const problems = proposed.body.candidates.map((c: { problem: string }) => c.problem)
    expect(problems).toEqual(expect.arrayContaining(['行政复议应诉专业力量不足', '政务公开栏目更新不及时']))
    expect(problems).not.toContain('法律顾问合同审查意见未归档')
    expect(proposed.body.candidates.every((c: { deadline: string }) => c.deadline === '2026-12-31')).toBe(true)
    expect(await itemsOf('fgw', 2026)).toHaveLength(countBefore)

    const confirmed = proposed.body.candidates
      .filter((c: { problem: string }) => c.problem === '行政复议应诉专业力量不足')
      .map(({ fromItemId: _from, ...c }: { fromItemId: number }) => ({ ...c, measure: '配备公职律师' }))
    const inserted = await t.call('fgw', 'POST', '/api/rectifications/batch', { year: 2026, items: confirmed })
    expect(inserted.status).toBe(201)
    expect(inserted.body).toHaveLength(1)
    expect(inserted.body[0]).toMatchObject({ year: 2026, problem: '行政复议应诉专业力量不足', measure: '配备公职律师', sourceYear: 2024, repeated: true })
    expect(await itemsOf('fgw', 2026)).toHaveLength(countBefore + 1)

    const again = await t.call('fgw', 'POST', '/api/rectifications/carry-over', { year: 2026 })
    expect(again.body.candidates.map((c: { problem: string }) => c.problem)).not.toContain('行政复议应诉专业力量不足')
  })

  it('flags a problem tracked the year before, even reworded (连续两年提出)', async () => {
    const id = await t.bureauId('fgw')
    await t.sql.run("insert into rectification_items (bureau_id, year, problem, deadline) values (?, 2025, '规范性文件合法性审查机制有待健全，审查记录不够完整', '2025-12-31')", [id])
    const reworded = await t.call('fgw', 'POST', '/api/rectifications', { ...ITEM, year: 2026, problem: '规范性文件合法性审查记录不完整，审查机制尚不健全' })
    expect(reworded.body.repeated).toBe(true)
    const unrelated = await t.call('fgw', 'POST', '/api/rectifications', { ...ITEM, year: 2026, problem: '机关食堂卫生管理需加强' })
    expect(unrelated.body.repeated).toBe(false)
  })

  it('skips problems the bureau already tracks that year, including repeats within the batch', async () => {
    const first = await t.call('fgw', 'POST', '/api/rectifications/batch', { year: 2026, items: [{ ...ITEM, problem: '执法案卷评查发现问题未整改' }] })
    expect(first.body).toHaveLength(1)
    const countBefore = (await itemsOf('fgw', 2026)).length
    const second = await t.call('fgw', 'POST', '/api/rectifications/batch', {
      year: 2026,
      items: [
        { ...ITEM, problem: '执法案卷评查发现问题未整改 ' },
        { ...ITEM, problem: '新问题一' },
        { ...ITEM, problem: '新问题一' },
      ],
    })
    expect(second.status).toBe(201)
    expect(second.body.map((i: { problem: string }) => i.problem)).toEqual(['新问题一'])
    expect(await itemsOf('fgw', 2026)).toHaveLength(countBefore + 1)
  })

  it('refuses the whole batch when one item is invalid', async () => {
    const before = await t.snapshot()
    const res = await t.call('fgw', 'POST', '/api/rectifications/batch', {
      year: 2026,
      items: [
        { ...ITEM, problem: '第一项' },
        { ...ITEM, problem: '第二项', status: 'done' },
      ],
    })
    expect(res.status).toBe(400)
    expect(await t.snapshot()).toEqual(before)
    expect((await t.call('fgw', 'POST', '/api/rectifications/batch', { year: 2026, items: [] })).status).toBe(400)
  })
})
