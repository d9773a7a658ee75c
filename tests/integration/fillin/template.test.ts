import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createWorkflowApp, type WorkflowContext } from '../workflow/helpers'
import { download, filled, rowOf, upload } from './helpers'

const NOW = new Date('2026-11-20T02:00:00Z')

let t: WorkflowContext
let kjj: number
beforeAll(async () => {
  t = await createWorkflowApp({ now: NOW })
  kjj = (await t.submissionOf('kjj', 2026))!.id
})
afterAll(() => t.close())

const templateUrl = (id: number) => `/api/submissions/${id}/template.xlsx`
const uploadUrl = (id: number, query = '') => `/api/submissions/${id}/template${query}`

describe('GET /api/submissions/:id/template.xlsx', () => {
  it('holds the bureau’s indicators with the stored values, only the fill-in cells open, under a Chinese file name', async () => {
    const res = await download(t, 'kjj', templateUrl(kjj))
    expect(res.status).toBe(200)
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('2026年度')}`)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(res.data as unknown as ArrayBuffer)
    const sheet = workbook.getWorksheet('填报表')!
    expect(sheet.getRow(2).values).toEqual([undefined, '指标代码', '类别', '指标', '单位', '目标', '合理范围', '上年值', '填报值', '不适用', '备注'])
    const detail = (await t.call('kjj', 'GET', `/api/submissions/${kjj}`)).body
    const stored = detail.values.find((v: { value: unknown }) => typeof v.value === 'number')
    const row = sheet.getRow(await rowOf(res.data, stored.indicator))
    expect(row.getCell(8).value).toBe(stored.value)
    expect(row.getCell(1).protection?.locked).not.toBe(false)
    expect(row.getCell(8).protection?.locked).toBe(false)
    expect(row.getCell(8).dataValidation?.type).toMatch(/whole|decimal|list/)
    expect((sheet as unknown as { sheetProtection?: { sheet: boolean } }).sheetProtection?.sheet).toBe(true)
    expect(workbook.getWorksheet('模板信息')!.state).toBe('veryHidden')
  })
})

describe('POST /api/submissions/:id/template', () => {
  it('uploads the template unchanged: no change in the preview, nothing written on save', async () => {
    const template = (await download(t, 'kjj', templateUrl(kjj))).data
    const preview = await upload(t, 'kjj', uploadUrl(kjj, '?dryRun=1'), '模板.xlsx', template)
    expect(preview.status, JSON.stringify(preview.body)).toBe(200)
    expect(preview.body).toMatchObject({ changes: [], errors: [] })
    const before = await t.snapshot()
    const audits = (await t.auditOf('submission.excel')).length
    const saved = await upload(t, 'kjj', uploadUrl(kjj), '模板.xlsx', template)
    expect(saved.status).toBe(200)
    expect(saved.body).toMatchObject({ changes: [], saved: false })
    expect(await t.snapshot()).toEqual(before)
    expect(await t.auditOf('submission.excel')).toHaveLength(audits)
  })
})

describe('saving a filled template', () => {
  it('saves a changed cell with source excel, and bumps the version once', async () => {
    const template = (await download(t, 'kjj', templateUrl(kjj))).data
    const version = (await t.submissionOf('kjj', 2026))!.version
    const edited = await filled(template, { 'lead.topic_meetings': { value: 7, note: '专题会议 7 次' } })
    const preview = await upload(t, 'kjj', uploadUrl(kjj, '?dryRun=1'), '模板.xlsx', edited)
    expect(preview.body.errors).toEqual([])
    expect(preview.body.changes).toEqual([
      expect.objectContaining({ row: await rowOf(template, 'lead.topic_meetings'), indicator: 'lead.topic_meetings', after: { value: 7, notApplicable: false, note: '专题会议 7 次' } }),
    ])
    expect((await t.submissionOf('kjj', 2026))!.version).toBe(version)
    const saved = await upload(t, 'kjj', uploadUrl(kjj, `?version=${preview.body.version}`), '模板.xlsx', edited)
    expect(saved.status, JSON.stringify(saved.body)).toBe(200)
    expect(saved.body.saved).toBe(true)
    const row = (await t.valuesOf(kjj)).find((v) => v.indicatorCode === 'lead.topic_meetings')!
    expect(row).toMatchObject({ value: 7, source: 'excel', note: '专题会议 7 次' })
    expect((await t.submissionOf('kjj', 2026))!.version).toBe(version + 1)
    expect((await t.auditOf('submission.excel', kjj)).length).toBeGreaterThan(0)
  })

  it('refuses an upload with 3 bad rows, naming each, and saves none of its rows', async () => {
    const template = (await download(t, 'kjj', templateUrl(kjj))).data
    const edits = {
      'lead.topic_meetings': { value: 9 },
      'study.center_group_sessions': { value: '很多' },
      'study.exam_pass_rate': { value: 120 },
      'lead.duty_report': { value: '有' },
    }
    const rows = await Promise.all(['study.center_group_sessions', 'study.exam_pass_rate', 'lead.duty_report'].map((c) => rowOf(template, c)))
    const before = await t.snapshot()
    const res = await upload(t, 'kjj', uploadUrl(kjj), '模板.xlsx', await filled(template, edits))
    expect(res.status).toBe(400)
    expect(res.body.errors.map((e: { row: number }) => e.row).sort()).toEqual([...rows].sort())
    expect(res.body.errors.map((e: { indicator: string }) => e.indicator).sort()).toEqual(['lead.duty_report', 'study.center_group_sessions', 'study.exam_pass_rate'])
    expect(res.body.errors.find((e: { indicator: string }) => e.indicator === 'study.center_group_sessions').message).toContain('不是数字')
    expect(res.body.errors.find((e: { indicator: string }) => e.indicator === 'study.exam_pass_rate').message).toContain('0–100')
    expect(res.body.errors.find((e: { indicator: string }) => e.indicator === 'lead.duty_report').message).toContain('是')
    expect(res.body.changes.map((c: { indicator: string }) => c.indicator)).toEqual(['lead.topic_meetings'])
    expect(await t.snapshot()).toEqual(before)
  })

  // A file stores NUL as Excel escapes it, _x0000_ (exceljs writes a raw NUL as nothing), read back as NUL.
  it.each([
    ['NUL', '_x0000_'],
    ['a right-to-left override (U+202E)', '\u202E'],
  ])('refuses a cell holding %s as its row’s error, naming the column, and saves none of the rows', async (_, ch) => {
    const template = (await download(t, 'kjj', templateUrl(kjj))).data
    const edits = { 'lead.topic_meetings': { value: 8, note: `会议纪要${ch}fdp.exe` }, 'publicity.events': { value: `1${ch}2` }, 'publicity.new_media_posts': { value: 57 } }
    const rows = await Promise.all(['lead.topic_meetings', 'publicity.events'].map((c) => rowOf(template, c)))
    const before = await t.snapshot()
    const res = await upload(t, 'kjj', uploadUrl(kjj), '模板.xlsx', await filled(template, edits))
    expect(res.status).toBe(400)
    expect(res.body.errors).toEqual(
      [
        { row: rows[0], indicator: 'lead.topic_meetings', message: '「备注」含有不允许的控制字符' },
        { row: rows[1], indicator: 'publicity.events', message: '「填报值」含有不允许的控制字符' },
      ].sort((a, b) => a.row - b.row),
    )
    expect(await t.snapshot()).toEqual(before)
  })

  it('names an unknown code and a negative count; 不适用 without a note is no error, as in the form', async () => {
    const template = (await download(t, 'kjj', templateUrl(kjj))).data
    const res = await upload(
      t,
      'kjj',
      uploadUrl(kjj, '?dryRun=1'),
      '模板.xlsx',
      await filled(template, { 'no.such_code': { value: 1 }, 'publicity.events': { value: -2 }, 'disclosure.items_published': { value: null, notApplicable: '是', note: null } }),
    )
    const messages = Object.fromEntries(res.body.errors.map((e: { indicator: string; message: string }) => [e.indicator, e.message]))
    expect(messages['no.such_code']).toContain('不在 2026 年度考核方案中')
    expect(messages['publicity.events']).toContain('非负整数')
    expect(messages['disclosure.items_published']).toBeUndefined()
    expect(res.body.changes.find((c: { indicator: string }) => c.indicator === 'disclosure.items_published')?.after).toEqual({ value: null, notApplicable: true, note: null })
  })

  it('refuses another bureau’s template, and a template of another year', async () => {
    const jyj = (await t.submissionOf('jyj', 2026))!.id
    const theirs = (await download(t, 'jyj', templateUrl(jyj))).data
    const res = await upload(t, 'kjj', uploadUrl(kjj, '?dryRun=1'), '模板.xlsx', theirs)
    expect(res.status).toBe(400)
    expect(res.body.message).toContain('不能上传到')
    const kjj2025 = (await t.submissionOf('kjj', 2025))!.id
    const old = (await download(t, 'kjj', templateUrl(kjj2025))).data
    const wrongYear = await upload(t, 'office', uploadUrl(kjj, '?dryRun=1'), '模板.xlsx', old)
    expect(wrongYear.status).toBe(400)
    expect(wrongYear.body.message).toContain('2025 年度')
  })

  it('keeps a bureau to its own report: another’s template cannot be downloaded or uploaded; the leader only downloads', async () => {
    const jyj = (await t.submissionOf('jyj', 2026))!.id
    expect((await download(t, 'kjj', templateUrl(jyj))).status).toBe(403)
    const theirs = (await download(t, 'office', templateUrl(jyj))).data
    const before = await t.snapshot()
    expect((await upload(t, 'kjj', uploadUrl(jyj, '?dryRun=1'), '模板.xlsx', theirs)).status).toBe(403)
    expect((await upload(t, 'kjj', uploadUrl(jyj), '模板.xlsx', await filled(theirs, { 'lead.topic_meetings': { value: 5 } }))).status).toBe(403)
    expect((await download(t, 'leader', templateUrl(jyj))).status).toBe(200)
    expect((await upload(t, 'leader', uploadUrl(jyj), '模板.xlsx', theirs)).status).toBe(403)
    expect(await t.snapshot()).toEqual(before)
  })

  it('refuses a report that is submitted or approved (409), writing nothing', async () => {
    const template = (await download(t, 'kjj', templateUrl(kjj))).data
    const edited = await filled(template, { 'lead.topic_meetings': { value: 11 } })
    for (const status of ['submitted', 'approved']) {
      await t.sql.run('update submissions set status = ? where id = ?', [status, kjj])
      const before = await t.snapshot()
      const res = await upload(t, 'kjj', uploadUrl(kjj), '模板.xlsx', edited)
      expect(res.status).toBe(409)
      expect(await t.snapshot()).toEqual(before)
    }
    await t.sql.run("update submissions set status = 'draft' where id = ?", [kjj])
  })

  it('refuses a file that is not an xlsx with a clear message', async () => {
    const res = await upload(t, 'kjj', uploadUrl(kjj, '?dryRun=1'), '模板.xlsx', Buffer.from('MZ not a spreadsheet'))
    expect(res.status).toBe(400)
    expect(res.body.message).toContain('.xlsx')
  })

  it('a form save and a template save in parallel: one wins, the other is refused with 409, nothing lost silently', async () => {
    const template = (await download(t, 'kjj', templateUrl(kjj))).data
    const edited = await filled(template, { 'publicity.new_media_posts': { value: 31 } })
    const preview = await upload(t, 'kjj', uploadUrl(kjj, '?dryRun=1'), '模板.xlsx', edited)
    const version = preview.body.version
    const [form, sheet] = await Promise.all([
      t.call('kjj', 'PUT', `/api/submissions/${kjj}`, { version, values: [{ indicator: 'publicity.new_media_posts', value: 40 }] }),
      upload(t, 'kjj', uploadUrl(kjj, `?version=${version}`), '模板.xlsx', edited),
    ])
    expect([form.status, sheet.status].sort()).toEqual([200, 409])
    const stored = (await t.valuesOf(kjj)).find((v) => v.indicatorCode === 'publicity.new_media_posts')!
    expect(stored.value).toBe(form.status === 200 ? 40 : 31)
    expect(stored.source).toBe(form.status === 200 ? 'manual' : 'excel')
    expect((await t.submissionOf('kjj', 2026))!.version).toBe(version + 1)
  })

  it('uploads unchanged a template whose draft holds 不适用 without a note (stored by the form): no error, nothing written', async () => {
    const detail = (await t.call('kjj', 'GET', `/api/submissions/${kjj}`)).body
    const put = await t.call('kjj', 'PUT', `/api/submissions/${kjj}`, { version: detail.version, values: [{ indicator: 'disclosure.items_published', value: null, notApplicable: true, note: null }] })
    expect(put.status, JSON.stringify(put.body)).toBe(200)
    expect((await t.valuesOf(kjj)).find((v) => v.indicatorCode === 'disclosure.items_published')).toMatchObject({ notApplicable: true, note: null })
    const template = (await download(t, 'kjj', templateUrl(kjj))).data
    const preview = await upload(t, 'kjj', uploadUrl(kjj, '?dryRun=1'), '模板.xlsx', template)
    expect(preview.status, JSON.stringify(preview.body)).toBe(200)
    expect(preview.body).toMatchObject({ changes: [], errors: [] })
    const before = await t.snapshot()
    const saved = await upload(t, 'kjj', uploadUrl(kjj, `?version=${preview.body.version}`), '模板.xlsx', template)
    expect(saved.status, JSON.stringify(saved.body)).toBe(200)
    expect(saved.body).toMatchObject({ changes: [], saved: false })
    expect(await t.snapshot()).toEqual(before)
  })

  it('reads a percent typed as "95%" (0.95 formatted 0%) as 95; the template’s percent cells hold a plain number format', async () => {
    const indicator = 'study.exam_pass_rate'
    const template = (await download(t, 'kjj', templateUrl(kjj))).data
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(template as unknown as ArrayBuffer)
    const cell = workbook.getWorksheet('填报表')!.getRow(await rowOf(template, indicator)).getCell(8)
    expect(cell.numFmt).toBeTruthy()
    expect(cell.numFmt).not.toContain('%')
    expect(workbook.getWorksheet('填报表')!.getRow(await rowOf(template, 'lead.topic_meetings')).getCell(8).numFmt).not.toBe(cell.numFmt)

    const stored = (await t.valuesOf(kjj)).find((v) => v.indicatorCode === indicator)?.value
    const typed = stored === 95 ? 0.94 : 0.95
    const edited = await filled(template, { [indicator]: { value: typed, numFmt: '0%' } })
    const preview = await upload(t, 'kjj', uploadUrl(kjj, '?dryRun=1'), '模板.xlsx', edited)
    expect(preview.body.errors).toEqual([])
    expect(preview.body.changes).toEqual([expect.objectContaining({ indicator, after: { value: typed * 100, notApplicable: false, note: null } })])
    const saved = await upload(t, 'kjj', uploadUrl(kjj, `?version=${preview.body.version}`), '模板.xlsx', edited)
    expect(saved.status, JSON.stringify(saved.body)).toBe(200)
    expect((await t.valuesOf(kjj)).find((v) => v.indicatorCode === indicator)).toMatchObject({ value: typed * 100, source: 'excel' })
  })
})
