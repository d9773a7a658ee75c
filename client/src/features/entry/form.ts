import {
  type FillBureau,
  CATALOG_BY_CODE,
  computeBureauScore,
  DEFAULT_SETTINGS,
  fillProblems,
  missingEvidence,
  MAX_COUNT,
  type BureauScore,
  type CategoryCode,
  type Cycle,
  type Indicator,
  isVerified,
  type OverviewIndicator,
  overviewIndicator,
  plausibilityFlags,
  type RectificationItem,
  type SchemeSettings,
  type ScoringContext,
  scoringContextFor,
  type StoredValue,
  type SubmissionDetail,
  type SubmissionValueInput,
  type ValueSource,
  type YearIndicator,
} from '@fazhi/shared'
import { formatNumber } from '../../lib/format'

// The entry form's model: what the user sees and types, how it differs from the server, and what a
// save sends. Pure, so the rules can be tested without a browser.

/** One indicator as the form holds it. `note` is '' rather than null so inputs stay controlled. */
export interface FieldValue {
  value: number | boolean | null
  notApplicable: boolean
  note: string
}

export type FormValues = Readonly<Record<string, FieldValue>>

export const EMPTY_FIELD: FieldValue = { value: null, notApplicable: false, note: '' }

export const SOURCE_LABELS: Record<ValueSource, string> = { manual: '手工', ledger: '台账', import: '导入', excel: 'Excel 填报' }

/** The server's values as form fields; indicators without a stored value are absent (read as EMPTY_FIELD). */
export function formValuesOf(detail: Pick<SubmissionDetail, 'values'>): Record<string, FieldValue> {
  return Object.fromEntries(
    detail.values.map((v) => [v.indicator, { value: v.value, notApplicable: v.notApplicable, note: v.note ?? '' }]),
  )
}

export const fieldOf = (values: FormValues, code: string): FieldValue => values[code] ?? EMPTY_FIELD

/** Equal as the server would store them: notes are trimmed there. */
export const sameField = (a: FieldValue, b: FieldValue) =>
  a.value === b.value && a.notApplicable === b.notApplicable && a.note.trim() === b.note.trim()

/** Codes whose typed value differs from the form's base. */
export function dirtyCodes(base: FormValues, edits: FormValues): string[] {
  return Object.keys(edits).filter((code) => !sameField(edits[code], fieldOf(base, code)))
}

/** Edits that still differ from a new base (after a save or a reload): the rest were saved or match. */
export function pruneEdits(base: FormValues, edits: FormValues): Record<string, FieldValue> {
  return Object.fromEntries(dirtyCodes(base, edits).map((code) => [code, edits[code]]))
}

/** Applies a change to one field; marking 不适用 clears the value, which the server refuses alongside it. */
export function patchField(current: FieldValue, patch: Partial<FieldValue>): FieldValue {
  const next = { ...current, ...patch }
  return next.notApplicable ? { ...next, value: null } : next
}

/** The PUT body's values for the changed fields. */
export function saveValuesOf(edits: FormValues, codes: readonly string[] = Object.keys(edits)): SubmissionValueInput[] {
  return codes.map((code) => {
    const f = edits[code]
    return { indicator: code, value: f.value, notApplicable: f.notApplicable, note: f.note.trim() || null }
  })
}

/**
 * Fields another user changed since the form's base and the user also typed: the conflicts a
 * reload would overwrite, or a re-save would override.
 */
export function conflictingCodes(base: FormValues, latest: FormValues, edits: FormValues): string[] {
  return dirtyCodes(base, edits).filter((code) => !sameField(fieldOf(base, code), fieldOf(latest, code)) && !sameField(fieldOf(latest, code), edits[code]))
}

// ---------------------------------------------------------------------------------------------
// Inputs and checks
// ---------------------------------------------------------------------------------------------

export type InputSpec =
  | { kind: 'count'; min: 0; max: number; precision: 0 }
  | { kind: 'percent'; min: 0; max: 100; precision: undefined }
  | { kind: 'boolean' }
  | { kind: 'derived' }

/** The input an indicator gets; the bounds are those `valueProblem` checks on the server. */
export function inputSpecOf(indicator: Pick<Indicator, 'kind'>): InputSpec {
  switch (indicator.kind) {
    case 'count':
      return { kind: 'count', min: 0, max: MAX_COUNT - 1, precision: 0 }
    case 'percent':
      return { kind: 'percent', min: 0, max: 100, precision: undefined }
    case 'boolean':
      return { kind: 'boolean' }
    case 'derived':
      return { kind: 'derived' }
  }
}

/** A value that differs from the ledger roll-up is a manual override: the server takes it only with a note. */
export const isLedgerOverride = (field: FieldValue, ledgerValue: number | undefined) =>
  ledgerValue !== undefined && !field.notApplicable && field.value !== null && field.value !== ledgerValue

export interface FieldCheck {
  /** Stops the save: the server would refuse it. */
  error: string | null
  /** Allowed to save, but blocks submitting or deserves attention. */
  warning: string | null
}

export function checkField(field: FieldValue, ledgerValue: number | undefined): FieldCheck {
  const hasNote = field.note.trim().length > 0
  if (isLedgerOverride(field, ledgerValue) && !hasNote)
    return { error: `与台账汇总（${ledgerValue}）不一致：手工修改须在备注中说明原因`, warning: null }
  if (field.notApplicable && !hasNote) return { error: null, warning: '标记为不适用须在备注中说明原因，否则不能上报' }
  return { error: null, warning: null }
}

/** Fields whose save the server would refuse, by code. */
export function saveErrors(values: FormValues, codes: readonly string[], ledgerValues: Readonly<Record<string, number>>): Map<string, string> {
  const errors = new Map<string, string>()
  for (const code of codes) {
    const { error } = checkField(fieldOf(values, code), ledgerValues[code])
    if (error) errors.set(code, error)
  }
  return errors
}

/**
 * What still blocks submitting, by the same rules the server applies: the fill rules, and values
 * that break a plausibility rule (校验规则) without a note, against last year's reported values.
 */
export function submitBlockers(
  indicators: readonly Indicator[],
  values: FormValues,
  bureau: FillBureau,
  previousValues: Readonly<Record<string, number>>,
  /** Indicators with a live evidence file (佐证材料). */
  withFiles: ReadonlySet<string>,
) {
  const fill = new Map(Object.entries(values).map(([code, f]) => [code, { value: f.value === null ? null : Number(f.value), notApplicable: f.notApplicable, note: f.note }]))
  const unexplained = new Set(plausibilityFlags(indicators, fill, previousValues).filter((f) => !f.noted).map((f) => f.indicator))
  return {
    ...fillProblems(indicators, fill, bureau),
    unexplained: indicators.filter((i) => unexplained.has(i.code)),
    missingEvidence: missingEvidence(indicators, fill, bureau, withFiles),
  }
}

export type SubmitBlockers = ReturnType<typeof submitBlockers>

/** What still stops a submit, as the list beside the score shows it. */
export function missingItems(blockers: SubmitBlockers): { code: string; name: string; why: string }[] {
  return [
    ...blockers.missing.map((i) => ({ code: i.code, name: i.name, why: '未填写' })),
    ...blockers.notApplicableWithoutNote.map((i) => ({ code: i.code, name: i.name, why: '不适用未说明原因' })),
    ...blockers.unexplained.map((i) => ({ code: i.code, name: i.name, why: '数值异常，须在备注中说明' })),
    ...blockers.missingEvidence.map((i) => ({ code: i.code, name: i.name, why: '缺少佐证材料' })),
  ]
}

/** Why the 上报 button is disabled, or null when the form may be submitted (or is not editable at all). */
export function submitDisabledReason(editable: boolean, unsavedCount: number, blockers: SubmitBlockers): string | null {
  if (!editable) return null
  if (unsavedCount) return '有未保存的修改，请先保存'
  const unfilled = blockers.missing.length + blockers.notApplicableWithoutNote.length + blockers.missingEvidence.length
  const unexplained = blockers.unexplained.length
  if (unfilled) return `还有 ${unfilled + unexplained} 项未完成，见下方清单`
  return unexplained ? `有 ${unexplained} 项数值超出合理范围或与上年差异过大，须在备注中说明后才能上报` : null
}

// ---------------------------------------------------------------------------------------------
// Live score
// ---------------------------------------------------------------------------------------------

/** What the live score needs of the year's scheme settings. */
export type ScoreSettings = Pick<SchemeSettings, 'bonusCap' | 'lateDeduction'>

/** The year's indicators with their derivation rules, which only the catalog carries. */
export function yearIndicatorsOf(indicators: readonly Indicator[]): YearIndicator[] {
  return indicators.map((i) => ({ ...i, category: i.category as CategoryCode, derivation: CATALOG_BY_CODE.get(i.code)?.derivation }))
}

/** The scoring context the server uses: publication by the deadline and the year's rectification items (done = verified, 销号). */
export function scoringContextOf(
  detail: Pick<SubmissionDetail, 'hasEnforcement' | 'bureauCategory' | 'publishedAt' | 'firstSubmittedAt' | 'lateResubmissions'>,
  cycle: Pick<Cycle, 'publishDeadline' | 'dueDate'> | undefined,
  items: readonly Pick<RectificationItem, 'status' | 'overdue' | 'verifiedAt'>[],
): ScoringContext {
  return scoringContextFor({
    hasEnforcement: detail.hasEnforcement,
    category: detail.bureauCategory,
    publishedAt: detail.publishedAt,
    publishDeadline: cycle?.publishDeadline,
    timing: { firstSubmittedAt: detail.firstSubmittedAt, lateResubmissions: detail.lateResubmissions },
    dueDate: cycle?.dueDate,
    rectification: {
      total: items.length,
      done: items.filter(isVerified).length,
      overdue: items.filter((i) => i.overdue).length,
    },
  })
}

/**
 * Score, 达标率, 填报完整率 and each indicator's attainment for the values on screen, under the year's
 * settings (bonus cap, late deduction) as the server scores them.
 */
export function liveScore(indicators: readonly YearIndicator[], values: FormValues, ctx: ScoringContext, settings: ScoreSettings = DEFAULT_SETTINGS): BureauScore {
  const stored: Record<string, StoredValue> = {}
  for (const [code, f] of Object.entries(values))
    stored[code] = { value: f.value === null ? null : Number(f.value), notApplicable: f.notApplicable }
  return computeBureauScore(indicators, stored, ctx, settings)
}

/** The live results in the shape of the bureau page's indicator rows, to reuse its value/target/gap texts. */
export function overviewIndicatorsOf(indicators: readonly Indicator[], score: BureauScore): OverviewIndicator[] {
  const results = new Map(score.indicators.map((r) => [r.code, r]))
  return indicators.map((i) => overviewIndicator(i, results.get(i.code), null))
}

/** The year a bureau fills by default: the asked one if it exists, else the latest open (unlocked) year. */
export function entryYear(param: string | null, cycles: readonly Pick<Cycle, 'year' | 'locked'>[]): number | null {
  const asked = param === null ? NaN : Number(param)
  if (cycles.some((c) => c.year === asked)) return asked
  const open = cycles.filter((c) => !c.locked).map((c) => c.year)
  if (open.length) return Math.max(...open)
  return cycles.length ? Math.max(...cycles.map((c) => c.year)) : null
}

/** A typed or stored field as text, for the conflict list: 是/否, the number with its unit, 不适用, 未填写. */
export function fieldText(indicator: Pick<Indicator, 'kind' | 'unit'>, field: FieldValue): string {
  if (field.notApplicable) return '不适用'
  if (field.value === null) return '未填写'
  if (typeof field.value === 'boolean') return field.value ? '是' : '否'
  if (indicator.kind === 'percent') return `${formatNumber(field.value)}%`
  return indicator.unit ? `${formatNumber(field.value)} ${indicator.unit}` : formatNumber(field.value)
}
