// Splits a report's text into runs for highlighting the quotes the importer found. Pure.

export interface TextMark {
  /** Names the proposal or problem the mark belongs to. */
  id: string
  start: number
  end: number
}

export interface TextSegment {
  start: number
  end: number
  text: string
  /** Ids of every mark covering this run, in the order the marks were given; empty for plain text. */
  marks: string[]
}

/**
 * Where a quote sits in the text. The server's offsets are trusted when the text there is the
 * quote; otherwise the quote is searched for, and failing that the offsets are clamped to the text.
 */
export function locateQuote(text: string, start: number, end: number, quote: string): { start: number; end: number } {
  if (start >= 0 && end <= text.length && start < end && text.slice(start, end) === quote) return { start, end }
  const found = quote ? text.indexOf(quote) : -1
  if (found >= 0) return { start: found, end: found + quote.length }
  const s = Math.max(0, Math.min(start, text.length))
  return { start: s, end: Math.max(s, Math.min(end, text.length)) }
}

/**
 * Cuts `text` at every mark boundary. Marks may overlap (two values quoted from one sentence) or be
 * empty or out of range (ignored). Adjacent runs covered by the same marks are merged, and the
 * runs joined give back the text.
 */
export function segmentText(text: string, marks: readonly TextMark[]): TextSegment[] {
  const valid = marks
    .map((m) => ({ ...m, start: Math.max(0, m.start), end: Math.min(text.length, m.end) }))
    .filter((m) => m.start < m.end)
  const cuts = [...new Set([0, text.length, ...valid.flatMap((m) => [m.start, m.end])])].sort((a, b) => a - b)
  const segments: TextSegment[] = []
  for (let i = 0; i + 1 < cuts.length; i++) {
    const start = cuts[i]
    const end = cuts[i + 1]
    const ids = valid.filter((m) => m.start <= start && m.end >= end).map((m) => m.id)
    const last = segments.at(-1)
    if (last && last.marks.length === ids.length && last.marks.every((id, k) => id === ids[k])) {
      last.end = end
      last.text = text.slice(last.start, end)
    } else segments.push({ start, end, text: text.slice(start, end), marks: ids })
  }
  return segments
}
