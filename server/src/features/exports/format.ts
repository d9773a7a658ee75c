/** Width of text in Excel character units: CJK and full-width characters take two. */
export function displayWidth(text: string): number {
  let w = 0
  for (const ch of text) w += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? 2 : 1
  return w
}
