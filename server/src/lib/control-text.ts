import { badRequest } from '../errors'

/**
 * Characters no text a user types may hold: C0 controls but tab, line feed and carriage return
 * (NUL cuts strings short in other tools), DEL and the C1 controls, and the bidirectional
 * embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), which make text display in
 * another order than it is stored ("Trojan Source": a file name ending in "fdp.exe" shown as
 * "exe.pdf"). The marks U+200E/U+200F (LRM/RLM) stay allowed: they reorder nothing but the
 * punctuation beside them, and text pasted from Word or a web page carries them.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/

export const CONTROL_TEXT_MESSAGE = '文本包含不允许的控制字符（如 NUL 或文字方向控制符）'

/** A cell of an uploaded sheet holding such a character: the row's error, after its row and column. */
export const CONTROL_CELL_MESSAGE = '含有不允许的控制字符'

/** Whether a text (a typed field, a cell of an uploaded sheet) holds such a character. */
export const hasControlText = (text: string): boolean => CONTROL.test(text)

/** The text without such characters: for a document's extracted text, which no one typed as a field. */
export const stripControlText = (text: string): string => text.replace(new RegExp(CONTROL.source, 'g'), '')

function containsControl(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return hasControlText(value)
  if (depth > 64 || value === null || typeof value !== 'object') return false
  if (Array.isArray(value)) return value.some((v) => containsControl(v, depth + 1))
  return Object.entries(value).some(([k, v]) => hasControlText(k) || containsControl(v, depth + 1))
}

/** Refuses (400) a value holding such a character in any string at any depth, keys included. */
export function assertNoControlText(value: unknown): void {
  if (containsControl(value)) throw badRequest(CONTROL_TEXT_MESSAGE)
}
