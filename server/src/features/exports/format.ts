const CHINA_OFFSET_MS = 8 * 3_600_000

/** An instant as China time, YYYY-MM-DD HH:mm (China has no daylight saving time). */
export const chinaDateTime = (at: Date | string) =>
  new Date(new Date(at).getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ')

/** A stored date (YYYY-MM-DD) as is, or an instant as its China calendar date. */
export const chinaDate = (value: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : new Date(Date.parse(value) + CHINA_OFFSET_MS).toISOString().slice(0, 10)

/** Width of text in Excel character units: CJK and full-width characters take two. */
export function displayWidth(text: string): number {
  let w = 0
  for (const ch of text) w += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? 2 : 1
  return w
}
