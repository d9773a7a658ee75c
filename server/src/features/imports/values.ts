import { CATALOG_BY_CODE, MAX_COUNT } from '@fazhi/shared'
import { NUMBER_PATTERN, parseNumber } from './numerals'
import {
  APPROX_AFTER,
  APPROX_AFTER_UNIT,
  APPROX_BEFORE,
  PER_PERIOD,
  UNITS,
  VALUE_RULES,
  type Unit,
} from './rules'
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
const alternation = (words: readonly string[]) =>
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
  context: string[][]
  exclude: readonly string[]
  percent: boolean
}

const COMPILED_RULES: CompiledRule[] = VALUE_RULES.map((r) => {
  const indicator = CATALOG_BY_CODE.get(r.indicator)
  if (!indicator) throw new Error(`Unknown indicator in import rules: ${r.indicator}`)
  return {
    indicator: r.indicator,
    units: new Set(r.units),
    clause: r.clause.map((g) => g.split('|')),
    context: (r.context ?? []).map((g) => g.split('|')),
    exclude: r.exclude ?? [],
    percent: indicator.kind === 'percent',
  }
})

const hasAll = (text: string, groups: string[][]) => groups.every((g) => g.some((w) => text.includes(w)))
interface Token {
  start: number
  end: number
  value: number
  approx: boolean
  unit: Unit
}

function findTokens(text: string): Token[] {
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

export function findValues(text: string, leads: Lead[], planSpans: Span[]): ExtractedValue[] {
  const tokens = findTokens(text)
  const found = new Map<string, ExtractedValue>()
  let nextLead = 0

  tokens.forEach((token, i) => {
    // Plans for next year are intentions, not results.
    if (planSpans.some((s) => token.start >= s.start && token.start < s.end)) return

    const sentence = sentenceAt(text, token.start)
    const clause = enclosing(text, token.start, token.end, CLAUSE_END, CLAUSE_MAX)
    const prev = tokens[i - 1]
    const next = tokens[i + 1]
    const othersInClause = (prev && prev.end > clause.start) || (next && next.start < clause.end)
    const clauseText = text.slice(clause.start, clause.end)
    // "参考率、合格率分别为100%、98%": which number is which is not reliably readable.
    if (othersInClause && clauseText.includes('分别')) return

    const segment = text.slice(
      prev && prev.end > clause.start ? prev.end : clause.start,
      next && next.start < clause.end ? next.start : clause.end,
    )
    const beforeNumber = text.slice(clause.start, token.start)
    const period = [...beforeNumber.matchAll(PER_PERIOD_PATTERN)].at(-1)?.[0]
    const value = token.value * (period ? PER_PERIOD[period] : 1)

    // The heading or 一是-lead above the sentence often names the topic ("二是加强法治宣传教育").
    while (nextLead < leads.length && leads[nextLead].start <= sentence.start) nextLead++
    const topic = nextLead > 0 ? sentenceAt(text, leads[nextLead - 1].start) : sentence
    const context = text.slice(sentence.start, sentence.end) + '\n' + text.slice(topic.start, topic.end)

    for (const rule of COMPILED_RULES) {
      if (found.has(rule.indicator) || !rule.units.has(token.unit)) continue
      if (rule.percent ? value > 100 : !Number.isInteger(value) || value > MAX_COUNT) continue
      if (!hasAll(segment, rule.clause) || !hasAll(context, rule.context)) continue
      if (rule.exclude.some((w) => segment.includes(w))) continue
      found.set(rule.indicator, {
        indicator: rule.indicator,
        value,
        approx: token.approx,
        quote: text.slice(sentence.start, sentence.end),
        start: sentence.start,
        end: sentence.end,
        confidence: token.approx ? 'uncertain' : 'certain',
        reason: token.approx ? '报告所述为约数' : null,
      })
    }
  })
  return [...found.values()].sort((a, b) => a.start - b.start)
}
