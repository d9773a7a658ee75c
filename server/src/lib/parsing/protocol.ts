/** What the main thread and the parser worker send each other. */
export type ParseKind = 'xlsx' | 'docx' | 'archive' | 'unzip'

export interface ParseJob {
  kind: ParseKind
  data: Uint8Array
  maxInflatedBytes: number
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
  | { ok: true; kind: 'unzip'; entries: ZipEntry[] }
  | { ok: false; problem: ParseProblem }

/** A file taken out of an uploaded zip. */
export interface ZipEntry {
  name: string
  data: Uint8Array
}
