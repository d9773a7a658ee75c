import { CATALOG_BY_CODE, MAX_COUNT } from '@fazhi/shared'
import { VALUE_RULES, type Unit } from './rules'

/** How the words of a number's clause match the value rules of `rules.ts`. */

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
/** A pattern matching any of the words, the longest first. */
export const alternation = (words: readonly string[]) =>
  [...words].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|')

export const hasAll = (text: string, groups: string[][]) => groups.every((g) => g.some((w) => text.includes(w)))
export const hasAny = (text: string, words: readonly string[]) => words.some((w) => text.includes(w))

export interface CompiledRule {
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
    uncertain: r.uncertain ?? null,
    percent: indicator.kind === 'percent',
  }
})

/** How a number's clause reads: its own words, the words it carries from the clause before, the sentence. */
export interface Reader {
  /** The words naming what the number counts: its clause, up to the neighbouring numbers. */
  own: string
  /** The previous clause of the sentence, when the number's clause names no subject of its own. */
  carried: string | null
  context: string
}

export type Match = 'own' | 'carried' | 'conflict' | null

export function matchRule(rule: CompiledRule, reader: Reader, unit: Unit, value: number): Match {
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
