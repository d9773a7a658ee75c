import { CATALOG_BY_CODE, MAX_COUNT } from '@fazhi/shared'
import { NUMBER_PATTERN, parseNumber } from './numerals'
import {
  APPROX_AFTER,
  APPROX_AFTER_UNIT,
  APPROX_BEFORE,
  FOLLOWING_RULES,
  LIST_SEPARATORS,
  PART_WORDS,
  PER_PERIOD,
  PLAN_WORDS,
  SUBJECT_WORDS,
  TOTAL_WORDS,
  UNITS,
  VALUE_RULES,
  type Unit,
} from './rules'
import { aboutTheYear, findStatements } from './statements'
import { CLAUSE_END, CLAUSE_MAX, enclosing, sentenceAt, SPACE, type Lead, type Span } from './structure'

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


const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
export const alternation = (words: readonly string[]) =>
  [...words].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|')

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
const PER_PERIOD_PATTERN = new RegExp(alternation(Object.keys(PER_PERIOD)), 'g')
/** Quoted names and book titles: 《…十五条政策》, “12.4”宣传日. */
const QUOTED = /《[^》\n]{0,60}》|“[^”\n]{0,30}”/g

interface CompiledRule {
  indicator: string
  units: ReadonlySet<Unit>
  clause: string[][]
  subject: string[] | null
  activity: string[]
  context: string[][]
  exclude: readonly string[]
  uncertain: string | null
  percent: boolean
}

const FOLLOWING = FOLLOWING_RULES.map((r) => ({ ...r, next: r.next.map((g) => g.split('|')) }))

const COMPILED_RULES: CompiledRule[] = VALUE_RULES.map((r) => {
  const indicator = CATALOG_BY_CODE.get(r.indicator)
  if (!indicator) throw new Error(`Unknown indicator in import rules: ${r.indicator}`)
  return {
    indicator: r.indicator,
    units: new Set(r.units),
    clause: r.clause.map((g) => g.split('|')),
    subject: r.subject?.split('|') ?? null,
    activity: r.activity?.split('|') ?? [],
    context: (r.context ?? []).map((g) => g.split('|')),
    exclude: r.exclude ?? [],
    uncertain: r.uncertain ?? null,
    percent: indicator.kind === 'percent',
  }
})

const hasAll = (text: string, groups: string[][]) => groups.every((g) => g.some((w) => text.includes(w)))
const hasAny = (text: string, words: readonly string[]) => words.some((w) => text.includes(w))
const TOTAL_PATTERN = new RegExp(alternation(TOTAL_WORDS), 'g')
/** "无一起", "未发生一起": not one, a zero statement rather than the number 1. */
const NOT_ONE = /(?:无|没有|未发生|未出现|未有)$/
/** "均", "都": the number holds for every name listed before it. */
const BOTH = /均|都|皆/

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
const UNPAIRED = '“分别”所列名称与数字无法一一对应'
const BREAKDOWN = '同一分句列出同类的几个数字，可能只是其中一部分'

/** How a number's clause reads: its own words, the words it carries from the clause before, the sentence. */
interface Reader {
  /** The words naming what the number counts: its clause, up to the neighbouring numbers. */
  own: string
  /** The previous clause of the sentence, when the number's clause names no subject of its own. */
  carried: string | null
  context: string
}

type Match = 'own' | 'carried' | 'conflict' | null

function matchRule(rule: CompiledRule, reader: Reader, unit: Unit, value: number): Match {
  if (!rule.units.has(unit)) return null
  if (rule.percent ? value > 100 : !Number.isInteger(value) || value > MAX_COUNT) return null
  if (!hasAll(reader.context, rule.context) || hasAny(reader.own, rule.exclude)) return null
  const carried = reader.carried
  if (hasAll(reader.own, rule.clause) && (!rule.subject || hasAny(reader.own, rule.subject))) {
    // What the clause before says this count is not: the reviewer decides.
    return carried !== null && hasAny(carried, rule.exclude) ? 'conflict' : 'own'
  }
  // The subject, and what else the clause lacks, from the clause before; the activity from its own.
  if (carried === null || !rule.subject || !hasAny(carried, rule.subject) || !hasAny(reader.own, rule.activity)) return null
  if (!hasAll(reader.own + carried, rule.clause)) return null
  return hasAny(carried, rule.exclude) ? 'conflict' : 'carried'
}

/**
 * The words that say what a number counts. After a list and a total word ("学习、讲座和培训等20场",
 * "……共20场") only the words after the total word do, and nothing is carried from before.
 */
function subjectWords(before: string): { words: string; items: string[] | null } {
  const total = [...before.matchAll(TOTAL_PATTERN)].at(-1)
  if (!total || !LIST_SEPARATORS.test(before.slice(0, total.index))) return { words: before, items: null }
  const items = before.slice(0, total.index).split(LIST_SEPARATORS).filter((item) => item.trim().length > 0)
  return { words: before.slice(total.index + total[0].length), items }
}

/** The indicators every item of a summed list is a kind of ("“甲培训”和“乙培训”共2人次"). */
function sharedKind(items: string[], after: string, reader: Reader, token: Token, value: number): string[] {
  const kinds = COMPILED_RULES.filter((rule) =>
    items.every((item) => matchRule(rule, { ...reader, own: item + after, carried: null }, token.unit, value) === 'own'),
  )
  return [...new Set(kinds.map((r) => r.indicator))]
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
export function findValues(text: string, leads: Lead[], skip: Span[], year: number | null): FoundValues {
  const notOne = (t: Token) => t.value === 1 && NOT_ONE.test(text.slice(Math.max(0, t.start - 3), t.start))
  const tokens = findTokens(text).filter((t) => !skip.some((s) => t.start >= s.start && t.start < s.end) && !notOne(t))
  const readings: Reading[] = []
  const unresolved: UnresolvedValue[] = []
  const leave = (sentence: Span, candidates: string[], reason: string) => {
    const same = unresolved.find((u) => u.start === sentence.start && u.reason === reason)
    if (same) same.candidates = [...new Set([...same.candidates, ...candidates])]
    else unresolved.push({ quote: text.slice(sentence.start, sentence.end), ...sentence, candidates, reason })
  }
  let nextLead = 0
  const contextAt = (sentence: Span) => {
    // The heading or 一是-lead above the sentence often names the topic ("二是加强法治宣传教育").
    while (nextLead < leads.length && leads[nextLead].start <= sentence.start) nextLead++
    const topic = nextLead > 0 ? sentenceAt(text, leads[nextLead - 1].start) : sentence
    return text.slice(sentence.start, sentence.end) + '\n' + text.slice(topic.start, topic.end)
  }
  const pairedClauses = new Set<number>()
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
        readPairs(text, tokens, clause, sentence, context, readings, leave)
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
    const reader: Reader = { own, carried: items ? null : carriedClause(text, tokens, i, clause, sentence, own), context }

    const matches = new Map<string, { match: Match; rule: CompiledRule }>()
    for (const rule of COMPILED_RULES) {
      const match = matchRule(rule, reader, token.unit, value)
      if (match !== null && matches.get(rule.indicator)?.match !== 'own') matches.set(rule.indicator, { match, rule })
    }
    if (matches.size === 0 && items) {
      const kinds = sharedKind(items, words + after, reader, token, value)
      if (kinds.length === 1) readings.push({ indicator: kinds[0], value, approx: token.approx, sentence, reason: '所列各项合计' })
      if (kinds.length > 1) leave(sentence, kinds, COMPETING)
      return
    }
    if (matches.size === 0) return
    const indicators = [...matches.keys()]
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
          : rule.uncertain
    const part = PART_WORDS.some((w) => clauseText.startsWith(w))
    for (const indicator of indicators) readings.push({ indicator, value, approx: token.approx, sentence, reason, part })
    for (const rule of FOLLOWING) {
      if (!matches.has(rule.from) || !followedBy(text, clause, sentence, next, rule.next)) continue
      readings.push({ indicator: rule.to, value, approx: token.approx, sentence, reason: '由后一分句“均经……”读出' })
    }
  })

  readings.push(...findStatements(text, skip, year, tokens))
  return { values: resolve(text, readings, leave), unresolved: unresolved.sort((a, b) => a.start - b.start) }
}

/**
 * "公示行政许可信息85条、行政处罚信息12条": the next number after a 、 names a kind of the same
 * indicator without reading as any indicator of its own, so this number is one part of a breakdown.
 */
function isBreakdown(rest: string, indicators: string[], reader: Reader, next: Token): boolean {
  const separator = rest.indexOf('、')
  if (separator < 0) return false
  const nextWords = { ...reader, own: rest.slice(separator + 1) }
  if (COMPILED_RULES.some((rule) => matchRule(rule, nextWords, next.unit, next.value) === 'own')) return false
  return COMPILED_RULES.some(
    (rule) => indicators.includes(rule.indicator) && rule.clause.some((group) => hasAny(nextWords.own, group)),
  )
}

/** Whether the clause after `clause`, in its sentence and before the next number, holds every group. */
function followedBy(text: string, clause: Span, sentence: Span, next: Token | undefined, groups: string[][]): boolean {
  if (clause.end >= sentence.end - 1) return false
  const after = enclosing(text, clause.end + 1, clause.end + 1, CLAUSE_END, CLAUSE_MAX)
  if (next && next.start < after.end) return false
  return hasAll(text.slice(after.start, after.end), groups)
}

/**
 * "参考率和合格率均为100%": one number for several names, each name one indicator of its own.
 */
function sharedByAll(words: string, indicators: string[], reader: Reader, token: Token, value: number): boolean {
  const all = BOTH.exec(words)
  if (!all) return false
  const names = words.slice(0, all.index).split(LIST_SEPARATORS).filter((n) => n.trim().length > 0)
  const named = names.map((name) => {
    const own = { ...reader, own: name, carried: null }
    return [...new Set(COMPILED_RULES.filter((r) => matchRule(r, own, token.unit, value) === 'own').map((r) => r.indicator))]
  })
  return (
    named.every((n) => n.length === 1) &&
    new Set(named.map((n) => n[0])).size === names.length &&
    names.length === indicators.length &&
    named.every((n) => indicators.includes(n[0]))
  )
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
 * "参考率和合格率分别为98%和95%": the names before 分别 and the numbers after it are paired in order
 * when there are as many of each and every name reads as one indicator of its own.
 */
function readPairs(
  text: string,
  tokens: Token[],
  clause: Span,
  sentence: Span,
  context: string,
  readings: Reading[],
  leave: (sentence: Span, candidates: string[], reason: string) => void,
) {
  const at = text.indexOf('分别', clause.start)
  const numbers = tokens.filter((t) => t.start > at && t.end <= clause.end)
  const names = text
    .slice(clause.start, at)
    .split(LIST_SEPARATORS)
    .map((n) => n.trim())
    .filter((n) => n.length > 0)
  const rules = names.map((name, k) => {
    const token = numbers[k]
    if (!token) return []
    const reader: Reader = { own: name, carried: null, context }
    return COMPILED_RULES.filter((rule) => matchRule(rule, reader, token.unit, token.value) === 'own')
  })
  const paired =
    names.length === numbers.length &&
    tokens.every((t) => t.start > at || t.end <= clause.start || t.start >= clause.end) &&
    rules.every((r) => r.length === 1) &&
    new Set(rules.map((r) => r[0].indicator)).size === rules.length
  if (!paired) {
    const candidates = [...new Set(rules.flat().map((r) => r.indicator))]
    if (candidates.length > 0) leave(sentence, candidates, UNPAIRED)
    return
  }
  rules.forEach(([rule], k) => {
    readings.push({
      indicator: rule.indicator,
      value: numbers[k].value,
      approx: numbers[k].approx,
      sentence,
      reason: '按“分别”的先后顺序对应读出',
    })
  })
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
  for (const r of readings) byIndicator.set(r.indicator, [...(byIndicator.get(r.indicator) ?? []), r])
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
