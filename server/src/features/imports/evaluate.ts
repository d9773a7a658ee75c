import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { CATALOG_BY_CODE } from '@fazhi/shared'
import { z } from 'zod'
import { extractReport } from './extract'
import { readReport } from './readers'
import type { SectionKey } from './section-rules'

/**
 * The importer measured against reports annotated by hand. Every `<name>.txt` or `<name>.docx` in a
 * directory with a `<name>.json` beside it is read; the annotation format is documented in
 * tests/fixtures/reports/README.md.
 */

const SECTION_KEYS: SectionKey[] = ['measures', 'shortcomings', 'dutyPerformance', 'nextYearPlan', 'other']

export const Annotation = z.strictObject({
  /** Where the text was published (an address), or how it was made. */
  source: z.string().min(1),
  /** The published text's opening only: sections and problems are those of the text as it is here. */
  truncated: z.boolean().optional(),
  /** 教育局, 司法局 …: how many kinds of bureau the corpus covers. */
  bureauType: z.string().min(1),
  year: z.number().int(),
  /** null: the text names no bureau (我局 only, its title lost). */
  bureau: z.string().min(1).nullable(),
  sections: z.strictObject({
    measures: z.boolean(),
    shortcomings: z.boolean(),
    dutyPerformance: z.boolean(),
    nextYearPlan: z.boolean(),
    other: z.boolean(),
  }),
  /** How many problems the shortcomings section lists. */
  problems: z.number().int().min(0),
  /** Every value the text states for an indicator and the reported year; booleans as true/false. */
  values: z.record(
    z.string().refine((code) => CATALOG_BY_CODE.has(code), { error: '不是指标目录中的代码' }),
    z.union([z.number(), z.boolean()]),
  ),
  /** Why a tempting number is not annotated, for the next annotator. */
  notes: z.array(z.string()).optional(),
})
export type Annotation = z.infer<typeof Annotation>

export interface WrongValue {
  indicator: string
  proposed: number
  /** null: the report states no value for this indicator. */
  expected: number | null
  quote: string
}

export interface ReportEvaluation {
  file: string
  bureauType: string
  annotated: number
  proposed: number
  correct: number
  wrong: WrongValue[]
  missed: { indicator: string; expected: number }[]
  /** Structural fields read wrong: year, bureau, each of the five contents, the problem count. */
  structureWrong: { field: string; expected: unknown; got: unknown }[]
}

export interface Evaluation {
  reports: ReportEvaluation[]
  annotated: number
  proposed: number
  correct: number
  wrong: number
  precision: number
  recall: number
  structureFields: number
  structureRight: number
}

const STRUCTURE_FIELDS = 3 + SECTION_KEYS.length
const asNumber = (v: number | boolean) => (typeof v === 'boolean' ? (v ? 1 : 0) : v)

export function evaluateReport(file: string, text: string, annotation: Annotation): ReportEvaluation {
  const extraction = extractReport(text)
  const expected = new Map(Object.entries(annotation.values).map(([k, v]) => [k, asNumber(v)]))
  const wrong: WrongValue[] = []
  let correct = 0
  for (const v of extraction.values) {
    const want = expected.get(v.indicator)
    if (want === v.value) correct++
    else wrong.push({ indicator: v.indicator, proposed: v.value, expected: want ?? null, quote: v.quote })
  }
  const found = new Set(extraction.values.map((v) => v.indicator))
  const missed = [...expected].filter(([code]) => !found.has(code)).map(([indicator, value]) => ({ indicator, expected: value }))

  const structureWrong: ReportEvaluation['structureWrong'] = []
  const check = (field: string, want: unknown, got: unknown) => {
    if (want !== got) structureWrong.push({ field, expected: want, got })
  }
  check('year', annotation.year, extraction.year)
  check('bureau', annotation.bureau, extraction.bureau)
  for (const key of SECTION_KEYS) check(`sections.${key}`, annotation.sections[key], extraction.sections[key])
  check('problems', annotation.problems, extraction.problems.length)

  return {
    file,
    bureauType: annotation.bureauType,
    annotated: expected.size,
    proposed: extraction.values.length,
    correct,
    wrong,
    missed,
    structureWrong,
  }
}

/** Reads every annotated report of a directory (not its subdirectories), in name order. */
export async function evaluateDirectory(dir: string): Promise<Evaluation> {
  const names = (await readdir(dir)).sort()
  const reports: ReportEvaluation[] = []
  for (const name of names) {
    const ext = path.extname(name)
    if (ext !== '.txt' && ext !== '.docx') continue
    const base = name.slice(0, -ext.length)
    if (!names.includes(`${base}.json`)) continue
    const annotation = Annotation.parse(JSON.parse(await readFile(path.join(dir, `${base}.json`), 'utf8')))
    const text = await readReport(await readFile(path.join(dir, name)), name)
    reports.push(evaluateReport(name, text, annotation))
  }
  const sum = (f: (r: ReportEvaluation) => number) => reports.reduce((n, r) => n + f(r), 0)
  const annotated = sum((r) => r.annotated)
  const proposed = sum((r) => r.proposed)
  const correct = sum((r) => r.correct)
  const structureFields = reports.length * STRUCTURE_FIELDS
  return {
    reports,
    annotated,
    proposed,
    correct,
    wrong: sum((r) => r.wrong.length),
    precision: proposed === 0 ? 1 : correct / proposed,
    recall: annotated === 0 ? 1 : correct / annotated,
    structureFields,
    structureRight: structureFields - sum((r) => r.structureWrong.length),
  }
}

const percent = (x: number) => `${(x * 100).toFixed(1)}%`

/** The evaluation as the CLI prints it: every wrong value with its sentence, then what was missed, then the totals. */
export function formatEvaluation(e: Evaluation): string {
  const lines: string[] = []
  for (const r of e.reports) {
    if (r.wrong.length === 0 && r.missed.length === 0 && r.structureWrong.length === 0) continue
    lines.push(`■ ${r.file}（${r.bureauType}）`)
    for (const w of r.wrong)
      lines.push(`  错误值 ${w.indicator} = ${w.proposed}，应为 ${w.expected ?? '（报告未陈述）'}\n    “${w.quote}”`)
    for (const m of r.missed) lines.push(`  漏读 ${m.indicator} = ${m.expected}`)
    for (const s of r.structureWrong) lines.push(`  结构 ${s.field}：应为 ${JSON.stringify(s.expected)}，读出 ${JSON.stringify(s.got)}`)
  }
  const types = new Set(e.reports.map((r) => r.bureauType)).size
  lines.push(
    `报告 ${e.reports.length} 份（${types} 类单位）`,
    `精确率 precision ${percent(e.precision)} (${e.correct}/${e.proposed})`,
    `召回率 recall ${percent(e.recall)} (${e.correct}/${e.annotated})`,
    `错误值 wrong values ${e.wrong}`,
    `结构字段 structure ${e.structureRight}/${e.structureFields}`,
  )
  return `${lines.join('\n')}\n`
}
