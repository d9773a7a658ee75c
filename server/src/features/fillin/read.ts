import { FILL_IN_COLUMNS } from '@fazhi/shared'
import { badRequest } from '../../errors'
import { CONTROL_CELL_MESSAGE, hasControlText } from '../../lib/control-text'
import type { SheetTexts } from '../../lib/parsing'
import { FILL_IN_SHEET, META_LABELS, META_SHEET } from './template'

// Reading an uploaded template back from its cell texts (read in the parsing worker).

/** One filled row: its number as Excel shows it and the texts of the cells a bureau fills. */
export interface FilledRow {
  row: number
  code: string
  value: string
  notApplicable: string
  note: string
}

/** The columns a bureau fills, by the field of a filled row each becomes. */
const FILLED_HEADERS = { code: '指标代码', value: '填报值', notApplicable: '不适用', note: '备注' } as const
type FilledField = keyof typeof FILLED_HEADERS
const FILLED = Object.keys(FILLED_HEADERS) as FilledField[]

/**
 * The row's error when a cell holds what no typed field could (NUL, a direction override: the text
 * guard's rule), naming the first such column; the upload is then refused and nothing is saved.
 */
export function controlTextProblem(r: FilledRow): string | null {
  const field = FILLED.find((f) => hasControlText(r[f]))
  return field ? `「${FILLED_HEADERS[field]}」${CONTROL_CELL_MESSAGE}` : null
}

/** Which report a template belongs to, from its hidden sheet. */
export interface TemplateMeta {
  bureauCode: string
  year: number
  submissionId: number
}

const MAX_ROWS = 500

/** The report the template names; a sheet without it (not a downloaded template) is refused. */
export function templateMeta(sheets: readonly SheetTexts[]): TemplateMeta {
  const rows = sheets.find((s) => s.name === META_SHEET)?.rows ?? []
  const field = (label: string) => rows.find((r) => r[0]?.trim() === label)?.[1]?.trim() ?? ''
  const [bureauCode, year, submissionId] = META_LABELS.map(field)
  if (!bureauCode || !/^\d+$/.test(year) || !/^\d+$/.test(submissionId)) throw badRequest('文件不是本系统下载的填报模板（缺少模板信息），请先下载填报模板再填写')
  return { bureauCode, year: Number(year), submissionId: Number(submissionId) }
}

/** The rows of the template sheet below its header, trimmed; rows left entirely empty are skipped. */
export function filledRows(sheets: readonly SheetTexts[]): FilledRow[] {
  const sheet = sheets.find((s) => s.name === FILL_IN_SHEET) ?? sheets[0]
  if (!sheet) throw badRequest('文件中没有工作表')
  const headerIndex = sheet.rows.findIndex((r) => r[0]?.trim() === FILL_IN_COLUMNS[0])
  if (headerIndex < 0) throw badRequest(`找不到表头（第一列应为「${FILL_IN_COLUMNS[0]}」），请使用下载的填报模板`)
  const position = new Map(sheet.rows[headerIndex].map((text, col) => [text.trim(), col]))
  const missing = Object.values(FILLED_HEADERS).filter((h) => !position.has(h))
  if (missing.length) throw badRequest(`表头缺少列：${missing.join('、')}（请使用下载的填报模板）`)
  const cell = (cells: string[], header: string) => (cells[position.get(header)!] ?? '').trim()
  const rows = sheet.rows
    .slice(headerIndex + 1)
    .map((cells, i) => ({ row: headerIndex + 2 + i, ...(Object.fromEntries(FILLED.map((f) => [f, cell(cells, FILLED_HEADERS[f])])) as Record<FilledField, string>) }))
    .filter((r) => r.code || r.value || r.notApplicable || r.note)
  if (rows.length > MAX_ROWS) throw badRequest(`一个模板最多 ${MAX_ROWS} 行指标`)
  return rows
}
