import { CATALOG_BY_CODE, MAX_COUNT } from '@fazhi/shared'
import { LAW_NAME, LIST_SEPARATORS, VALUE_RULES, type Unit } from './rules'
import { CLAUSE_END, SENTENCE_END } from './structure'

/** How the words of a number's clause match the value rules of `rules.ts`. */

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
/** A pattern matching any of the words, the longest first. */
export const alternation = (words: readonly string[]) =>
  [...words].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|')

export const hasAll = (text: string, groups: string[][]) => groups.every((g) => g.some((w) => text.includes(w)))
export const hasAny = (text: string, words: readonly string[]) => words.some((w) => text.includes(w))

/** Book titles, each kept at its length with its words hidden: 和 in 《中华人民共和国宪法》 separates nothing. */
export const maskTitles = (text: string) => text.replace(/《[^》\n]*》/g, (t) => `《${'名'.repeat(t.length - 2)}》`)
/** Whether the words list several items ("学习甲和乙", "甲、乙"), book titles aside. */
export const listsSeveral = (words: string) => LIST_SEPARATORS.test(maskTitles(words))
/** The items of a list, split where no book title is ("学习《中华人民共和国宪法》和民法典": two). */
export function listItems(words: string): string[] {
  const items: string[] = []
  let from = 0
  for (const separator of maskTitles(words).matchAll(new RegExp(LIST_SEPARATORS, 'g'))) {
    items.push(words.slice(from, separator.index))
    from = separator.index + separator[0].length
  }
  items.push(words.slice(from))
  return items.filter((item) => item.trim().length > 0)
}

export interface CompiledRule {
  indicator: string
  units: ReadonlySet<Unit>
  clause: string[][]
  subject: string[] | null
  activity: string[]
  context: string[][]
  exclude: readonly string[]
  clauseExclude: readonly string[]
  /** Matches words ending with what the number counts instead ("专题讲座", "培训班"). */
  notCounted: RegExp | null
  scope: readonly string[]
  partial: readonly string[]
  uncertain: string | null
  topic: string[]
  series: boolean
  percent: boolean
}

export const COMPILED_RULES: CompiledRule[] = VALUE_RULES.map((r) => {
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
    clauseExclude: r.clauseExclude ?? [],
    notCounted: r.notCounted ? new RegExp(`(?:${alternation(r.notCounted)})(?:活动|会|班)?\\s*$`) : null,
    scope: r.scope ?? [],
    partial: r.partial ?? [],
    uncertain: r.uncertain ?? null,
    topic: r.topic?.split('|') ?? [],
    series: r.series ?? false,
    percent: indicator.kind === 'percent',
  }
})

/** How a number's clause reads: its own words, the words it carries from the clause before, the sentence. */
export interface Reader {
  /** The words naming what the number counts: its clause, up to the neighbouring numbers. */
  own: string
  /** The words right before the number: their last noun is what it counts. */
  counted: string
  /** The previous clause of the sentence, when the number's clause names no subject of its own. */
  carried: string | null
  context: string
  /** The number's whole clause. */
  clause: string
  /** Its sentence before that clause. */
  before: string
  /** Where a rule's topic may be stated outside the number's clause; null in a list's items. */
  around: Around | null
}

/** The number's surroundings that may say what counted sessions were about. */
export interface Around {
  /** The clause after the number's, in its sentence, when it holds no number. */
  after: string | null
  sentence: string
  /** The number's paragraph before its sentence. */
  earlier: string
}

/** 'topic': the clause names the subject, and its topic is stated around it. */
export type Match = 'own' | 'carried' | 'topic' | 'conflict' | null

export function matchRule(rule: CompiledRule, reader: Reader, unit: Unit, value: number): Match {
  if (!rule.units.has(unit)) return null
  if (rule.percent ? value > 100 : !Number.isInteger(value) || value > MAX_COUNT) return null
  if (!hasAll(reader.context, rule.context) || hasAny(reader.own, rule.exclude)) return null
  if (hasAny(reader.clause, rule.clauseExclude) || hasAny(reader.before, rule.scope)) return null
  if (rule.notCounted?.test(reader.counted)) return null
  const carried = reader.carried
  const about = (words: string) => rule.topic.length === 0 || hasAny(words, rule.topic)
  if (hasAll(reader.own, rule.clause) && (!rule.subject || hasAny(reader.own, rule.subject))) {
    const match = about(reader.own) ? 'own' : statedAround(rule, reader.own, reader.around) ? 'topic' : null
    // What the clause before says this count is not: the reviewer decides.
    return match !== null && carried !== null && hasAny(carried, rule.exclude) ? 'conflict' : match
  }
  // The subject, and what else the clause lacks, from the clause before; the activity from its own.
  if (carried === null || !rule.subject || !hasAny(carried, rule.subject) || !hasAny(reader.own, rule.activity)) return null
  if (!hasAll(reader.own + carried, rule.clause) || !about(reader.own + carried)) return null
  return hasAny(carried, rule.exclude) ? 'conflict' : 'carried'
}

/** Where the words name the activity, not as a part of the subject's name (学习 in 学习中心组): the ends of the words. */
function activities(words: string, rule: CompiledRule): number[] {
  const found: number[] = []
  for (const w of rule.activity) {
    for (let k = words.indexOf(w); k >= 0; k = words.indexOf(w, k + 1)) {
      if (!rule.subject?.some((s) => words.startsWith(s, k + w.length))) found.push(k + w.length)
    }
  }
  return found
}

/** How far after the activity its object may name the topic ("学习贯彻习近平法治思想", "学习《中华人民共和国宪法》"). */
const OBJECT_REACH = 12

/** Whether the words study the topic: a topic word in the object of an activity word, in the same clause. */
function studies(words: string, rule: CompiledRule): boolean {
  return activities(words, rule).some((end) => hasAny(words.slice(end, end + OBJECT_REACH).split(CLAUSE_END)[0], rule.topic))
}

/** Whether the words study the topic and nothing else: "学习宪法和行政诉讼法", not "学习法治思想和讲话精神". */
function studiesOnly(words: string, rule: CompiledRule): boolean {
  return studies(words, rule) && listItems(words).every((item) => hasAny(item, rule.topic) || LAW_NAME.test(item.trim()))
}

/**
 * The topic of sessions whose clause names their subject and the study ("中心组学习3次") but not
 * what was studied: in the number-less clause after it, not a list of several topics ("召开中心组
 * 学习会10次，学习宪法"; not "……，学习甲和乙"); or, when the sentence studies nothing else ("其中学习党史6次") and names no
 * topic, in an earlier sentence of the paragraph that says the subject studies it.
 */
function statedAround(rule: CompiledRule, own: string, around: Around | null): boolean {
  const studied = activities(own, rule).length
  if (around === null || rule.topic.length === 0 || studied === 0) return false
  if (around.after !== null && studiesOnly(around.after, rule)) return true
  if (hasAny(around.sentence, rule.topic) || activities(around.sentence, rule).length > studied) return false
  return around.earlier.split(SENTENCE_END).some((s) => rule.subject !== null && hasAny(s, rule.subject) && studies(s, rule))
}
