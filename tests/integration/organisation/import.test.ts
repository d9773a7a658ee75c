import ExcelJS from 'exceljs'
import { BUREAU_SHEET_HEADERS, bureauSheet, type SheetCell } from '../../helpers/bureauSheet'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GENERAL_CATEGORY } from '../../../seed/scheme'
import { multipartFile } from '../../helpers/multipart'
import { createWorkflowApp, type WorkflowContext } from '../workflow/helpers'

/**
 * 从Excel导入: the office uploads a bureau sheet, sees each row's errors (row, column, message) and
 * what would be created or updated, and commits only a sheet without errors, in one transaction.
 */
let t: WorkflowContext
beforeAll(async () => {
  t = await createWorkflowApp({ now: new Date('2026-11-20T02:00:00Z') })
})
afterAll(() => t.close())

const HEADERS = BUREAU_SHEET_HEADERS
type Cell = SheetCell
const workbook = bureauSheet

async function upload(file: Buffer, commit?: boolean, user = 'office') {
  const body = multipartFile('单位.xlsx', file)
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/bureaus/import${commit === undefined ? '' : `?commit=${commit}`}`,
    payload: body.payload,
    headers: { ...(await t.as(user)), ...body.headers },
  })
  return { status: res.statusCode, body: res.json() }
}

async function template(): Promise<Buffer> {
  const res = await t.app.inject({ method: 'GET', url: '/api/bureaus/template.xlsx', headers: await t.as('office') })
  expect(res.statusCode).toBe(200)
  expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  return res.rawPayload
}

const bureauRows = async () => await t.sql.all('select * from bureaus order by id')

describe('the template', () => {
  it('holds every bureau under the Chinese headers, the region by its code', async () => {
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load((await template()) as unknown as ArrayBuffer)
    const sheet = wb.getWorksheet('单位')!
    expect((sheet.getRow(1).values as Cell[]).slice(1)).toEqual(HEADERS)
    expect(sheet.rowCount - 1).toBe((await bureauRows()).length)
    const rows = await bureauRows() as { code: string; category: string | null }[]
    const row = sheet.getRow(2 + rows.findIndex((b) => b.code === 'kjj'))
    // the demo county gives every bureau a category (科技局: 综合部门)
    expect(rows.find((b) => b.code === 'kjj')!.category).toBe(GENERAL_CATEGORY)
    expect(HEADERS.map((_, i) => row.getCell(i + 1).value)).toEqual(['kjj', '示例县科技局', '科技局', '科技局', GENERAL_CATEGORY, '无', 'demo', 2000, null])
  })

  it('imports back unchanged: every row unchanged, nothing written', async () => {
    const file = await template()
    const before = await bureauRows()
    const preview = await upload(file)
    expect(preview.status).toBe(200)
    expect(preview.body).toMatchObject({ errorCount: 0, created: 0, updated: 0, unchanged: before.length, committed: false })
    const committed = await upload(file, true)
    expect(committed.status).toBe(200)
    expect(committed.body).toMatchObject({ errorCount: 0, created: 0, updated: 0, committed: true })
    expect(await bureauRows()).toEqual(before)
  })
})

describe('an edited sheet', () => {
  const good: Cell[][] = [
    ['yjglj', '示例县应急管理局', '应急管理局', '应急管理局', '执法部门', '有', '示例县', 2025, null],
    ['kjj', '示例县科学技术局', '科学技术局', '科技局', GENERAL_CATEGORY, '无', 'demo', 2000, null],
    ['fgw', '示例县发展和改革委员会', '发改委', '发展改革委', GENERAL_CATEGORY, '无', 'demo', 2000, null],
  ]
  const bad: Cell[][] = [
    ['x1', '示例县甲局', '甲局', '甲局', null, '是', 'demo', 2025, null],
    ['x2', '示例县乙局', '乙局', '乙局', null, '无', '不存在县', 2025, null],
    ['x3', '示例县丙局', '丙局', '丙局', null, '无', 'demo', 2025, 2024],
    ['yjglj', '示例县应急局', '应急局', '应急局', null, '有', 'demo', '二〇二五', null],
    ['xfj', '示例县信访局', '信访局', '信访局', null, '无', 'demo', 2000, 2022],
    ['x4', '', '丁局', '丁局', null, '无', 'demo', 2025, null],
  ]

  it('previews each row: what it creates or updates, and every error by row and column', async () => {
    const res = await upload(await workbook([...good, ...bad]))
    expect(res.status).toBe(200)
    const byRow = Object.fromEntries(res.body.rows.map((r: { row: number }) => [r.row, r]))
    expect(byRow[2]).toMatchObject({ code: 'yjglj', action: 'create', errors: [] })
    expect(byRow[3]).toMatchObject({ code: 'kjj', action: 'update', changes: ['单位名称', '简称'], errors: [] })
    expect(byRow[4]).toMatchObject({ code: 'fgw', action: 'update', changes: ['简称'] })
    expect(byRow[5].errors).toEqual([{ column: '有无行政执法职能', message: '应填“有”或“无”' }])
    expect(byRow[6].errors).toEqual([{ column: '所属地区', message: '地区「不存在县」不存在' }])
    expect(byRow[7].errors).toEqual([{ column: '终止年度', message: '终止年度不能早于起始年度' }])
    expect(byRow[8].errors).toEqual([
      { column: '起始年度', message: '应为四位年份，如 2024' },
      { column: '单位编码', message: '与第 2 行的单位编码重复' },
    ])
    expect(byRow[9].errors).toEqual([{ column: '终止年度', message: '该单位已有 2024 年度的填报，终止年度不能早于 2024 年' }])
    expect(byRow[10].errors).toEqual([{ column: '单位名称', message: '请填写单位名称' }])
    expect(res.body).toMatchObject({ errorCount: 7, created: 1, updated: 2, unchanged: 0, committed: false })
  })

  it('is not written while any row has an error (400, nothing changes)', async () => {
    const before = await bureauRows()
    const imports = (await t.auditOf('bureau.import')).length
    const res = await upload(await workbook([...good, ...bad]), true)
    expect(res.status).toBe(400)
    expect(res.body.message).toBe('导入文件有 7 处错误（第 5 行「有无行政执法职能」：应填“有”或“无”），未导入任何数据')
    expect(await bureauRows()).toEqual(before)
    expect(await t.auditOf('bureau.import')).toHaveLength(imports)
  })

  it('is written whole once it has none, audited row by row', async () => {
    const imports = (await t.auditOf('bureau.import')).length
    const res = await upload(await workbook(good), true)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ errorCount: 0, created: 1, updated: 2, committed: true })
    const list = (await t.call('office', 'GET', '/api/bureaus')).body as { code: string; name: string; category: string | null; activeFrom: number; version: number }[]
    expect(list.find((b) => b.code === 'yjglj')).toMatchObject({ name: '示例县应急管理局', category: '执法部门', activeFrom: 2025, version: 1 })
    expect(list.find((b) => b.code === 'kjj')).toMatchObject({ name: '示例县科学技术局', version: 2 })
    expect(await t.auditOf('bureau.import')).toHaveLength(imports + 1)
    expect(await t.auditOf('bureau.create', await t.bureauId('yjglj'))).toHaveLength(1)
    expect(await t.auditOf('bureau.update', await t.bureauId('kjj'))).toHaveLength(1)
    // The new bureau counts from 2025.
    const summary = (await t.call('office', 'GET', '/api/dashboard/summary?year=2025')).body
    expect(summary.bureaus.some((b: { code: string }) => b.code === 'yjglj')).toBe(true)
  })
})

describe('a cell holding a control character', () => {
  // A file stores NUL as Excel escapes it, _x0000_ (exceljs writes a raw NUL as nothing), read back as NUL.
  it.each([
    ['NUL', '_x0000_'],
    ['a right-to-left override (U+202E)', '\u202E'],
  ])('%s is its row’s error: the preview names row and column, the save is refused and nothing changes', async (_, ch) => {
    const rows: Cell[][] = [
      ['kjj', `示例县科技局${ch}exe.pdf`, '科技局', '科技局', GENERAL_CATEGORY, '无', 'demo', 2000, null],
      ['x9', '示例县戊局', `戊${ch}局`, '戊局', null, '无', 'demo', 2025, null],
    ]
    const preview = await upload(await workbook(rows))
    expect(preview.status).toBe(200)
    expect(preview.body.rows.map((r: { row: number; action: string | null; errors: unknown[] }) => [r.row, r.action, r.errors])).toEqual([
      [2, null, [{ column: '单位名称', message: '含有不允许的控制字符' }]],
      [3, null, [{ column: '简称', message: '含有不允许的控制字符' }]],
    ])
    const before = await bureauRows()
    const imports = (await t.auditOf('bureau.import')).length
    const saved = await upload(await workbook(rows), true)
    expect(saved.status).toBe(400)
    expect(saved.body.message).toBe('导入文件有 2 处错误（第 2 行「单位名称」：含有不允许的控制字符），未导入任何数据')
    expect(await bureauRows()).toEqual(before)
    expect(await t.auditOf('bureau.import')).toHaveLength(imports)
  })
})

describe('a file that is not a bureau sheet', () => {
  it.each([
    ['a file that is not xlsx', async () => Buffer.from('单位编码,单位名称\nkjj,科技局\n'), '无法读取该文件，请上传 .xlsx 格式的 Excel 文件（可先下载模板）'],
    ['a sheet without the columns', async () => workbook([['kjj', '科技局']], ['单位编码', '名称']), '第 1 行缺少列：单位名称、简称、单位类型、考核类别、有无行政执法职能、所属地区、起始年度、终止年度（请使用下载的模板）'],
    ['a sheet without rows', async () => workbook([]), '文件中没有单位数据'],
  ])('refuses %s (400)', async (_, file, message) => {
    const before = await bureauRows()
    const res = await upload(await file(), true)
    expect(res.status).toBe(400)
    expect(res.body.message).toBe(message)
    expect(await bureauRows()).toEqual(before)
  })
})
