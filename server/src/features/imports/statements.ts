import { CATALOG_BY_CODE } from '@fazhi/shared'
import { NOT_A_FACT, SEVERAL_YEARS, STATEMENT_RULES, THIS_YEAR_SO_FAR, YEAR_MENTION } from './rules'
import { CLAUSE_END, CLAUSE_MAX, enclosing, insideAny, sentenceAt, type Span } from './structure'
import type { Reading, Token } from './values'

/**
 * Facts stated in words: 是 for a yes/no indicator ("聘请律师担任常年法律顾问"), 0 for a count the
 * report says did not occur in the year ("本年度无行政复议被纠错案件"). Absence of such a sentence
 * proves nothing and gives nothing.
 */

/** A clause saying something did not happen. 无 in 无证, 无纸化, 无偿 … is not a negation. */
const NONE = /未(?=发生|出现|有|被|制定|制发|出台|印发|产生|收到|接到)|没有|零(?!距离)|无(?![证纸偿差缝障])/
/** What says a yes/no fact is not so: 未聘请, 没有, 缺少 … */
const NOT_SO = /未(?!成年)|没有|尚无|缺少|缺乏/
const STATED_YEAR = /本年度|本年|全年|年内|今年|当年/

interface CompiledStatement {
  indicator: string
  value: number
  boolean: boolean
  clause: RegExp[]
  sentence: RegExp[]
  exclude: readonly string[]
  notBefore: readonly string[]
}

const group = (g: string) => (g === 'NONE' ? NONE : new RegExp(g))

const COMPILED: CompiledStatement[] = STATEMENT_RULES.map((r) => {
  const indicator = CATALOG_BY_CODE.get(r.indicator)
  if (!indicator) throw new Error(`Unknown indicator in import rules: ${r.indicator}`)
  return {
    indicator: r.indicator,
    value: r.value,
    boolean: indicator.kind === 'boolean' || indicator.derivedAs === 'boolean',
    clause: r.clause.map(group),
    sentence: (r.sentence ?? []).map(group),
    exclude: r.exclude ?? [],
    notBefore: r.notBefore ?? [],
  }
})

/** Whether the patterns occur in the text one after the other, in this order. */
function inOrder(text: string, patterns: RegExp[]): boolean {
  let from = 0
  for (const p of patterns) {
    const m = p.exec(text.slice(from))
    if (!m) return false
    from += m.index + m[0].length
  }
  return true
}

/** A document's title names its own years ("《…实施方案（2021-2025年）》"), not the passage's. */
const BOOK_TITLE = /《[^》\n]*》/g
/** "按要求开展述法": done as required, a fact, not a requirement. */
const AS_REQUIRED = /(?:按|按照|根据|依|依照)要求/g

/** Whether a passage is about the reported year: no several years ("近三年", "2019年以来") and no other year. */
export function aboutTheYear(passage: string, year: number | null): boolean {
  const plain = passage.replace(THIS_YEAR_SO_FAR, '').replace(BOOK_TITLE, '')
  if (SEVERAL_YEARS.some((w) => plain.includes(w))) return false
  return [...plain.matchAll(YEAR_MENTION)].every((m) => Number(m[1]) === year)
}

export function findStatements(text: string, skip: Span[], year: number | null, tokens: Token[]): Reading[] {
  const readings: Reading[] = []
  // One reading per indicator and sentence: a match in a sentence already read for it is passed over.
  const readIn = new Map<string, Span[]>()
  const skipped = insideAny(skip)
  for (const rule of COMPILED) {
    const first = new RegExp(rule.clause[0].source, 'g')
    const read = readIn.get(rule.indicator) ?? []
    readIn.set(rule.indicator, read)
    // The sentences earlier rules read, as they are now.
    const readBefore = insideAny(read)
    // Matches come in order: of the sentences this rule reads, the last one reaches furthest.
    let last: Span | null = null
    // The first token not before the current clause; clauses come in order, so it only moves on.
    let t = 0
    for (const m of text.matchAll(first)) {
      if (skipped(m.index)) continue
      if (readBefore(m.index) || (last && m.index >= last.start && m.index < last.end)) continue
      const clause = enclosing(text, m.index, m.index, CLAUSE_END, CLAUSE_MAX)
      const sentence = sentenceAt(text, m.index)
      const clauseText = text.slice(m.index, clause.end)
      const sentenceText = text.slice(sentence.start, sentence.end)
      if (!inOrder(clauseText, rule.clause)) continue
      if (!rule.sentence.every((p) => p.test(sentenceText))) continue
      const fullClause = text.slice(clause.start, clause.end)
      if (rule.exclude.some((w) => fullClause.includes(w))) continue
      if (NOT_A_FACT.some((w) => fullClause.replace(AS_REQUIRED, '').includes(w))) continue
      if (rule.notBefore.some((w) => text.slice(clause.start, m.index).includes(w))) continue
      if (!aboutTheYear(sentenceText, year)) continue
      if (rule.value !== 0 && (NONE.test(fullClause) || NOT_SO.test(fullClause))) continue
      // A zero written as a number is read with the numbers.
      if (rule.value === 0) {
        while (t < tokens.length && tokens[t].start < clause.start) t++
        if (t < tokens.length && tokens[t].start < clause.end) continue
      }
      last = sentence
      read.push(sentence)
      readings.push({
        indicator: rule.indicator,
        value: rule.value,
        approx: false,
        sentence,
        reason: rule.boolean
          ? '由一句陈述读出“是”'
          : rule.value !== 0
            ? `由文字陈述读出 ${rule.value}`
            : STATED_YEAR.test(sentenceText) || (year !== null && sentenceText.includes(`${year}年`))
              ? null
              : '由“无/未发生”的陈述读出 0，报告未写明年度',
      })
    }
  }
  return readings
}
