import { CATALOG_BY_CODE, REPORT_SECTIONS, valueProblem, type ImportedReport, type Indicator, type SubmissionValueInput } from '@fazhi/shared'
import { formatNumber } from '../../lib/format'
import type { RectificationInput } from '../rectifications/queries'

// What the import review turns into: submission values and rectification items. Pure.

export type Proposal = ImportedReport['values'][number]
export type ReportProblem = ImportedReport['problems'][number]

/** The server keeps notes up to this length. */
const NOTE_MAX = 1000
const PROBLEM_MAX = 1000

export type Unresolved = ImportedReport['unresolved'][number]

export const valueMarkId = (index: number) => `v${index}`
export const problemMarkId = (index: number) => `p${index}`
export const unresolvedMarkId = (index: number) => `u${index}`

/** A proposal's number as the report states it: 约 300 家 for “300余家”. */
export function proposalText(p: Pick<Proposal, 'value' | 'unit' | 'approx'>, kind?: Indicator['kind']): string {
  if (kind === 'boolean') return p.value >= 1 ? '是' : '否'
  const n = kind === 'percent' || p.unit === '%' ? `${formatNumber(p.value)}%` : p.unit ? `${formatNumber(p.value)} ${p.unit}` : formatNumber(p.value)
  return p.approx ? `约 ${n}` : n
}

/** How the indicator's values read: a derived one as what it derives (是/否 for the report's publication). */
export const shownKind = (indicator: Indicator | undefined): Indicator['kind'] | undefined =>
  indicator?.kind === 'derived' ? (indicator.derivedAs ?? undefined) : indicator?.kind

/**
 * A derived indicator is computed, not written: the report's reading of it is shown with where its
 * value comes from, and nothing is offered to accept. Null for an indicator that is written.
 */
export function derivedNote(indicator: Indicator | undefined): string | null {
  if (indicator?.kind !== 'derived') return null
  return CATALOG_BY_CODE.get(indicator.code)?.derivation?.from === 'publication'
    ? '由报告公开日期计算：请在“报告公开”中填写公开网址和日期'
    : '由系统自动计算，无需填报'
}

/** Why a proposal cannot be taken for this bureau, or null. */
export function proposalProblem(p: Proposal, indicator: Indicator | undefined, hasEnforcement: boolean): string | null {
  if (!indicator) return '该指标不在本年度指标目录中'
  if (indicator.enforcementOnly && !hasEnforcement) return '本单位无行政执法职能，不填报该指标'
  const value = indicator.kind === 'boolean' ? p.value >= 1 : p.value
  return valueProblem(indicator, value)
}

/**
 * The proposals the review starts with accepted: certain ones, without a flag (ledgers, last year)
 * and that this bureau can take (written, not derived), the only one of their indicator so proposed.
 * Every other proposal waits for the reviewer's click.
 */
export function preAccepted(proposals: readonly Proposal[], indicators: ReadonlyMap<string, Indicator>, hasEnforcement: boolean): number[] {
  const takes = (p: Proposal) => {
    const indicator = indicators.get(p.indicator)
    return derivedNote(indicator) === null && proposalProblem(p, indicator, hasEnforcement) === null
  }
  const clean = proposals.flatMap((p, i) => (p.confidence === 'certain' && p.flags.length === 0 && takes(p) ? [i] : []))
  const perIndicator = new Map<string, number>()
  for (const i of clean) perIndicator.set(proposals[i].indicator, (perIndicator.get(proposals[i].indicator) ?? 0) + 1)
  return clean.filter((i) => perIndicator.get(proposals[i].indicator) === 1)
}

/**
 * The PUT values for the accepted proposals, marked as imported. A ledger-fed indicator whose
 * reported number differs from the ledger roll-up is a manual override, which the server takes
 * only with a note: the note then quotes the report. One value per indicator: the last accepted.
 */
export function acceptedValues(
  proposals: readonly Proposal[],
  accepted: Iterable<number>,
  indicators: ReadonlyMap<string, Indicator>,
  ledgerValues: Readonly<Record<string, number>>,
): SubmissionValueInput[] {
  const byCode = new Map<string, SubmissionValueInput>()
  for (const index of [...accepted].sort((a, b) => a - b)) {
    const p = proposals[index]
    const indicator = p && indicators.get(p.indicator)
    if (!indicator || indicator.kind === 'derived') continue
    const value = indicator.kind === 'boolean' ? p.value >= 1 : p.value
    const rolled = ledgerValues[p.indicator]
    const overridesLedger = rolled !== undefined && value !== rolled
    byCode.set(p.indicator, {
      indicator: p.indicator,
      value,
      notApplicable: false,
      source: 'import',
      ...(overridesLedger ? { note: `年度报告：${p.quote}`.slice(0, NOTE_MAX) } : {}),
    })
  }
  return [...byCode.values()]
}

/** The chosen problems as new rectification items of the report's year, from that year's report. */
export function problemItems(problems: readonly ReportProblem[], selected: Iterable<number>, year: number, deadline: string): RectificationInput[] {
  return [...selected]
    .sort((a, b) => a - b)
    .filter((i) => problems[i])
    .map((i) => ({
      problem: problems[i].text.trim().slice(0, PROBLEM_MAX),
      measure: '',
      owner: '',
      deadline,
      status: 'not_started',
      completedAt: null,
      evidence: null,
      sourceYear: year,
    }))
}

/** The five contents a report should cover, each found or not. `other` is optional. */
export function structureCheck(sections: ImportedReport['sections']) {
  return REPORT_SECTIONS.map((s) => ({ key: s.key, name: s.name, present: sections[s.key], optional: s.key === 'other' }))
}

/** The required sections the report lacks. */
export const missingSections = (sections: ImportedReport['sections']) => structureCheck(sections).filter((s) => !s.present && !s.optional)

/** Differences between what the report says it covers and where it was uploaded. */
export function reportMismatch(report: Pick<ImportedReport, 'reportedYear' | 'reportedBureau'>, year: number, bureauName: string): string[] {
  const notes: string[] = []
  if (report.reportedYear !== null && report.reportedYear !== year) notes.push(`报告所述年度为 ${report.reportedYear} 年，与填报年度 ${year} 年不一致`)
  if (report.reportedBureau && !sameBureau(report.reportedBureau, bureauName))
    notes.push(`报告单位为“${report.reportedBureau}”，与本单位“${bureauName}”不一致`)
  return notes
}

/** 西峡县科技局 and 示例县科技局 name the same kind of office in another county; compare the part after 县/区/市. */
function sameBureau(reported: string, name: string): boolean {
  const tail = (s: string) => s.replace(/^.*?[县区市旗]/, '')
  return reported === name || tail(reported) === tail(name)
}
