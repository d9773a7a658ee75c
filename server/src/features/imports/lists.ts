import { TOTAL_WORDS } from './rules'
import { alternation, COMPILED_RULES, hasAny, listItems, listsSeveral, maskTitles, matchRule, type Reader } from './matching'
import type { Span } from './structure'
import type { Reading, Token } from './values'

/**
 * Lists in a number's clause: names paired with numbers by 分别, one number for every name before 均,
 * a breakdown into kinds of one indicator, a total over the items of a list.
 */

const TOTAL_PATTERN = new RegExp(alternation(TOTAL_WORDS), 'g')
/** "均", "都", "实现三个100%": the number holds for every name listed before it. */
const BOTH = /均|都|皆|(?<count>[两二三四五])个$/
const COUNTS: Record<string, number> = { 两: 2, 二: 2, 三: 3, 四: 4, 五: 5 }
const UNPAIRED = '“分别”所列名称与数字无法一一对应'

/**
 * The words that say what a number counts. After a list and a total word ("学习、讲座和培训等20场",
 * "……共20场") only the words after the total word do, and nothing is carried from before.
 */
export function subjectWords(before: string): { words: string; items: string[] | null } {
  const total = [...maskTitles(before).matchAll(TOTAL_PATTERN)].at(-1)
  if (!total || !listsSeveral(before.slice(0, total.index))) return { words: before, items: null }
  return { words: before.slice(total.index + total[0].length), items: listItems(before.slice(0, total.index)) }
}

/** The indicators every item of a summed list is a kind of ("“甲培训”和“乙培训”共2人次"). */
export function sharedKind(items: string[], after: string, reader: Reader, token: Token, value: number): string[] {
  const kinds = COMPILED_RULES.filter((rule) =>
    items.every((item) => matchRule(rule, { ...reader, own: item + after, carried: null }, token.unit, value) === 'own'),
  )
  return [...new Set(kinds.map((r) => r.indicator))]
}

/**
 * "公示行政许可信息85条、行政处罚信息12条": the next number after a 、 names a kind of the same
 * indicator without reading as any indicator of its own, so this number is one part of a breakdown.
 */
export function isBreakdown(rest: string, indicators: string[], reader: Reader, next: Token): boolean {
  const separator = rest.indexOf('、')
  if (separator < 0) return false
  const nextWords = { ...reader, own: rest.slice(separator + 1) }
  if (COMPILED_RULES.some((rule) => matchRule(rule, nextWords, next.unit, next.value) === 'own')) return false
  return COMPILED_RULES.some(
    (rule) => indicators.includes(rule.indicator) && [...rule.clause, rule.topic].some((group) => hasAny(nextWords.own, group)),
  )
}

/**
 * "参考率、合格率、优秀率均为100%": one number for several names, each name one indicator of its
 * own or none (优秀率 is no indicator), no two names the same indicator.
 */
export function sharedByAll(words: string, indicators: string[], reader: Reader, token: Token, value: number): boolean {
  const all = BOTH.exec(words)
  if (!all) return false
  const names = listItems(words.slice(0, all.index))
  if (all.groups?.count && COUNTS[all.groups.count] !== names.length) return false
  const named = names
    .map((name) => {
      const own = { ...reader, own: name, carried: null }
      return [...new Set(COMPILED_RULES.filter((r) => matchRule(r, own, token.unit, value) === 'own').map((r) => r.indicator))]
    })
    .filter((n) => n.length > 0)
  return (
    named.every((n) => n.length === 1) &&
    new Set(named.map((n) => n[0])).size === named.length &&
    named.length === indicators.length &&
    named.every((n) => indicators.includes(n[0]))
  )
}

/**
 * "参考率和合格率分别为98%和95%": the names before 分别 and the numbers after it are paired in order
 * when there are as many of each and every name reads as one indicator of its own. `tokens` are
 * those overlapping the clause.
 */
export function readPairs(
  text: string,
  before: string,
  tokens: Token[],
  clause: Span,
  sentence: Span,
  context: string,
  readings: Reading[],
  leave: (sentence: Span, candidates: string[], reason: string) => void,
) {
  const at = text.indexOf('分别', clause.start)
  const numbers = tokens.filter((t) => t.start > at && t.end <= clause.end)
  const names = listItems(text.slice(clause.start, at)).map((n) => n.trim())
  const rules = names.map((name, k) => {
    const token = numbers[k]
    if (!token) return []
    const reader: Reader = { own: name, counted: name, carried: null, context, clause: text.slice(clause.start, clause.end), before, around: null }
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
