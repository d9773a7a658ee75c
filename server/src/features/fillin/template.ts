import ExcelJS from 'exceljs'
import { FILL_IN_COLUMNS, fillInText, type IndicatorKind } from '@fazhi/shared'

// The fill-in template (离线填报模板) as a bureau fills it in Excel: one row per indicator, only the
// value, 不适用 and 备注 cells open; a very hidden sheet names the report it belongs to.

export const FILL_IN_SHEET = '填报表'
export const META_SHEET = '模板信息'
/** The labels of the hidden sheet's rows, in order: bureau code, year, submission id. */
export const META_LABELS = ['单位编码', '年度', '填报编号'] as const
/** Row 1 is the title, row 2 the headers. */
export const HEADER_ROW = 2

export interface TemplateRow {
  code: string
  categoryName: string
  name: string
  unit: string
  kind: IndicatorKind
  direction: 'higher' | 'lower' | null
  target: number | null
  plausibleMin: number | null
  plausibleMax: number | null
  previous: number | boolean | null
  value: number | boolean | null
  notApplicable: boolean
  note: string | null
}

export interface TemplateInput {
  bureau: { code: string; name: string }
  year: number
  submissionId: number
  rows: readonly TemplateRow[]
}

const WIDTHS = [30, 14, 40, 8, 10, 14, 10, 12, 8, 40]
const OPEN_COLUMNS = [8, 9, 10]
/**
 * A percent's 填报值 is the percent itself (95 for 95 %): its cell has a plain number format, so a
 * typed 95 stays 95 (a "95%" typed anyway becomes 0.95 as a percent, which the upload reads as 95).
 */
const PERCENT_VALUE_FORMAT = '0.00'

const targetText = (r: TemplateRow) => {
  if (r.kind === 'boolean') return r.target === null ? '' : fillInText(r.target >= 1)
  if (r.target === null) return ''
  return `${r.direction === 'lower' ? '≤' : '≥'} ${r.target}`
}
const rangeText = (r: TemplateRow) => (r.plausibleMin === null && r.plausibleMax === null ? '' : `${r.plausibleMin ?? 0}–${r.plausibleMax ?? ''}`)

function valueValidation(r: TemplateRow): ExcelJS.DataValidation {
  if (r.kind === 'boolean') return { type: 'list', allowBlank: true, formulae: ['"是,否"'], showErrorMessage: true, errorTitle: '填报值', error: '请选择“是”或“否”' }
  if (r.kind === 'percent')
    return { type: 'decimal', operator: 'between', allowBlank: true, formulae: [0, 100], showErrorMessage: true, errorTitle: '填报值', error: '请填写 0–100 之间的百分比数值' }
  return { type: 'whole', operator: 'greaterThanOrEqual', allowBlank: true, formulae: [0], showErrorMessage: true, errorTitle: '填报值', error: '请填写非负整数' }
}

/** The template with the current values, so that uploading it unchanged changes nothing. */
export async function writeFillInTemplate(t: TemplateInput): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet(FILL_IN_SHEET, { views: [{ state: 'frozen', ySplit: HEADER_ROW }] })
  sheet.columns = WIDTHS.map((width) => ({ width }))
  sheet.mergeCells(1, 1, 1, FILL_IN_COLUMNS.length)
  const title = sheet.getCell(1, 1)
  title.value = `${t.year} 年度 ${t.bureau.name} 法治政府建设考核填报表（只填“填报值”“不适用”“备注”三列）`
  title.font = { bold: true, size: 13 }
  const header = sheet.getRow(HEADER_ROW)
  header.values = [...FILL_IN_COLUMNS]
  header.font = { bold: true }
  for (const r of t.rows) {
    const row = sheet.addRow([
      r.code,
      r.categoryName,
      r.name,
      r.unit,
      targetText(r),
      rangeText(r),
      r.previous === null ? null : r.kind === 'boolean' ? fillInText(r.previous !== false && r.previous !== 0) : r.previous,
      r.value === null ? null : r.kind === 'boolean' ? fillInText(r.value !== false && r.value !== 0) : r.value,
      r.notApplicable ? '是' : null,
      r.note,
    ])
    for (const col of OPEN_COLUMNS) row.getCell(col).protection = { locked: false }
    row.getCell(8).dataValidation = valueValidation(r)
    if (r.kind === 'percent') row.getCell(8).numFmt = PERCENT_VALUE_FORMAT
    row.getCell(9).dataValidation = { type: 'list', allowBlank: true, formulae: ['"是"'], showErrorMessage: true, errorTitle: '不适用', error: '不适用请填“是”，否则留空' }
    row.getCell(10).alignment = { wrapText: true }
  }
  await sheet.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true })
  const meta = workbook.addWorksheet(META_SHEET, { state: 'veryHidden' })
  meta.addRows([
    [META_LABELS[0], t.bureau.code],
    [META_LABELS[1], t.year],
    [META_LABELS[2], t.submissionId],
  ])
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
