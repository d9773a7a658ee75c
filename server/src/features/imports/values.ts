import { NUMBER_PATTERN, parseNumber } from './numerals'
import {
  APPROX_AFTER,
  APPROX_AFTER_UNIT,
  APPROX_BEFORE,
  FOLLOWING_RULES,
  MEETING_BODIES,
  PART_WORDS,
  PER_PERIOD,
  PLAN_WORDS,
  SERIES_KINDS,
  SERIES_WORDS,
  SUBJECT_WORDS,
  UNITS,
  WHOLE_WORDS,
  type Unit,
} from './rules'
import { isBreakdown, readPairs, sharedByAll, sharedKind, subjectWords } from './lists'
import {
  alternation,
  COMPILED_RULES,
  hasAll,
  hasAny,
  listItems,
  listsSeveral,
  matchRule,
  type CompiledRule,
  type Match,
  type Reader,
} from './matching'
import { aboutTheYear, findStatements } from './statements'
import { CLAUSE_END, CLAUSE_MAX, enclosing, insideAny, sentenceAt, SPACE, type Lead, type Span } from './structure'

export interface ExtractedValue {
  indicator: string
  value: number
  approx: boolean
  /** The sentence the value came from; start/end are its offsets in the text. */
  quote: string
  start: number
  end: number
  /** `certain` proposals are pre-accepted on the review screen; `uncertain` ones need a click. */
  confidence: Confidence
  /** Why the proposal is uncertain, in words the reviewer reads; null when certain. */
  reason: string | null
}

export type Confidence = 'certain' | 'uncertain'

/** A sentence whose number two readings compete for: nothing is proposed, the reviewer decides (需人工确认). */
export interface UnresolvedValue {
  quote: string
  start: number
  end: number
  /** The indicators the number could belong to. */
  candidates: string[]
  reason: string
}

/**
 * A number with its unit, e.g. "近 200 余条", "百分之百", "1.2万人次". Not after 第 (ordinals),
 * 数/几/若 (数十家, 若干) or inside a longer number.
 */
const VALUE_TOKEN = new RegExp(
  `(?:(?<before>${alternation(APPROX_BEFORE)})${SPACE}?)?` +
    `(?<![第数几若0-9０-９.,．零〇一二两三四五六七八九十百千万])` +
    `(?:百分之(?<percent>百|${NUMBER_PATTERN})` +
    `|(?<number>${NUMBER_PATTERN})${SPACE}?(?<wan>万)?${SPACE}?(?<after>${alternation(APPROX_AFTER)})?${SPACE}?` +
    `(?<unit>${alternation(UNITS)}|％))` +
    `(?<afterUnit>${alternation(APPROX_AFTER_UNIT)})?`,
  'g',
)
/** 一次性, 一条龙. */
const NOT_AFTER_VALUE = /[性龙]/
/** "实现三个100%": 三个 counts the values after it. */
const BEFORE_VALUE = /^[0-9０-９百]/
const PER_PERIOD_PATTERN = new RegExp(alternation(Object.keys(PER_PERIOD)), 'g')
/** Quoted names and book titles: 《…十五条政策》, “12.4”宣传日. */
const QUOTED = /《[^》\n]{0,60}》|“[^”\n]{0,30}”/g

const FOLLOWING = FOLLOWING_RULES.map((r) => ({ ...r, next: r.next.map((g) => g.split('|')) }))
/** "无一起", "未发生一起": not one, a zero statement rather than the number 1. */
const NOT_ONE = /(?:无|没有|未发生|未出现|未有)$/

export interface Token {
  start: number
  end: number
  value: number
  approx: boolean
  unit: Unit
}
export function findTokens(text: string): Token[] {
  const quoted = [...text.matchAll(QUOTED)].map((m) => ({ start: m.index, end: m.index + m[0].length }))
  let q = 0
  const tokens: Token[] = []
  for (const m of text.matchAll(VALUE_TOKEN)) {
    const g = m.groups!
    const start = m.index
    const end = start + m[0].length
    if (NOT_AFTER_VALUE.test(text[end] ?? '')) continue
    if (g.unit === '个' && BEFORE_VALUE.test(text.slice(end, end + 1))) continue
    while (q < quoted.length && quoted[q].end <= start) q++
    if (q < quoted.length && quoted[q].start <= start) continue
    const number = g.percent === '百' ? 100 : parseNumber(g.percent ?? g.number)
    if (number === null) continue
    tokens.push({
      start,
      end,
      value: number * (g.wan ? 10_000 : 1),
      approx: Boolean(g.before || g.after || g.afterUnit),
      unit: g.percent !== undefined || g.unit === '％' ? '%' : (g.unit as Unit),
    })
  }
  return tokens
}

/** One reading of a value from one sentence, before readings of the same indicator are compared. */
export interface Reading {
  indicator: string
  value: number
  approx: boolean
  sentence: Span
  /** Why the reading is uncertain; null when the sentence states it plainly. */
  reason: string | null
  /** Read from a 其中-clause: a part of the number before it, yielding to any other reading. */
  part?: boolean
}

const COMPETING = '同一数字可能对应多个指标'
const CONTRADICTING = '报告中出现两个不同的数值'
const BREAKDOWN = '同一分句列出同类的几个数字，可能只是其中一部分'
const SERIES_PART = '句中先述一系列活动而未写总数，此数字可能只是其中一类'
const SEVERAL_BODIES = '数字为所列几类会议或机构的合计'
const ONE_VENUE = '只是面向某一对象或场所的活动，可能不是全年总数'
/** Units counting people reached. */
const REACH_UNITS = new Set<Unit>(['人次', '人', '名', '户', '家'])

/** "通过党组会、中心组学法12次", "党委中心组和机关党委学法6次": the words before the number list several meetings or bodies. */
function severalBodies(words: string): boolean {
  return listItems(words).filter((item) => hasAny(item, MEETING_BODIES)).length > 1
}

export interface FoundValues {
  values: ExtractedValue[]
  unresolved: UnresolvedValue[]
}

/**
 * The values a report states, each from its sentence. Numbers inside `skip` (the plans for next
 * year, the shortcomings) are not results of the year. A number two indicators compete for, and an
 * indicator given two different values, are left to the reviewer (unresolved).
 */
export function findValues(
  text: string,
  { leads, paragraphs }: { leads: Lead[]; paragraphs: Span[] },
  skip: Span[],
  year: number | null,
): FoundValues {
  const notOne = (t: Token) => t.value === 1 && NOT_ONE.test(text.slice(Math.max(0, t.start - 3), t.start))
  const skipped = insideAny(skip)
  const tokens = findTokens(text).filter((t) => !skipped(t.start) && !notOne(t))
  const readings: Reading[] = []
  // One entry per sentence and reason, in the order first left.
  const unresolved = new Map<string, UnresolvedValue>()
  const leave = (sentence: Span, candidates: string[], reason: string) => {
    const key = `${sentence.start}|${reason}`
    const same = unresolved.get(key)
    if (same) same.candidates = [...new Set([...same.candidates, ...candidates])]
    else unresolved.set(key, { quote: text.slice(sentence.start, sentence.end), ...sentence, candidates, reason })
  }
  let nextLead = 0
  const contextAt = (sentence: Span) => {
    // The heading or 一是-lead above the sentence often names the topic ("二是加强法治宣传教育").
    while (nextLead < leads.length && leads[nextLead].start <= sentence.start) nextLead++
    const topic = nextLead > 0 ? sentenceAt(text, leads[nextLead - 1].start) : sentence
    return text.slice(sentence.start, sentence.end) + '\n' + text.slice(topic.start, topic.end)
  }
  let nextParagraph = 0
  const paragraphAt = (pos: number): Span | undefined => {
    while (nextParagraph < paragraphs.length && paragraphs[nextParagraph].end <= pos) nextParagraph++
    const paragraph = paragraphs[nextParagraph]
    return paragraph && paragraph.start <= pos ? paragraph : undefined
  }
  const pairedClauses = new Set<number>()
  // Clauses whose number is a total over a list of unlike kinds: a reach in the next clause is that total's.
  const mixedTotals = new Set<number>()
  const nextYear = year === null ? null : new RegExp(`${year + 1}\\s*年`)

  tokens.forEach((token, i) => {
    const sentence = sentenceAt(text, token.start)
    const clause = enclosing(text, token.start, token.end, CLAUSE_END, CLAUSE_MAX)
    const prev = tokens[i - 1]
    const next = tokens[i + 1]
    const othersInClause = (prev && prev.end > clause.start) || (next && next.start < clause.end)
    const clauseText = text.slice(clause.start, clause.end)
    const context = contextAt(sentence)
    if (othersInClause && clauseText.includes('分别')) {
      if (!pairedClauses.has(clause.start)) {
        pairedClauses.add(clause.start)
        readPairs(text, text.slice(sentence.start, clause.start), tokensIn(tokens, i, clause), clause, sentence, context, readings, leave)
      }
      return
    }

    // An intention is not a result; a number over several years or of another year is not the year's.
    if (hasAny(clauseText, PLAN_WORDS) || !aboutTheYear(clauseText, year)) return
    if (nextYear && nextYear.test(text.slice(sentence.start, sentence.end))) return
    const segmentStart = prev && prev.end > clause.start ? prev.end : clause.start
    const { words, items } = subjectWords(text.slice(segmentStart, token.start))
    // Before a further number of the clause, the words after a 、 are that number's ("学法6次、集体学法24次").
    const nextInClause = next && next.start < clause.end
    const rest = text.slice(token.end, nextInClause ? next.start : clause.end)
    const after = nextInClause ? rest.split('、')[0] : rest
    const own = words + after
    const period = [...text.slice(clause.start, token.start).matchAll(PER_PERIOD_PATTERN)].at(-1)?.[0]
    const value = token.value * (period ? PER_PERIOD[period] : 1)
    const followingClause = clauseAfter(text, clause, sentence, next)
    const paragraph = paragraphAt(sentence.start)
    const reader: Reader = {
      own,
      counted: words,
      carried: items ? null : carriedClause(text, tokens, i, clause, sentence, own),
      context,
      clause: clauseText,
      before: text.slice(sentence.start, clause.start),
      around: {
        after: followingClause,
        sentence: text.slice(sentence.start, sentence.end),
        earlier: paragraph ? text.slice(paragraph.start, sentence.start) : '',
      },
    }
    const inSeries = partOfSeries(text, sentence, clause, own)
    const seriesParts = new Set<string>()

    const matches = new Map<string, { match: Match; rule: CompiledRule }>()
    for (const rule of COMPILED_RULES) {
      const match = matchRule(rule, reader, token.unit, value)
      if (match !== null && inSeries && rule.series) seriesParts.add(rule.indicator)
      else if (match !== null && matches.get(rule.indicator)?.match !== 'own') matches.set(rule.indicator, { match, rule })
    }
    if (seriesParts.size > 0) {
      leave(sentence, [...seriesParts], SERIES_PART)
      if (matches.size === 0) return
    }
    if (matches.size === 0 && items) {
      const kinds = sharedKind(items, words + after, reader, token, value)
      if (kinds.length === 1) readings.push({ indicator: kinds[0], value, approx: token.approx, sentence, reason: '所列各项合计' })
      else mixedTotals.add(clause.start)
      if (kinds.length > 1) leave(sentence, kinds, COMPETING)
      return
    }
    if (matches.size === 0) return
    // "讲座、咨询等780场，受益6万人次": the people that mixed total reached, not one kind's.
    if (REACH_UNITS.has(token.unit) && !hasAny(own, SUBJECT_WORDS) && clause.start > sentence.start) {
      if (mixedTotals.has(enclosing(text, clause.start - 1, clause.start - 1, CLAUSE_END, CLAUSE_MAX).start)) return
    }
    const indicators = [...matches.keys()]
    if (severalBodies(text.slice(segmentStart, token.start))) {
      leave(sentence, indicators, SEVERAL_BODIES)
      return
    }
    const venues = indicators.filter((indicator) => {
      const { rule } = matches.get(indicator)!
      // A campaign's quoted name ("“法律进乡村”普法活动") names the campaign, not one venue of it.
      const plain = own.replace(QUOTED, '')
      const named = rule.partial.filter((w) => plain.includes(w)).length
      return named > 0 && !(named > 1 && listsSeveral(plain))
    })
    if (venues.length > 0) {
      leave(sentence, venues, ONE_VENUE)
      return
    }
    const competing = matches.size > 1 && !sharedByAll(words, indicators, reader, token, value)
    if (competing || [...matches.values()].some((m) => m.match === 'conflict')) {
      leave(sentence, indicators, COMPETING)
      return
    }
    if (nextInClause && next.unit === token.unit && isBreakdown(rest, indicators, { ...reader, carried: null }, next)) {
      leave(sentence, indicators, BREAKDOWN)
      return
    }
    const { match, rule } = matches.get(indicators[0])!
    const reason = token.approx
      ? '报告所述为约数'
      : period
        ? `按“${period}”折算为全年次数`
        : match === 'carried'
          ? '数字所在分句未写明主语，按前一分句读出'
          : match === 'topic'
            ? '数字所在分句未写明学习内容，按后一分句或本段前文读出'
            : rule.uncertain
    const part = PART_WORDS.some((w) => clauseText.startsWith(w))
    for (const indicator of indicators) readings.push({ indicator, value, approx: token.approx, sentence, reason, part })
    for (const rule of FOLLOWING) {
      if (!matches.has(rule.from) || followingClause === null || !hasAll(followingClause, rule.next)) continue
      readings.push({ indicator: rule.to, value, approx: token.approx, sentence, reason: '由后一分句“均经……”读出' })
    }
  })

  readings.push(...findStatements(text, skip, year, tokens))
  return { values: resolve(text, readings, leave), unresolved: [...unresolved.values()].sort((a, b) => a.start - b.start) }
}

/**
 * The tokens overlapping a clause, found by walking outward from the i-th token, which lies in it
 * (tokens are in order and do not overlap).
 */
function tokensIn(tokens: Token[], i: number, clause: Span): Token[] {
  let from = i
  while (from > 0 && tokens[from - 1].end > clause.start) from--
  let to = i + 1
  while (to < tokens.length && tokens[to].start < clause.end) to++
  return tokens.slice(from, to)
}

/**
 * "开展一系列普法活动，举办讲座2场": the number counts one kind inside a series of unstated size
 * announced in an earlier clause of its sentence, unless the words from there to the number name
 * the series' whole ("…，共举办讲座、咨询等活动12场").
 */
function partOfSeries(text: string, sentence: Span, clause: Span, own: string): boolean {
  if (!hasAny(own, SERIES_KINDS)) return false
  const before = text.slice(sentence.start, clause.start)
  const at = Math.max(...SERIES_WORDS.map((w) => before.lastIndexOf(w)))
  if (at < 0) return false
  const seriesEnd = enclosing(text, sentence.start + at, sentence.start + at, CLAUSE_END, CLAUSE_MAX).end
  return !hasAny(text.slice(seriesEnd, clause.start) + own, WHOLE_WORDS)
}

/** The clause after `clause`, in its sentence, when it holds no number; null when there is none. */
function clauseAfter(text: string, clause: Span, sentence: Span, next: Token | undefined): string | null {
  if (clause.end >= sentence.end - 1) return null
  const after = enclosing(text, clause.end + 1, clause.end + 1, CLAUSE_END, CLAUSE_MAX)
  if (next && next.start < after.end) return null
  return text.slice(after.start, after.end)
}

/**
 * The clause before the number's, in the same sentence, when the number's clause names no subject
 * of its own and that clause holds no number and no list.
 */
function carriedClause(text: string, tokens: Token[], i: number, clause: Span, sentence: Span, own: string): string | null {
  if (clause.start <= sentence.start || hasAny(own, SUBJECT_WORDS)) return null
  const before = enclosing(text, clause.start - 1, clause.start - 1, CLAUSE_END, CLAUSE_MAX)
  if (before.start < sentence.start) return null
  const words = text.slice(before.start, clause.start - 1)
  if (i > 0 && tokens[i - 1].end > before.start) return null
  return words.includes('、') ? null : words
}

/**
 * One value per indicator: the first reading when all agree (a plain one before an uncertain one),
 * none when they differ.
 */
function resolve(
  text: string,
  readings: Reading[],
  leave: (sentence: Span, candidates: string[], reason: string) => void,
): ExtractedValue[] {
  const byIndicator = new Map<string, Reading[]>()
  for (const r of readings) {
    const same = byIndicator.get(r.indicator)
    if (same) same.push(r)
    else byIndicator.set(r.indicator, [r])
  }
  const values: ExtractedValue[] = []
  for (const [indicator, all] of byIndicator) {
    // "开展普法活动16场，其中进社区5场": the part is not the count when the whole is read too.
    const wholes = all.filter((r) => !r.part)
    const list = wholes.length > 0 ? wholes : all
    if (list.some((r) => r.value !== list[0].value)) {
      for (const r of list) leave(r.sentence, [indicator], CONTRADICTING)
      continue
    }
    const r = list.find((x) => x.reason === null) ?? list[0]
    values.push({
      indicator,
      value: r.value,
      approx: r.approx,
      quote: text.slice(r.sentence.start, r.sentence.end),
      start: r.sentence.start,
      end: r.sentence.end,
      confidence: r.reason === null ? 'certain' : 'uncertain',
      reason: r.reason,
    })
  }
  return values.sort((a, b) => a.start - b.start)
}
