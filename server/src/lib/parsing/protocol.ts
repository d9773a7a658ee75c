/** What the main thread and the parser worker send each other. */
export type ParseKind = 'xlsx' | 'docx' | 'archive' | 'xlsxStack'

export interface ParseJob {
  kind: ParseKind
  data: Uint8Array
  maxInflatedBytes: number
  /** For 'xlsxStack': each .xlsx inside the zip inflates to at most this much. */
  maxEntryInflatedBytes?: number
  /** For 'archive': an entry the zip must hold (what makes it a .docx or an .xlsx). */
  requiredEntry?: string
}

/** One worksheet as the texts of its cells (`cell.text`), row by row from row 1 and column A; '' for an empty cell. */
export interface SheetTexts {
  name: string
  rows: string[][]
}

export type ParseProblem = 'notZip' | 'tooLarge' | 'lying' | 'unreadable' | 'overLimit'

export type ParseAnswer =
  | { ok: true; kind: 'xlsx'; sheets: SheetTexts[] }
  | { ok: true; kind: 'docx'; text: string }
  | { ok: true; kind: 'archive' }
  | { ok: true; kind: 'xlsxStack'; files: StackFile[] }
  | { ok: false; problem: ParseProblem }

/** A file taken out of an uploaded zip. */
export interface ZipEntry {
  name: string
  data: Uint8Array
}

/** One file of a zip of workbooks, read in the same worker: its sheets, or why it could not be read. */
export type StackFile = { name: string; sheets: SheetTexts[] } | { name: string; problem: ParseProblem }
