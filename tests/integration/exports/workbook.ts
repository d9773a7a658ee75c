import ExcelJS from 'exceljs'
import type { TestContext } from '../../helpers/app'

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

export async function get(t: TestContext, url: string, cookie?: string) {
  return t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} })
}

/** Parses a produced xlsx the way a user's spreadsheet program would receive it. */
export async function loadWorkbook(payload: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook()
  // exceljs's typings predate Buffer<ArrayBufferLike>; the runtime takes any Buffer.
  await wb.xlsx.load(payload as unknown as ArrayBuffer)
  return wb
}

export function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name)
  if (!ws) throw new Error(`no sheet ${name}; have ${wb.worksheets.map((w) => w.name).join(', ')}`)
  return ws
}

/** Cell values of rows [from, to] (1-based, inclusive), each row as an array indexed from column 1. */
export function rowsOf(ws: ExcelJS.Worksheet, from: number, to = ws.rowCount): ExcelJS.CellValue[][] {
  const rows: ExcelJS.CellValue[][] = []
  for (let r = from; r <= to; r++) {
    const row = ws.getRow(r)
    const values: ExcelJS.CellValue[] = [null]
    for (let c = 1; c <= ws.columnCount; c++) values.push(row.getCell(c).value)
    rows.push(values)
  }
  return rows
}

/** Every text in a sheet, for "does this name appear anywhere" checks. */
export function allText(ws: ExcelJS.Worksheet): string {
  const parts: string[] = []
  ws.eachRow((row) => row.eachCell((cell) => parts.push(String(cell.value ?? ''))))
  return parts.join('\n')
}

/** A column letter for a 1-based column number (1 → A, 27 → AA). */
export function columnLetter(n: number): string {
  let s = ''
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s
  return s
}

/** Splits CSV text (RFC 4180 quoting) into rows of fields. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (ch === '"') quoted = false
      else field += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') {
      row.push(field)
      field = ''
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      i++
    } else field += ch
  }
  if (field || row.length) rows.push([...row, field])
  return rows
}
