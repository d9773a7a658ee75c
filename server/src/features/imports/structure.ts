import { parseChineseNumber, parseNumber } from './numerals'
import { SECTION_RULES, type SectionKey } from './section-rules'

/**
 * The report's structure before its numbers: title block, headings, the five contents, numbered
 * items, sentences and clauses. Values and problems are read inside it.
 */

export interface ExtractedProblem {
  text: string
  start: number
  end: number
}

export interface Span {
  start: number
  end: number
}

/** An enumerator that opens a heading or an item: 一、 （一） 1. ① 一是 第一部分. */
export interface Lead {
  style: 'part' | 'cn' | 'paren' | 'arabic' | 'circled' | 'yishi'
  ordinal: number
  start: number
  /** Where the text after the enumerator begins. */
  bodyStart: number
}

/** A line standing alone as a heading; level 0 is an unnumbered line, then by first appearance. */
export interface Heading {
  start: number
  text: string
  level: number
}
export const SPACE = '[ \\t\\u3000]'
const CN_ORDINAL = '[一二三四五六七八九十]{1,3}'
// Lookbehinds stay fixed-width: a variable one is retried over every run of spaces.
const AT_LINE_START = `^${SPACE}*`
const AFTER_BREAK = `(?:^|(?<=[。；;：:]))${SPACE}*`

const LEAD_PATTERNS: { style: Lead['style']; re: RegExp }[] = [
  { style: 'part', re: new RegExp(`${AT_LINE_START}第(${CN_ORDINAL})部分[、：:]?${SPACE}*`, 'gm') },
  { style: 'cn', re: new RegExp(`${AT_LINE_START}(${CN_ORDINAL})[、.．]${SPACE}*`, 'gm') },
  { style: 'paren', re: new RegExp(`${AFTER_BREAK}[（(](${CN_ORDINAL})[）)]${SPACE}*`, 'gm') },
  { style: 'arabic', re: new RegExp(`${AFTER_BREAK}([0-9]{1,2})[.．、](?![0-9])${SPACE}*`, 'gm') },
  { style: 'circled', re: new RegExp(`${AFTER_BREAK}([①-⑳])${SPACE}*`, 'gm') },
  { style: 'yishi', re: new RegExp(`${AFTER_BREAK}(${CN_ORDINAL})是`, 'gm') },
]

export const SENTENCE_END = /[。！？；!?;\n]/
export const CLAUSE_END = /[，,：:。！？；!?;\n]/
/** Longer runs without punctuation are not sentences; the limits keep the work linear. */
const SENTENCE_MAX = 400
export const CLAUSE_MAX = 100
const HEADING_MAX = 40
/** A title or unnumbered heading line: short and free of sentence punctuation. */
const PLAIN_LINE = /^[^。，；！？：:,;!?]{2,50}$/

const YEAR = /(?<![0-9])([0-9]{4}|[〇零一二三四五六七八九]{4})\s*年/
/**
 * A bureau name: place + 县/区/旗/市 + organ. Higher-level places before it (重庆市, 河南省) are
 * dropped; 中共/关于 in front are not part of the name.
 */
const BUREAU = new RegExp(
  `(?<=^|[\\s，。、：:；“（(]|中共|关于|年度?)` +
    `(?:[\\u4e00-\\u9fa5]{2,4}?(?:省|自治区|市|州|盟)){0,2}` +
    `(?!中共|关于)([\\u4e00-\\u9fa5]{2,6}?(?:县|区|旗|市)[\\u4e00-\\u9fa5]{1,12}?(?:局|委员会|办公室|中心))`,
  'm',
)

const SECTION_KEYS = Object.keys(SECTION_RULES) as SectionKey[]

export interface ReportStructure {
  year: number | null
  bureau: string | null
  leads: Lead[]
  sections: Record<SectionKey, boolean>
  spans: Record<SectionKey, Span[]>
  problems: ExtractedProblem[]
}

export function readStructure(text: string): ReportStructure {
  const leads = findLeads(text)
  const titleEnd = titleBlockEnd(text, leads)
  const headings = findHeadings(text, leads, titleEnd)

  const opening = text.slice(0, lineEnd(text, firstContentLine(text, titleEnd)))
  const yearMatch = YEAR.exec(text.slice(0, titleEnd)) ?? YEAR.exec(opening)
  const yearValue = yearMatch ? parseNumber(yearMatch[1]) : null
  const year = yearValue !== null && yearValue >= 1990 && yearValue <= 2100 ? yearValue : null
  const bureau = (BUREAU.exec(text.slice(0, titleEnd)) ?? BUREAU.exec(opening))?.[1] ?? null

  const { sections, spans } = findSections(text, headings, year)
  const problems = spans.shortcomings[0] ? findProblems(text, leads, spans.shortcomings[0]) : []
  return { year, bureau, leads, sections, spans, problems }
}

function findLeads(text: string): Lead[] {
  const leads: Lead[] = []
  for (const { style, re } of LEAD_PATTERNS) {
    for (const m of text.matchAll(re)) {
      const raw = m[1]
      const ordinal =
        style === 'arabic' ? Number(raw) : style === 'circled' ? raw.charCodeAt(0) - 0x2460 + 1 : parseChineseNumber(raw)
      if (ordinal === null || ordinal < 1) continue
      const start = m.index + m[0].length - m[0].trimStart().length
      leads.push({ style, ordinal, start, bodyStart: m.index + m[0].length })
    }
  }
  return leads.sort((a, b) => a.start - b.start)
}

function lineEnd(text: string, pos: number): number {
  const i = text.indexOf('\n', pos)
  return i < 0 ? text.length : i
}

const NON_SPACE = /\S/g

function firstContentLine(text: string, pos: number): number {
  NON_SPACE.lastIndex = pos
  return NON_SPACE.exec(text)?.index ?? text.length
}

/** The title, issuing organ and document number: the short lines before the first paragraph. */
function titleBlockEnd(text: string, leads: Lead[]): number {
  const leadStarts = new Set(leads.map((l) => l.start))
  let end = 0
  for (let pos = firstContentLine(text, 0); pos < text.length; pos = firstContentLine(text, end)) {
    const line = text.slice(pos, lineEnd(text, pos)).trim()
    if (leadStarts.has(pos) || !PLAIN_LINE.test(line.replace(/\s+/g, ''))) break
    end = lineEnd(text, pos)
  }
  return end
}

function findHeadings(text: string, leads: Lead[], titleEnd: number): Heading[] {
  const leadAt = new Map(leads.filter((l) => l.style !== 'yishi').map((l) => [l.start, l]))
  const levels = new Map<Lead['style'], number>()
  const headings: Heading[] = []
  for (let pos = firstContentLine(text, titleEnd); pos < text.length; pos = firstContentLine(text, lineEnd(text, pos))) {
    const end = lineEnd(text, pos)
    const lead = leadAt.get(pos)
    if (lead) {
      const body = text.slice(lead.bodyStart, end).trim()
      // A numbered line is a heading only when it holds no more than a short title.
      if (body.length === 0 || body.length > HEADING_MAX || /[。；！？!?]./.test(body)) continue
      if (!levels.has(lead.style)) levels.set(lead.style, levels.size + 1)
      headings.push({ start: pos, text: body, level: levels.get(lead.style)! })
    } else {
      const line = text.slice(pos, end).trim()
      if (PLAIN_LINE.test(line)) headings.push({ start: pos, text: line, level: 0 })
    }
  }
  return headings
}

function findSections(text: string, headings: Heading[], year: number | null) {
  const sections: Record<SectionKey, boolean> = {
    measures: false,
    shortcomings: false,
    dutyPerformance: false,
    nextYearPlan: false,
    other: false,
  }
  const spans: Record<SectionKey, Span[]> = { measures: [], shortcomings: [], dutyPerformance: [], nextYearPlan: [], other: [] }
  // A heading naming the following year ("2024年工作思路" in a 2023 report) is the plan.
  const nextYear = year === null ? null : new RegExp(`${year + 1}\\s*年`)

  const matches = (heading: string, key: SectionKey) =>
    SECTION_RULES[key].cues.some((c) => heading.includes(c)) &&
    !SECTION_RULES[key].exclude?.some((w) => heading.includes(w))

  // A section runs to the next heading of the same or a higher level.
  const sectionEnd: number[] = []
  const open: number[] = []
  headings.forEach((h, i) => {
    while (open.length > 0 && headings[open.at(-1)!].level >= h.level) sectionEnd[open.pop()!] = h.start
    open.push(i)
  })

  headings.forEach((h, i) => {
    // Deeper levels are items inside a section, not the report's contents.
    if (h.level > 2) return
    const namesNextYear = nextYear !== null && nextYear.test(h.text)
    const matched = SECTION_KEYS.filter((key) =>
      key === 'nextYearPlan'
        ? namesNextYear || matches(h.text, key)
        : !(key === 'measures' && namesNextYear) && matches(h.text, key),
    )
    if (matched.length === 0) return
    const span = { start: h.start, end: sectionEnd[i] ?? text.length }
    for (const key of matched) {
      sections[key] = true
      spans[key].push(span)
    }
  })
  return { sections, spans }
}

/** One problem per numbered item; the outermost numbering style in the section is used. */
function findProblems(text: string, leads: Lead[], section: Span): ExtractedProblem[] {
  const bodyStart = lineEnd(text, section.start)
  const byStyle = new Map<Lead['style'], Lead[]>()
  for (const lead of leads) {
    if (lead.start < bodyStart || lead.start >= section.end) continue
    let items = byStyle.get(lead.style)
    if (!items) byStyle.set(lead.style, (items = []))
    if (lead.ordinal === items.length + 1) items.push(lead)
  }
  const items = [...byStyle.values()].filter((l) => l.length > 0).sort((a, b) => a[0].start - b[0].start)[0] ?? []
  return items.map((item, i) => {
    const end = i + 1 < items.length ? items[i + 1].start : section.end
    const raw = text.slice(item.bodyStart, end)
    const start = item.bodyStart + (raw.length - raw.trimStart().length)
    const trimmed = raw.trim()
    return { text: trimmed, start, end: start + trimmed.length }
  })
}

/** The run around [start, end) up to the boundary characters, at most max characters each way. */
export function enclosing(text: string, start: number, end: number, boundary: RegExp, max: number): Span {
  let s = start
  while (s > 0 && start - s < max && !boundary.test(text[s - 1])) s--
  let e = end
  while (e < text.length && e - end < max && !boundary.test(text[e])) e++
  // A sentence keeps its closing punctuation.
  if (boundary === SENTENCE_END && e < text.length && text[e] !== '\n' && boundary.test(text[e])) e++
  while (s < e && /\s/.test(text[s])) s++
  return { start: s, end: e }
}

export const sentenceAt = (text: string, pos: number) => enclosing(text, pos, pos, SENTENCE_END, SENTENCE_MAX)

