import ExcelJS from 'exceljs'
import { BUREAU_SHEET_COLUMNS, type Bureau, type BureauSheetKey, type Region } from '@fazhi/shared'
import { badRequest } from '../../errors'
import { MAX_SHEET_INFLATED_BYTES, readSheetTexts } from '../../lib/parsing'

// The bureau sheet (单位导入模板) as the office edits it in Excel: one bureau a row, Chinese headers.

const SHEET_NAME = '单位'
const REGION_SHEET_NAME = '地区'
const MAX_ROWS = 5000
const WIDTHS: Record<BureauSheetKey, number> = { code: 14, name: 32, shortName: 20, type: 20, category: 14, hasEnforcement: 22, region: 22, activeFrom: 10, activeUntil: 10 }

/** A header as the template writes it: the name, and its hint in brackets. */
const templateHeader = (c: (typeof BUREAU_SHEET_COLUMNS)[number]) => ('hint' in c ? `${c.header}(${c.hint})` : c.header)
/** A header as read: without spaces or a bracketed hint, so "所属地区（编码或名称）" reads as 所属地区. */
const plainHeader = (text: string) => text.replace(/\s+/g, '').replace(/[（(【[].*$/, '')

export interface SheetRow {
  /** The row's number as Excel shows it. */
  row: number
  cells: Record<BureauSheetKey, string>
}

/**
 * The current bureaus as the import sheet, so that importing it unchanged changes nothing: the
 * region by its code, a year left empty for "still exists". Cells are text or numbers, never
 * formulas, so a name is written as typed. A second sheet lists the regions.
 */
export async function writeBureauSheet(bureaus: readonly Bureau[], regions: readonly Region[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet(SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = BUREAU_SHEET_COLUMNS.map((c) => ({ header: templateHeader(c), key: c.key, width: WIDTHS[c.key] }))
  sheet.getRow(1).font = { bold: true }
  const regionCode = new Map(regions.map((r) => [r.id, r.code]))
  for (const b of bureaus)
    sheet.addRow({
      code: b.code,
      name: b.name,
      shortName: b.shortName,
      type: b.type,
      category: b.category ?? null,
      hasEnforcement: b.hasEnforcement ? '有' : '无',
      region: regionCode.get(b.regionId),
      activeFrom: b.activeFrom,
      activeUntil: b.activeUntil,
    })
  const list = workbook.addWorksheet(REGION_SHEET_NAME)
  list.columns = [
    { header: '地区编码', key: 'code', width: 14 },
    { header: '地区名称', key: 'name', width: 24 },
    { header: '上级地区编码', key: 'parent', width: 14 },
  ]
  list.getRow(1).font = { bold: true }
  for (const r of regions) list.addRow({ code: r.code, name: r.name, parent: r.parentId === null ? null : regionCode.get(r.parentId) })
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/** The rows of an uploaded bureau sheet (the 单位 sheet, else the first), as trimmed text; empty rows are skipped. */
export async function readBureauSheet(data: Buffer): Promise<SheetRow[]> {
  // A file the parser refuses throws UploadParseError, answered as a 400 with its message.
  const sheets = await readSheetTexts(data, MAX_SHEET_INFLATED_BYTES)
  const sheet = sheets.find((s) => s.name === SHEET_NAME) ?? sheets[0]
  if (!sheet) throw badRequest('文件中没有工作表')
  const positions = new Map<string, number>()
  ;(sheet.rows[0] ?? []).forEach((text, i) => positions.set(plainHeader(text), i))
  const missing = BUREAU_SHEET_COLUMNS.filter((c) => !positions.has(c.header))
  if (missing.length) throw badRequest(`第 1 行缺少列：${missing.map((c) => c.header).join('、')}（请使用下载的模板）`)
  const rows: SheetRow[] = []
  sheet.rows.forEach((texts, i) => {
    if (i === 0) return
    const cells = Object.fromEntries(BUREAU_SHEET_COLUMNS.map((c) => [c.key, (texts[positions.get(c.header)!] ?? '').trim()])) as SheetRow['cells']
    if (Object.values(cells).some(Boolean)) rows.push({ row: i + 1, cells })
  })
  if (rows.length === 0) throw badRequest('文件中没有单位数据')
  if (rows.length > MAX_ROWS) throw badRequest(`一次最多导入 ${MAX_ROWS} 个单位`)
  return rows
}
