import type { Writable } from 'node:stream'
import ExcelJS from 'exceljs'
import { chinaDateTime, EXPORT_TABLES, isReported, isYesNo, NO_SUBMISSION, rankLabel, resultVersionLabel } from '@fazhi/shared'
import { neutraliseFormula } from '../../lib/csv'
import { displayWidth } from './format'
import {
  type CellValue,
  type ColumnFormat,
  type ExportHeading,
  exportStatusLabel,
  RANKING_TABLE,
  RECTIFICATION_TABLE,
  REPORTING_TABLE,
  RULE_HEADERS,
  type SummaryIndicator,
  type SummaryWorkbookData,
  summaryTitle,
  type TableSpec,
} from './tables'

type Style = Partial<ExcelJS.Style>
type Tone = 'plain' | 'unmet' | 'unfilled' | 'average'

const FONT_NAME = '宋体'
const FILLS: Record<Exclude<Tone, 'plain'>, string> = { unmet: 'FFFCE4D6', unfilled: 'FFFFF2CC', average: 'FFF2F2F2' }
const HEADER_FILL = 'FFDDEBF7'
const thin: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF808080' } }
const BORDER: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin }
const solid = (argb: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } })
const NUM_FMT: Record<ColumnFormat, string | undefined> = { text: undefined, integer: '0', score: '0.00', percent: '0.0%' }

export const TITLE_STYLE: Style = {
  font: { name: '黑体', size: 16, bold: true },
  alignment: { horizontal: 'center', vertical: 'middle' },
}
const NOTE_STYLE: Style = {
  font: { name: FONT_NAME, size: 10, color: { argb: 'FF595959' } },
  alignment: { horizontal: 'left', vertical: 'middle' },
}
export const HEADER_STYLE: Style = {
  font: { name: FONT_NAME, size: 10, bold: true },
  fill: solid(HEADER_FILL),
  border: BORDER,
  alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
}

/**
 * Cell styles are shared objects: exceljs then registers each one once (it caches by identity),
 * which keeps a 5,000-row sheet fast. Never set cell.fill/font on a cell: that would change them all.
 */
const bodyStyles = new Map<string, Style>()
interface BodyStyle {
  align?: 'left' | 'center'
  tone?: Tone
  numFmt?: string
  /** Wrap long text onto more lines; otherwise numbers shrink to fit rather than show ###. */
  wrap?: boolean
}
export function bodyStyle({ align = 'center', tone = 'plain', numFmt, wrap = false }: BodyStyle = {}): Style {
  const key = `${align}|${tone}|${numFmt ?? ''}|${wrap}`
  let style = bodyStyles.get(key)
  if (!style) {
    style = {
      font: { name: FONT_NAME, size: 10, bold: tone === 'average' },
      border: BORDER,
      alignment: { horizontal: align, vertical: 'middle', ...(wrap ? { wrapText: true } : { shrinkToFit: align === 'center' }) },
      ...(tone === 'plain' ? {} : { fill: solid(FILLS[tone]) }),
      ...(numFmt ? { numFmt } : {}),
    }
    bodyStyles.set(key, style)
  }
  return style
}

export const PAGE_SETUP: Partial<ExcelJS.PageSetup> = {
  paperSize: 9, // A4
  orientation: 'landscape',
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
  horizontalCentered: true,
  margins: { left: 0.3, right: 0.3, top: 0.5, bottom: 0.5, header: 0.25, footer: 0.25 },
}

/** Writes a value; text is neutralised so that no cell is ever read as a formula. */
export function put(row: ExcelJS.Row, col: number, value: CellValue | undefined, style: Style): void {
  const cell = row.getCell(col)
  cell.value = typeof value === 'string' ? neutraliseFormula(value) : (value ?? null)
  cell.style = style
}

/** A sheet with frozen header rows, A4 landscape fit to width, and the header rows on every page. */
function addSheet(wb: ExcelJS.Workbook, name: string, headerRows: [first: number, last: number], widths: number[], xSplit = 0) {
  const ws = wb.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit, ySplit: headerRows[1], activeCell: 'A1' }],
    pageSetup: { ...PAGE_SETUP, printTitlesRow: `${headerRows[0]}:${headerRows[1]}` },
    headerFooter: { oddFooter: '&C第 &P 页，共 &N 页' },
  })
  ws.columns = widths.map((width) => ({ width }))
  return ws
}

/** Row 1: the title; row 2: when it was generated (China time), the scope and any note. */
function writeHeading(ws: ExcelJS.Worksheet, title: string, heading: ExportHeading, lastCol: number, note?: string) {
  const titleRow = ws.getRow(1)
  titleRow.height = 30
  put(titleRow, 1, title, TITLE_STYLE)
  ws.mergeCells(1, 1, 1, lastCol)
  titleRow.commit()

  const noteRow = ws.getRow(2)
  noteRow.height = 20
  const { published } = heading
  const when = published
    ? `${resultVersionLabel(published)}《${published.title}》\u3000发布时间：${chinaDateTime(published.publishedAt)}`
    : `生成时间：${chinaDateTime(heading.generatedAt)}`
  const parts = [when, heading.scopeNote, note].filter(Boolean)
  put(noteRow, 1, parts.join('　　'), NOTE_STYLE)
  ws.mergeCells(2, 1, 2, lastCol)
  noteRow.commit()
}

/**
 * Wrapped header height (points): enough lines for the longest header at its column width. A width
 * unit is about 7 px plus 5 px of padding; a 10 pt CJK character is about 13.5 px wide.
 */
function headerHeight(texts: { text: string; width: number }[], lineHeight = 14): number {
  const lines = Math.max(
    1,
    ...texts.map(({ text, width }) => {
      const cjkPerLine = Math.max(1, Math.floor((width * 7 + 1) / 13.5))
      return Math.ceil(displayWidth(text) / 2 / cjkPerLine)
    }),
  )
  return lines * lineHeight + 6
}

const displayText = (value: CellValue, format: ColumnFormat): string => {
  if (value === null) return '—'
  if (typeof value === 'string') return value
  if (format === 'percent') return `${(value * 100).toFixed(1)}%`
  if (format === 'score') return value.toFixed(2)
  return String(value)
}

/** One table (排名, 整改台账, 上报情况) as a sheet: title, note, header row, one row per record. */
export function writeTableSheet<T>(wb: ExcelJS.Workbook, spec: TableSpec<T>, rows: readonly T[], heading: ExportHeading, note?: string) {
  const widths = spec.columns.map((col) => {
    let widest = displayWidth(col.header)
    rows.forEach((row, i) => {
      widest = Math.max(widest, displayWidth(displayText(col.value(row, i), col.format)))
    })
    return Math.min(col.maxWidth, Math.max(col.minWidth, widest + 2))
  })
  const wraps = spec.columns.map((col, c) =>
    col.format === 'text' && rows.some((row, i) => displayWidth((col.value(row, i) as string | null) ?? '') + 2 > widths[c]),
  )
  const styles = spec.columns.map((col, c) => {
    const align = col.format === 'text' && (col.maxWidth > 16 || wraps[c]) ? 'left' : 'center'
    return bodyStyle({ align, numFmt: NUM_FMT[col.format], wrap: wraps[c] })
  })
  const dashStyle = bodyStyle()

  const ws = addSheet(wb, EXPORT_TABLES[spec.kind].title, [3, 3], widths)
  writeHeading(ws, spec.title(heading), heading, spec.columns.length, note)
  const headerRow = ws.getRow(3)
  headerRow.height = headerHeight(spec.columns.map((col, c) => ({ text: col.header, width: widths[c] })))
  spec.columns.forEach((col, c) => put(headerRow, c + 1, col.header, HEADER_STYLE))
  headerRow.commit()

  rows.forEach((record, i) => {
    const row = ws.getRow(4 + i)
    spec.columns.forEach((col, c) => {
      const value = col.value(record, i)
      if (value === null && col.format !== 'text') put(row, c + 1, '—', dashStyle)
      else put(row, c + 1, value, styles[c])
    })
    row.commit()
  })
  ws.commit()
}

const isScored = (ind: SummaryIndicator) => ind.direction !== null && ind.weight > 0
const isPercentIndicator = (ind: SummaryIndicator) => ind.kind === 'percent' || ind.derivedAs === 'percent'

function unitLabel(ind: SummaryIndicator): string {
  if (isYesNo(ind)) return '是/否'
  if (isPercentIndicator(ind)) return '%'
  return ind.unit || '—'
}

function targetLabel(ind: SummaryIndicator): string {
  if (!isScored(ind) || ind.target === null) return '—'
  if (isYesNo(ind)) return '是'
  if (ind.direction === 'lower') return ind.target === 0 ? '0' : `≤${ind.target}`
  return isPercentIndicator(ind) ? String(ind.target) : `≥${ind.target}`
}

const round2 = (x: number) => Math.round(x * 100) / 100

const LEFT_HEADERS = ['序号', '单位', '上报状态']
const RIGHT_HEADERS = ['得分', ...RULE_HEADERS, '达标率', '填报完整率', '排名']
const INDICATOR_WIDTH = 6.5
const SUMMARY_HEADER_ROWS: [number, number] = [3, 6]

/**
 * 汇总表: one row per bureau and one column per indicator under a two-level header (category →
 * indicator), a units row and a targets row; unmet and unfilled cells lightly filled; the county
 * average last.
 */
export function writeSummarySheet(wb: ExcelJS.Workbook, data: SummaryWorkbookData) {
  const { indicators, bureaus, average } = data
  const nameWidth = Math.min(30, Math.max(12, ...bureaus.map((b) => displayWidth(b.name) + 2)))
  const first = LEFT_HEADERS.length + 1
  const last = LEFT_HEADERS.length + indicators.length
  const right = last + 1
  const lastCol = last + RIGHT_HEADERS.length
  const widths = [6, nameWidth, 14, ...indicators.map(() => INDICATOR_WIDTH), 8, 7, 6, 6, 8, 8, 6]

  const ws = addSheet(wb, EXPORT_TABLES.summary.title, SUMMARY_HEADER_ROWS, widths, 2)
  writeHeading(ws, summaryTitle(data.heading), data.heading, lastCol, '浅橙色：未达标　浅黄色：未填报　—：不适用　平均：已上报单位的平均值，是/否列为答“是”的家数，整改完成率为全县已销号事项 ÷ 全部事项')

  // Rows 3–4: category over indicator; the fixed columns span both rows (and the right ones rows 3–6).
  const categoryRow = ws.getRow(3)
  const indicatorRow = ws.getRow(4)
  const unitRow = ws.getRow(5)
  const targetRow = ws.getRow(6)
  categoryRow.height = 20
  indicatorRow.height = headerHeight(indicators.map((ind) => ({ text: ind.name, width: INDICATOR_WIDTH })))
  LEFT_HEADERS.forEach((h, i) => {
    put(categoryRow, i + 1, h, HEADER_STYLE)
    put(indicatorRow, i + 1, null, HEADER_STYLE)
    ws.mergeCells(3, i + 1, 4, i + 1)
  })
  put(unitRow, 1, '计量单位', HEADER_STYLE)
  put(targetRow, 1, '目标值', HEADER_STYLE)
  for (let c = 2; c <= LEFT_HEADERS.length; c++) {
    put(unitRow, c, null, HEADER_STYLE)
    put(targetRow, c, null, HEADER_STYLE)
  }
  ws.mergeCells(5, 1, 5, LEFT_HEADERS.length)
  ws.mergeCells(6, 1, 6, LEFT_HEADERS.length)

  let groupStart = first
  indicators.forEach((ind, i) => {
    const col = first + i
    put(categoryRow, col, ind.categoryName, HEADER_STYLE)
    put(indicatorRow, col, ind.name, HEADER_STYLE)
    put(unitRow, col, unitLabel(ind), HEADER_STYLE)
    put(targetRow, col, targetLabel(ind), HEADER_STYLE)
    const next = indicators[i + 1]
    if (!next || next.categoryName !== ind.categoryName) {
      if (col > groupStart) ws.mergeCells(3, groupStart, 3, col)
      groupStart = col + 1
    }
  })

  RIGHT_HEADERS.forEach((h, i) => {
    const col = right + i
    put(categoryRow, col, h, HEADER_STYLE)
    for (const row of [indicatorRow, unitRow, targetRow]) put(row, col, null, HEADER_STYLE)
    ws.mergeCells(3, col, 6, col)
  })
  for (const row of [categoryRow, indicatorRow, unitRow, targetRow]) row.commit()

  const center = bodyStyle()
  const score = bodyStyle({ numFmt: '0.00' })
  const percent = bodyStyle({ numFmt: '0.0%' })
  const name = bodyStyle({ align: 'left' })
  const unfilled = bodyStyle({ tone: 'unfilled' })
  const unmet = bodyStyle({ tone: 'unmet' })

  bureaus.forEach((b, i) => {
    const r = 7 + i
    const row = ws.getRow(r)
    put(row, 1, i + 1, center)
    put(row, 2, b.name, name)
    put(row, 3, b.onTime === false ? `${exportStatusLabel(b.status)}（逾期）` : exportStatusLabel(b.status), center)
    // Only a reported submission is scored: a draft or a returned report shows its status and no figures.
    if (!isReported(b.status)) {
      put(row, first, b.status === NO_SUBMISSION ? '未上报' : `${exportStatusLabel(b.status)}，未计分`, unfilled)
      for (let c = first + 1; c <= last; c++) put(row, c, null, unfilled)
      if (last > first) ws.mergeCells(r, first, r, last)
    } else {
      indicators.forEach((ind, k) => {
        const cell = b.cells[k]
        const col = first + k
        if (cell.value === null) {
          if (cell.applicable) put(row, col, null, unfilled)
          else put(row, col, isScored(ind) ? '—' : null, center)
          return
        }
        const value = isYesNo(ind) ? (cell.value >= 1 ? '是' : '否') : round2(cell.value)
        put(row, col, value, cell.applicable && !cell.met ? unmet : center)
      })
    }
    put(row, right, b.score ?? '—', b.score === null ? center : score)
    put(row, right + 1, b.grade ?? '—', center)
    put(row, right + 2, b.bonus ?? '—', b.bonus === null ? center : score)
    put(row, right + 3, b.deduction ?? '—', b.deduction === null ? center : score)
    put(row, right + 4, b.completion ?? '—', b.completion === null ? center : percent)
    put(row, right + 5, b.fillRate ?? '—', b.fillRate === null ? center : percent)
    put(row, right + 6, b.rank === null ? '—' : b.tied ? rankLabel(b.rank, true) : b.rank, center)
    row.commit()
  })

  const avgRow = ws.getRow(7 + bureaus.length)
  const avg = (numFmt?: string) => bodyStyle({ tone: 'average', numFmt })
  put(avgRow, 1, '平均', avg())
  for (let c = 2; c <= LEFT_HEADERS.length; c++) put(avgRow, c, null, avg())
  ws.mergeCells(avgRow.number, 1, avgRow.number, LEFT_HEADERS.length)
  indicators.forEach((ind, k) => {
    const { average: v, yes } = average.values[k]
    if (yes?.of) put(avgRow, first + k, yes.yes, avg('"是"0"家"'))
    else if (v === null) put(avgRow, first + k, '—', avg())
    else put(avgRow, first + k, round2(v), avg())
  })
  put(avgRow, right, average.score ?? '—', avg('0.00'))
  for (let c = 1; c <= RULE_HEADERS.length; c++) put(avgRow, right + c, null, avg())
  put(avgRow, right + 4, average.completion ?? '—', avg('0.0%'))
  put(avgRow, right + 5, average.fillRate ?? '—', avg('0.0%'))
  put(avgRow, right + 6, null, avg())
  avgRow.commit()
  ws.commit()
}

function newWorkbook(out: Writable) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true })
  wb.creator = '法治督察看板'
  return wb
}

/**
 * The meeting workbook (汇总表, 排名, 整改台账, 上报情况), streamed to `out`: rows are committed as
 * they are written, so memory stays flat however many bureaus there are.
 */
export async function buildSummaryWorkbook(data: SummaryWorkbookData, out: Writable): Promise<void> {
  const wb = newWorkbook(out)
  wb.created = data.heading.generatedAt
  writeSummarySheet(wb, data)
  writeTableSheet(wb, RANKING_TABLE, data.ranking, data.heading)
  writeTableSheet(wb, RECTIFICATION_TABLE, data.rectifications, data.heading)
  writeTableSheet(wb, REPORTING_TABLE, data.reporting, data.heading, data.reportingNote)
  await wb.commit()
}

/** One table as a workbook of one sheet. */
export async function buildTableWorkbook<T>(
  spec: TableSpec<T>,
  rows: readonly T[],
  heading: ExportHeading,
  out: Writable,
  note?: string,
): Promise<void> {
  const wb = newWorkbook(out)
  wb.created = heading.generatedAt
  writeTableSheet(wb, spec, rows, heading, note)
  await wb.commit()
}
