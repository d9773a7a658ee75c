import fs from 'node:fs'
import path from 'node:path'
import JSZip from 'jszip'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, login, withCsrf, type TestContext } from '../../helpers/app'
import { truthOf } from '../../helpers/databases'
import { multipartFile } from '../../helpers/multipart'

const FIXTURES = path.join(import.meta.dirname, '../../fixtures/reports')
const xixiaDocx = fs.readFileSync(path.join(FIXTURES, 'xixia-kjj-2023.docx'))

let t: TestContext
let kjj: string
let office: string
let kjjId: number
beforeAll(async () => {
  t = await createTestApp()
  kjj = await login(t.app, 'kjj')
  office = await login(t.app, 'office')
  kjjId = (await t.sql.get("select id from bureaus where code = 'kjj'") as { id: number }).id
})
afterAll(() => t.close())

// The fixtures are 西峡县's reports, uploaded for the demo county's bureaus: the county warning is confirmed (review-checks.test.ts tests it).
const upload = (cookie: string, query: string, fileName: string, data: Buffer) => {
  const body = multipartFile(fileName, data)
  return t.app.inject({ method: 'POST', url: `/api/imports?${query}&confirmCounty=1`, headers: { ...withCsrf(cookie), ...body.headers }, payload: body.payload })
}
const importCount = async () => (await t.sql.get('select cast(count(*) as integer) as n from report_imports') as { n: number }).n

describe('POST /api/imports', () => {
  it('reads a bureau’s docx report: sections, values with quotes and offsets, problems', async () => {
    const res = await upload(kjj, 'year=2026', '西峡县科技局2023年法治政府建设报告.docx', xixiaDocx)
    expect(res.statusCode).toBe(201)
    const report = res.json()
    expect(report).toMatchObject({ bureauId: kjjId, year: 2026, reportedYear: 2023, reportedBureau: '西峡县科技局' })
    expect(report.sections).toEqual({ measures: true, shortcomings: true, dutyPerformance: true, nextYearPlan: true, other: false })
    const events = report.values.find((v: { indicator: string }) => v.indicator === 'publicity.events')
    expect(events).toMatchObject({ value: 24, approx: false, name: '普法宣传活动场次', unit: '场' })
    expect(report.text.slice(events.start, events.end)).toBe(events.quote)
    const stored = await t.sql.get("select v.value, v.source from submission_values v join submissions s on s.id = v.submission_id where s.bureau_id = ? and s.year = 2026 and v.indicator_code = 'publicity.events'", [kjjId]) as { value: number; source: string } | undefined
    expect(events.current).toEqual(stored ?? null)
    expect(report.problems).toHaveLength(2)
    for (const p of report.problems) expect(report.text.slice(p.start, p.end)).toContain(p.text.slice(0, 10))
  })

  it('is the structure check the office sees afterwards', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/imports/latest?year=2026&bureauId=${kjjId}`, headers: { cookie: office } })
    expect(res.statusCode).toBe(200)
    expect(res.json().report.sections.other).toBe(false)
    const none = await t.app.inject({ method: 'GET', url: `/api/imports/latest?year=2025&bureauId=${kjjId}`, headers: { cookie: office } })
    expect(none.json()).toEqual({ report: null })
  })

  it('flags a problem raised again after last year (连续两年提出)', async () => {
    await t.sql.run("insert into rectification_items (bureau_id, year, source_year, problem, deadline) values (?, 2026, 2025, ?, '2026-12-31')", [kjjId, '法治宣传教育形式和内容创新不够，针对性和实效性不强'])
    const res = await upload(kjj, 'year=2026', 'report.docx', xixiaDocx)
    const flagged = res.json().problems.filter((p: { repeatedFrom: string | null }) => p.repeatedFrom)
    expect(flagged).toHaveLength(1)
    expect(flagged[0].text).toMatch(/法治宣传教育/)
  })

  it('refuses files it cannot read, and stores nothing', async () => {
    const before = await importCount()
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')
    expect((await upload(kjj, 'year=2026', 'report.png', png)).statusCode).toBe(415)
    const renamed = await upload(kjj, 'year=2026', 'report.docx', png)
    expect([415, 422]).toContain(renamed.statusCode)
    expect(renamed.json().message).toBeTruthy()
    expect((await upload(kjj, 'year=2026', 'empty.txt', Buffer.alloc(0))).statusCode).toBe(422)
    const big = await upload(kjj, 'year=2026', 'big.txt', Buffer.alloc(10 * 1024 * 1024 + 1, 0x41))
    expect(big.statusCode).toBe(413)
    expect(big.json().message).toMatch(/10 MB/)
    expect(await importCount()).toBe(before)
  })

  it('keeps bureaus to their own reports and the leader out', async () => {
    const before = await importCount()
    const otherId = (await t.sql.get("select id from bureaus where code = 'jyj'") as { id: number }).id
    expect((await upload(kjj, `year=2026&bureauId=${otherId}`, 'r.docx', xixiaDocx)).statusCode).toBe(403)
    expect((await t.app.inject({ method: 'GET', url: `/api/imports/latest?year=2026&bureauId=${otherId}`, headers: { cookie: kjj } })).statusCode).toBe(403)
    const leader = await login(t.app, 'leader')
    expect((await upload(leader, `year=2026&bureauId=${otherId}`, 'r.docx', xixiaDocx)).statusCode).toBe(403)
    expect((await upload(office, 'year=2026', 'r.docx', xixiaDocx)).statusCode).toBe(400)
    expect((await upload(office, `year=2026&bureauId=${otherId}`, 'r.docx', xixiaDocx)).statusCode).toBe(201)
    expect(await importCount()).toBe(before + 1)
  })

  it('writes an audit event for each import', async () => {
    const rows = await t.sql.all<{ success: unknown }>("select username, object_type, success from audit_events where action = 'import'")
    expect(rows.length).toBe(3)
    expect({ ...rows[0], success: truthOf(rows[0].success) }).toMatchObject({ username: 'kjj', object_type: 'report', success: 1 })
  })

  it('drops control and direction characters from a report’s text and reads the rest (.docx and .txt)', async () => {
    const zip = await JSZip.loadAsync(xixiaDocx)
    const xml = await zip.file('word/document.xml')!.async('string')
    expect(xml).toContain('普法宣传')
    zip.file('word/document.xml', xml.replaceAll('普法宣传', '普\u202E法\u2066宣传'))
    const docx = await zip.generateAsync({ type: 'nodebuffer' })
    const events = (await upload(kjj, 'year=2026', 'report.docx', xixiaDocx)).json().values.find((v: { indicator: string }) => v.indicator === 'publicity.events')
    const txt = Buffer.from('西峡县科技局2023年法治政府建设报告\n\u202E全年开展普法宣传活动\u000B24场。\f\n')
    for (const [name, data, words] of [
      ['report.docx', docx, '落实普法宣传教育机制'],
      ['report.txt', txt, '全年开展普法宣传活动24场。\n'],
    ] as const) {
      const res = await upload(kjj, 'year=2026', name, data)
      expect(res.statusCode, res.body).toBe(201)
      const report = res.json()
      expect(report.text).toContain(words)
      for (const ch of ['\u000B', '\f', '\u202E', '\u2066']) expect(report.text).not.toContain(ch)
      if (name === 'report.docx') expect(report.values.find((v: { indicator: string }) => v.indicator === 'publicity.events')).toMatchObject({ value: events.value, quote: events.quote })
      const stored = await t.sql.value('select text from report_imports where id = ?', [report.id]) as string
      expect(stored).toBe(report.text)
    }
  })
})
