import { findDateLine, readIdentity, type DateLine } from './identity'
import { parseChineseNumber } from './numerals'
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

/** A line standing alone as a heading; level 0 is an unnumbered line, then numbering styles by first appearance. */
export interface Heading {
  start: number
  /** Where the heading's own words end: the section's body starts there. */
  end: number
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
  // 一是 also follows a comma: "主要表现在：一是……，二是……".
  { style: 'yishi', re: new RegExp(`(?:^|(?<=[。；;：:，,]))${SPACE}*(${CN_ORDINAL})是`, 'gm') },
]

export const SENTENCE_END = /[。！？；!?;\n]/
export const CLAUSE_END = /[，,：:。！？；!?;\n]/
/** Longer runs without punctuation are not sentences; the limits keep the work linear. */
const SENTENCE_MAX = 400
export const CLAUSE_MAX = 100
const HEADING_MAX = 60
/** A title or unnumbered heading line: short and free of sentence punctuation. */
const PLAIN_LINE = /^[^。，；！？：:,;!?]{2,50}$/

const SECTION_KEYS = Object.keys(SECTION_RULES) as SectionKey[]

export interface ReportStructure {
  year: number | null
  bureau: string | null
  /** The county or district the report names as its own (西峡县), null when it names none. */
  county: string | null
  /** The title, issuing organ and document number before the first paragraph. */
  title: Span
  /** The 落款日期 at the end; sections stop before it. */
  dateLine: DateLine | null
  /** Every non-empty line, trimmed of surrounding space. */
  paragraphs: Span[]
  leads: Lead[]
  headings: Heading[]
  sections: Record<SectionKey, boolean>
  /** Where each content is, heading included; a section runs to the next heading of its level or above. */
  spans: Record<SectionKey, Span[]>
  problems: ExtractedProblem[]
}

export function readStructure(text: string): ReportStructure {
  const leads = findLeads(text)
  const paragraphs = findParagraphs(text)
  const titleEnd = titleBlockEnd(text, paragraphs, leads)
  const opening = openingParagraph(text, paragraphs, titleEnd)
  // The date line closes the text: only lines after the opening are looked at.
  const dateLine = findDateLine(text, paragraphs.filter((p) => p.start >= opening.end))
  const bodyEnd = dateLine?.start ?? text.length
  const headings = findHeadings(text, leads, paragraphs, titleEnd, bodyEnd)
  const top = topLevel(headings)

  const { year, bureau, county } = readIdentity(text, {
    titleEnd,
    topHeadings: headings.filter((h) => h.level === top),
    opening,
    signature: dateLine ? signatureBefore(paragraphs, dateLine) : null,
    dateLine,
  })
  const { sections, spans, shortcomings } = findSections(text, headings, year, bodyEnd)
  const untitled = untitledMeasures(text, paragraphs, headings, titleEnd, bodyEnd)
  if (!sections.measures && untitled) {
    sections.measures = true
    spans.measures.push(untitled)
  }
  const problems = shortcomings ? findProblems(text, leads, paragraphs, shortcomings) : []
  return { year, bureau, county, title: { start: 0, end: titleEnd }, dateLine, paragraphs, leads, headings, sections, spans, problems }
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

const LINE = /[^\n]+/g
const NON_SPACE = /\S/g

function firstContent(text: string, pos: number): number {
  NON_SPACE.lastIndex = pos
  return NON_SPACE.exec(text)?.index ?? text.length
}

function findParagraphs(text: string): Span[] {
  const paragraphs: Span[] = []
  for (const m of text.matchAll(LINE)) {
    const line = m[0]
    const trimmed = line.trim()
    if (trimmed.length === 0) continue
    const start = m.index + line.length - line.trimStart().length
    paragraphs.push({ start, end: start + trimmed.length })
  }
  return paragraphs
}

/** The title, issuing organ and document number: the short lines before the first paragraph. */
function titleBlockEnd(text: string, paragraphs: Span[], leads: Lead[]): number {
  const leadStarts = new Set(leads.map((l) => l.start))
  let end = 0
  for (const p of paragraphs) {
    const line = text.slice(p.start, p.end).replace(/\s+/g, '')
    if (leadStarts.has(p.start) || !(PLAIN_LINE.test(line) || SIGNED_BY.test(line))) break
    // An unnumbered section heading right after the title ("主要举措和成效") opens the body.
    if (!TITLE_WORDS.test(line) && sectionsNamed(line, true).length > 0) break
    end = p.end
  }
  return end
}

/** The signing officer of an official document's head: "签发人：张某". */
const SIGNED_BY = /^签发人[：:][^。，；！？]{1,20}$/
/** Words of a report's title, which may also hold a section's words ("…工作情况的报告"). */
const TITLE_WORDS = /报告|总结/
/** "县委、县政府：" before the first paragraph is the addressee, not the opening ("…报告如下："). */
const SALUTATION = /^(?!.*如下)[^。，；！？]{2,30}[：:]$/

function openingParagraph(text: string, paragraphs: Span[], titleEnd: number): Span {
  const after = paragraphs.filter((p) => p.start >= titleEnd)
  const first = after.find((p) => !SALUTATION.test(text.slice(p.start, p.end)))
  return first ?? { start: titleEnd, end: titleEnd }
}

/** The organ's name signed beside or above the date: up to two short lines. */
function signatureBefore(paragraphs: Span[], dateLine: DateLine): Span | null {
  if (dateLine.signer) return dateLine.signer
  const i = paragraphs.findIndex((p) => p.start === dateLine.start)
  const lines = paragraphs.slice(Math.max(0, i - 2), Math.max(0, i)).filter((p) => p.end - p.start <= 30)
  return lines.length > 0 ? { start: lines[0].start, end: lines.at(-1)!.end } : null
}

/** "现将有关情况报告如下：" announces the report's body. */
const ANNOUNCES_BODY = /如下[：:]?$/
/** A paragraph of the report's text, not a heading or a list line. */
const PROSE = /[。！？]/

/**
 * A report without headings tells what was done in the paragraphs after the one announcing them
 * ("现将…报告如下："): at least two paragraphs of prose make its measures.
 */
function untitledMeasures(text: string, paragraphs: Span[], headings: Heading[], titleEnd: number, bodyEnd: number): Span | null {
  const announcement = paragraphs.find((p) => p.start >= titleEnd && ANNOUNCES_BODY.test(text.slice(p.start, p.end)))
  if (!announcement) return null
  const end = headings.find((h) => h.start > announcement.end)?.start ?? bodyEnd
  const prose = paragraphs.filter((p) => p.start > announcement.end && p.end <= end && PROSE.test(text.slice(p.start, p.end)))
  return prose.length >= 2 ? { start: announcement.end, end } : null
}

/** A numbered line opening with a short heading and going on with its text: "三、存在的问题：一是……". */
const INLINE_HEADING = new RegExp(`^([^。；！？!?：:]{2,${HEADING_MAX}})[。：:]`)
/** The numbering of a report's top-level contents: 一、 and 第一部分. */
const OUTLINE_STYLES: Lead['style'][] = ['cn', 'part']

function findHeadings(text: string, leads: Lead[], paragraphs: Span[], titleEnd: number, bodyEnd: number): Heading[] {
  const leadAt = new Map(leads.filter((l) => l.style !== 'yishi').map((l) => [l.start, l]))
  const levels = new Map<Lead['style'], number>()
  const headings: Heading[] = []
  for (const p of paragraphs) {
    if (p.start < titleEnd || p.start >= bodyEnd) continue
    const lead = leadAt.get(p.start)
    if (lead) {
      const body = text.slice(lead.bodyStart, p.end).trim()
      if (body.length === 0) continue
      // A numbered line is a heading when it holds no more than a short title, or when it opens with
      // a section's own words followed by the section's text, or when it opens the body's outline
      // ("一、加强组织保障。一是……": the first of the contents, whatever its words).
      let heading = body.length <= HEADING_MAX && !/[。；！？!?]./.test(body) ? body : null
      if (heading === null) {
        const inline = INLINE_HEADING.exec(body)?.[1]
        const opensOutline = headings.length === 0 && OUTLINE_STYLES.includes(lead.style) && lead.ordinal === 1
        if (!inline || (sectionsNamed(inline, true).length === 0 && !opensOutline)) continue
        heading = inline
      }
      if (!levels.has(lead.style)) levels.set(lead.style, levels.size + 1)
      const headingEnd = text.indexOf(heading, lead.bodyStart) + heading.length
      headings.push({ start: p.start, end: headingEnd, text: heading, level: levels.get(lead.style)! })
    } else {
      // An unnumbered line is a heading only when its words name a section ("存在的不足：" too).
      const line = text.slice(p.start, p.end).replace(/[：:]$/, '')
      if (PLAIN_LINE.test(line) && sectionsNamed(line, true).length > 0) headings.push({ start: p.start, end: p.end, text: line, level: 0 })
    }
  }
  // Unnumbered section headings are the report's outline when there are several and the numbered
  // headings name no content (they are items below them). Otherwise an unnumbered one stands at the
  // top level for a lost number, and only for a content the numbered headings do not name.
  const named = new Set(headings.filter((h) => h.level === 1).flatMap((h) => sectionsNamed(h.text, true)))
  if (named.size === 0 && headings.filter((h) => h.level === 0).length >= 2) return headings
  return headings
    .filter((h) => h.level !== 0 || sectionsNamed(h.text, true).some((key) => !named.has(key)))
    .map((h) => (h.level === 0 ? { ...h, level: 1 } : h))
}

/** The sections a heading's words name; the broad cues only at the top level. */
function sectionsNamed(heading: string, topLevel: boolean): SectionKey[] {
  return SECTION_KEYS.filter((key) => {
    const rule = SECTION_RULES[key]
    const cues = topLevel ? [...rule.cues, ...(rule.topLevelCues ?? [])] : rule.cues
    const held = rule.withHolder
    const heldCue =
      held !== undefined &&
      held.cues.some((c) => heading.includes(c)) &&
      held.holders.some((w) => heading.includes(w)) !== (held.unless ?? false)
    return (heldCue || cues.some((c) => heading.includes(c))) && !rule.exclude?.some((w) => heading.includes(w))
  })
}

/** The sections a heading names together with the first sentence under it ("…领导干部法治建设职责" opening with the 第一责任人). */
function confirmedByFirstSentence(heading: string, first: string): SectionKey[] {
  const named = sectionsNamed(first, false)
  return SECTION_KEYS.filter((key) => {
    const rule = SECTION_RULES[key].confirmedByFirstSentence
    return (
      rule !== undefined &&
      named.includes(key) &&
      rule.cues.some((c) => heading.includes(c)) &&
      rule.holders.some((w) => heading.includes(w))
    )
  })
}

/** The outermost heading level (the smallest); a loop, as spreading a huge list into Math.min overflows the stack. */
function topLevel(headings: Heading[]): number {
  return headings.reduce((top, h) => Math.min(top, h.level), Infinity)
}

const CLOSING_SECTIONS: SectionKey[] = ['shortcomings', 'nextYearPlan', 'other']

function findSections(text: string, headings: Heading[], year: number | null, bodyEnd: number) {
  const sections: Record<SectionKey, boolean> = {
    measures: false,
    shortcomings: false,
    dutyPerformance: false,
    nextYearPlan: false,
    other: false,
  }
  const spans: Record<SectionKey, Span[]> = { measures: [], shortcomings: [], dutyPerformance: [], nextYearPlan: [], other: [] }
  const top = topLevel(headings)
  // A heading naming the following year ("2024年工作思路" in a 2023 report) is the plan.
  const nextYear = year === null ? null : new RegExp(`${year + 1}\\s*年`)
  const named = (h: Heading): SectionKey[] => {
    const keys = sectionsNamed(h.text, h.level === top)
    if (nextYear === null || !nextYear.test(h.text)) return keys
    return [...keys.filter((k) => k !== 'measures'), ...(keys.includes('nextYearPlan') ? [] : (['nextYearPlan'] as const))]
  }

  // A section runs to the next heading of the same or a higher level.
  const sectionEnd: number[] = []
  const open: number[] = []
  headings.forEach((h, i) => {
    while (open.length > 0 && headings[open.at(-1)!].level >= h.level) sectionEnd[open.pop()!] = h.start
    open.push(i)
  })

  // The first sentence under a heading, empty when another heading follows at once.
  const firstSentence = (i: number): string => {
    const bodyStart = firstContent(text, headings[i].end)
    if (headings[i + 1]?.start === bodyStart) return ''
    const first = sentenceAt(text, bodyStart)
    return text.slice(first.start, first.end)
  }

  let parentKeys: SectionKey[] = []
  let closingSeen = false
  let shortcomings: Heading | null = null
  let shortcomingsEnd = bodyEnd
  headings.forEach((h, i) => {
    // Deeper levels are items inside a section, not the report's contents.
    if (h.level > top + 1) return
    let keys = named(h)
    if (h.level === top) {
      // The report's contents come in order, the measures first: a top-level heading before the
      // shortcomings and plans that names no content ("…取得新成效") is the measures, or the duty
      // performance when its first sentence is about the leader's duties.
      if (keys.length === 0 && !closingSeen) {
        keys = sectionsNamed(firstSentence(i), false).includes('dutyPerformance') ? ['dutyPerformance'] : ['measures']
      }
      if (keys.some((k) => CLOSING_SECTIONS.includes(k))) closingSeen = true
      parentKeys = keys
    } else if (parentKeys.length === 1 && parentKeys[0] !== 'measures') {
      // Items under a section of one content belong to it ("（一）进一步加强…" under the plans)…
      return
    } else if (parentKeys.length === 1) {
      // …and under the measures only duty performance has a heading of its own.
      keys = keys.filter((k) => k === 'dutyPerformance')
    }
    if (h.level !== top && keys.length === 0) keys = confirmedByFirstSentence(h.text, firstSentence(i))
    const span = { start: h.start, end: Math.min(sectionEnd[i] ?? bodyEnd, bodyEnd) }
    for (const key of keys) {
      sections[key] = true
      spans[key].push(span)
    }
    // The problems are read from the innermost shortcomings heading ("（一）存在的问题" under
    // "三、存在的问题和下一步打算").
    if (keys.includes('shortcomings') && (shortcomings === null || h.start < shortcomingsEnd)) {
      shortcomings = h
      shortcomingsEnd = span.end
    }
  })
  const found = shortcomings as Heading | null
  return { sections, spans, shortcomings: found ? { start: found.end, end: shortcomingsEnd } : null }
}

/** A paragraph or sentence ending in a colon announces a list: "主要表现在以下几个方面：". */
const ANNOUNCES_LIST = /[：:]$/

/**
 * One problem per numbered item, inline ("一是……；二是……") or on lines of their own; the outermost
 * numbering style in the section is used. Without numbering, the paragraphs after one announcing a
 * list are the problems, or the sentences of a paragraph that each name who falls short (部分…,
 * 个别…); otherwise the section states one problem, its first paragraph.
 */
function findProblems(text: string, leads: Lead[], paragraphs: Span[], body: Span): ExtractedProblem[] {
  const byStyle = new Map<Lead['style'], Lead[]>()
  // A style's list ends where its numbering starts again ("下一步，…一是…" after the problems).
  const closed = new Set<Lead['style']>()
  for (const lead of leads) {
    if (lead.start < body.start || lead.start >= body.end || closed.has(lead.style)) continue
    let items = byStyle.get(lead.style)
    if (!items) byStyle.set(lead.style, (items = []))
    if (lead.ordinal === items.length + 1) items.push(lead)
    else if (lead.ordinal === 1) closed.add(lead.style)
  }
  const items = [...byStyle.values()].filter((l) => l.length > 0).sort((a, b) => a[0].start - b[0].start)[0] ?? []
  if (items.length > 0) {
    const paragraphEnd = (pos: number) => paragraphs.find((p) => p.end >= pos)?.end ?? body.end
    const inline = paragraphEnd(items[0].start) === paragraphEnd(items.at(-1)!.start)
    return items.map((item, i) => {
      // The last of an inline list ends with its paragraph, not with the section.
      const end = i + 1 < items.length ? items[i + 1].start : inline ? Math.min(paragraphEnd(item.start), body.end) : body.end
      return problemIn(text, item.bodyStart, end)
    })
  }
  const inSection = paragraphs.filter((p) => p.end > body.start && p.start < body.end && p.end - Math.max(p.start, body.start) > 1)
  if (inSection.length === 0) return []
  const first = { start: Math.max(inSection[0].start, body.start), end: inSection[0].end }
  if (inSection.length > 1 && ANNOUNCES_LIST.test(text.slice(first.start, first.end))) {
    return inSection.slice(1).map((p) => problemIn(text, p.start, p.end))
  }
  // "部分干部……。个别单位……。": a paragraph whose every sentence names who falls short lists them.
  const listed = [...text.slice(first.start, first.end).matchAll(SENTENCE)]
    .map((m) => problemIn(text, first.start + m.index, first.start + m.index + m[0].length))
    .filter((sentence) => !ANNOUNCES_LIST.test(sentence.text))
  if (listed.length > 1 && listed.every((s) => QUANTIFIED.test(s.text))) return listed
  return [problemIn(text, first.start, first.end)]
}

/** Sentences, and a lead-in up to its colon ("主要是：") on its own. */
const SENTENCE = /[^。！？；!?;：:]+[。！？；!?;：:]?/g
/** A sentence about some of those concerned: 部分…, 个别…, 有的…, 少数…. */
const QUANTIFIED = /^(?:部分|个别|有的|少数|一些)/

function problemIn(text: string, from: number, to: number): ExtractedProblem {
  const raw = text.slice(from, to)
  const start = from + (raw.length - raw.trimStart().length)
  const trimmed = raw.trim()
  return { text: trimmed, start, end: start + trimmed.length }
}

/** For each UTF-16 code unit, whether the class of single characters matches it: built once per class. */
const BOUNDARY_TABLES = new WeakMap<RegExp, Uint8Array>()
function boundaryTable(boundary: RegExp): Uint8Array {
  let table = BOUNDARY_TABLES.get(boundary)
  if (!table) {
    table = new Uint8Array(0x10000)
    for (let c = 0; c < table.length; c++) table[c] = boundary.test(String.fromCharCode(c)) ? 1 : 0
    BOUNDARY_TABLES.set(boundary, table)
  }
  return table
}

/**
 * The run around [start, end) up to the boundary characters (a class of single characters, such as
 * SENTENCE_END), at most max characters each way.
 */
export function enclosing(text: string, start: number, end: number, boundary: RegExp, max: number): Span {
  const isBoundary = boundaryTable(boundary)
  let s = start
  while (s > 0 && start - s < max && !isBoundary[text.charCodeAt(s - 1)]) s--
  let e = end
  while (e < text.length && e - end < max && !isBoundary[text.charCodeAt(e)]) e++
  // A sentence keeps its closing punctuation.
  if (boundary === SENTENCE_END && e < text.length && text[e] !== '\n' && isBoundary[text.charCodeAt(e)]) e++
  while (s < e && /\s/.test(text[s])) s++
  return { start: s, end: e }
}

/** Whether a position lies inside one of the spans: sorted once, then a binary search per position. */
export function insideAny(spans: Span[]): (pos: number) => boolean {
  const sorted = [...spans].sort((a, b) => a.start - b.start)
  // The furthest end of the spans up to each one, so overlapping and nested spans are found too.
  const reach: number[] = []
  sorted.forEach((s, i) => reach.push(Math.max(s.end, reach[i - 1] ?? -Infinity)))
  return (pos) => {
    let lo = 0
    let hi = sorted.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (sorted[mid].start <= pos) lo = mid + 1
      else hi = mid
    }
    return lo > 0 && reach[lo - 1] > pos
  }
}

export const sentenceAt = (text: string, pos: number) => enclosing(text, pos, pos, SENTENCE_END, SENTENCE_MAX)

