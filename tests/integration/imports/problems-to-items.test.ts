import fs from 'node:fs'
import path from 'node:path'
import type { ImportedReport, RectificationItem, Summary } from '@fazhi/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { multipartFile } from '../../helpers/multipart'
import { createWorkflowApp, type WorkflowContext } from '../workflow/helpers'

/** Problems found in a year-Y annual report are rectified in year Y + 1, with the report as their source. A 西峡县 report, its county confirmed. */
const report = fs.readFileSync(path.join(import.meta.dirname, '../../fixtures/reports/xixia-kjj-2023.docx'))

let t: WorkflowContext
let kjj: number
beforeAll(async () => {
  t = await createWorkflowApp({ now: new Date('2026-11-20T02:00:00Z') })
  kjj = await t.bureauId('kjj')
})
afterAll(() => t.close())

async function importReport(year: number): Promise<ImportedReport> {
  const body = multipartFile('report.docx', report)
  const res = await t.app.inject({ method: 'POST', url: `/api/imports?year=${year}&confirmCounty=1`, headers: { ...(await t.as('kjj')), ...body.headers }, payload: body.payload })
  expect(res.statusCode).toBe(201)
  return res.json()
}
const itemsOf = (r: ImportedReport, year: number, deadline: string) =>
  r.problems.map((p) => ({ problem: p.text, deadline, status: 'not_started' }))
const kjjRectification = async (year: number) =>
  ((await t.call('office', 'GET', `/api/dashboard/summary?year=${year}`)).body as Summary).bureaus.find((b) => b.bureauId === kjj)!.rectification

describe('POST /api/rectifications/batch with sourceImportId', () => {
  it('puts a 2025 report’s problems into 2026, naming the report; the 2025 figures do not move', async () => {
    const r = await importReport(2025)
    expect(r.problems.length).toBeGreaterThan(0)
    const before2025 = await kjjRectification(2025)
    const snapshot = await t.snapshot()

    const wrongYear = await t.call('kjj', 'POST', '/api/rectifications/batch', { year: 2025, sourceImportId: r.id, items: itemsOf(r, 2025, '2025-12-31') })
    expect(wrongYear.status).toBe(400)
    expect(wrongYear.body.message).toBe('2025 年度报告中的问题应列入 2026 年度整改')
    expect(await t.snapshot()).toEqual(snapshot)

    const created = await t.call('kjj', 'POST', '/api/rectifications/batch', { year: 2026, sourceImportId: r.id, items: itemsOf(r, 2026, '2026-12-31') })
    expect(created.status).toBe(201)
    expect(created.body).toHaveLength(r.problems.length)
    for (const item of created.body as RectificationItem[]) expect(item).toMatchObject({ year: 2026, sourceYear: 2025, sourceImportId: r.id, bureauId: kjj })
    expect(await kjjRectification(2025)).toEqual(before2025)
  })

  it('refuses (409, nothing written) while the year after the report has no cycle, and takes them once the office opens it', async () => {
    const r = await importReport(2026)
    const snapshot = await t.snapshot()
    const refused = await t.call('kjj', 'POST', '/api/rectifications/batch', { year: 2027, sourceImportId: r.id, items: itemsOf(r, 2027, '2027-12-31') })
    expect(refused.status).toBe(409)
    expect(refused.body.message).toContain('尚未开启 2027 年度的填报周期')
    expect(await t.snapshot()).toEqual(snapshot)

    expect((await t.call('office', 'POST', '/api/cycles', { year: 2027 })).status).toBe(201)
    const created = await t.call('kjj', 'POST', '/api/rectifications/batch', { year: 2027, sourceImportId: r.id, items: itemsOf(r, 2027, '2027-12-31') })
    expect(created.status).toBe(201)
    expect(created.body[0]).toMatchObject({ year: 2027, sourceYear: 2026, sourceImportId: r.id })
  })

  it('keeps a report to its own bureau', async () => {
    const r = await importReport(2025)
    const snapshot = await t.snapshot()
    const items = itemsOf(r, 2026, '2026-12-31').map((i) => ({ ...i, problem: `${i.problem}（另）` }))
    expect((await t.call('jyj', 'POST', '/api/rectifications/batch', { year: 2026, sourceImportId: r.id, items })).status).toBe(403)
    const misnamed = await t.call('office', 'POST', '/api/rectifications/batch', { year: 2026, bureauId: await t.bureauId('jyj'), sourceImportId: r.id, items })
    expect(misnamed.status).toBe(400)
    expect((await t.call('kjj', 'POST', '/api/rectifications/batch', { year: 2026, sourceImportId: 999_999, items })).status).toBe(404)
    expect(await t.snapshot()).toEqual(snapshot)
  })
})
