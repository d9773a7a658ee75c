import { computeBureauScore, isRequiredFor, type SubmissionDetail, type SubmissionValue } from '@fazhi/shared'
import { describe, expect, it } from 'vitest'
import { CATALOG_INDICATORS } from './fixtures'
import {
  checkField,
  conflictingCodes,
  dirtyCodes,
  EMPTY_FIELD,
  entryYear,
  fieldText,
  formValuesOf,
  inputSpecOf,
  liveScore,
  missingItems,
  overviewIndicatorsOf,
  patchField,
  pruneEdits,
  saveErrors,
  saveValuesOf,
  scoringContextOf,
  submitBlockers,
  submitDisabledReason,
  yearIndicatorsOf,
  type FieldValue,
} from '../../../client/src/features/entry/form'
import { indicatorRows } from '../../../client/src/features/bureau/indicators'

const INDICATORS = CATALOG_INDICATORS

const stored = (indicator: string, value: SubmissionValue['value'], extra: Partial<SubmissionValue> = {}): SubmissionValue => ({
  indicator,
  value,
  note: null,
  source: 'manual',
  notApplicable: false,
  updatedAt: '2026-11-20T02:00:00.000Z',
  updatedBy: '科技局法治联络员',
  ...extra,
})

const field = (value: FieldValue['value'], extra: Partial<FieldValue> = {}): FieldValue => ({ value, notApplicable: false, note: '', ...extra })

/** A bureau without enforcement powers or a category. */
const NO_POWERS = { hasEnforcement: false, category: null }
const detailOf = (d: { hasEnforcement: boolean; publishedAt: string | null }) => ({ ...d, bureauCategory: null, firstSubmittedAt: null, lateResubmissions: 0 })

const NO_ITEMS = scoringContextOf(detailOf({ hasEnforcement: true, publishedAt: null }), { publishDeadline: '2027-04-01', dueDate: '2027-03-01' }, [])

const NO_FILES: ReadonlySet<string> = new Set()

describe('form ↔ API values', () => {
  it('reads stored values as fields: booleans stay booleans, a missing note is empty text', () => {
    const values = formValuesOf({
      values: [stored('lead.topic_meetings', 2, { note: '会议纪要' }), stored('lead.duty_report', true), stored('oversight.head_appearance_rate', null, { notApplicable: true, note: '无诉讼案件' })],
    })
    expect(values).toEqual({
      'lead.topic_meetings': field(2, { note: '会议纪要' }),
      'lead.duty_report': field(true),
      'oversight.head_appearance_rate': field(null, { notApplicable: true, note: '无诉讼案件' }),
    })
  })

  it('sends only the changed fields, with trimmed notes and null for an empty one', () => {
    const base = { 'lead.topic_meetings': field(2), 'publicity.events': field(6, { note: '见台账' }) }
    const edits = { 'lead.topic_meetings': field(3, { note: '  补开一次 ' }), 'publicity.events': field(6, { note: '见台账 ' }) }
    // A trailing space is no change: the server trims notes.
    expect(dirtyCodes(base, edits)).toEqual(['lead.topic_meetings'])
    expect(saveValuesOf(edits, dirtyCodes(base, edits))).toEqual([{ indicator: 'lead.topic_meetings', value: 3, notApplicable: false, note: '补开一次' }])
    expect(saveValuesOf({ 'lead.duty_report': field(false) })).toEqual([{ indicator: 'lead.duty_report', value: false, notApplicable: false, note: null }])
  })

  it('treats a field typed back to its stored value as unchanged, and an unstored one as empty', () => {
    expect(dirtyCodes({ 'lead.topic_meetings': field(2) }, { 'lead.topic_meetings': field(2) })).toEqual([])
    expect(dirtyCodes({}, { 'study.exam_pass_rate': field(null) })).toEqual([])
    expect(dirtyCodes({}, { 'study.exam_pass_rate': field(90) })).toEqual(['study.exam_pass_rate'])
  })

  it('keeps, after a save or reload, only the edits that still differ', () => {
    const edits = { a: field(1), b: field(2), c: field(3) }
    expect(pruneEdits({ a: field(1), b: field(5) }, edits)).toEqual({ b: field(2), c: field(3) })
  })

  it('clears the value when a field is marked 不适用 (the server refuses both)', () => {
    expect(patchField(field(80), { notApplicable: true })).toEqual(field(null, { notApplicable: true }))
    expect(patchField(field(null, { notApplicable: true }), { notApplicable: false })).toEqual(field(null))
    expect(patchField(EMPTY_FIELD, { note: '无' })).toEqual(field(null, { note: '无' }))
  })

  it('names the conflicts: fields both the other user and this user changed, to different values', () => {
    const base = { a: field(1), b: field(2), c: field(3) }
    const latest = { a: field(10), b: field(2), c: field(30) }
    const edits = { a: field(11), b: field(20), c: field(30) }
    // b: only this user changed it; c: both typed the same value.
    expect(conflictingCodes(base, latest, edits)).toEqual(['a'])
  })
})

describe('inputs and checks', () => {
  it('gives each kind the input bounds the server accepts', () => {
    expect(inputSpecOf({ kind: 'count' })).toMatchObject({ min: 0, max: 999_999, precision: 0 })
    expect(inputSpecOf({ kind: 'percent' })).toMatchObject({ min: 0, max: 100 })
    expect(inputSpecOf({ kind: 'boolean' })).toEqual({ kind: 'boolean' })
    expect(inputSpecOf({ kind: 'derived' })).toEqual({ kind: 'derived' })
  })

  it('requires a note for a value that overrides the ledger roll-up, and for 不适用', () => {
    expect(checkField(field(6), 3).error).toBe('与台账汇总（3）不一致：手工修改须在备注中说明原因')
    expect(checkField(field(6, { note: '台账漏登 3 次' }), 3)).toEqual({ error: null, warning: null })
    expect(checkField(field(3), 3).error).toBeNull()
    expect(checkField(field(null), 3).error).toBeNull()
    expect(checkField(field(null, { notApplicable: true }), undefined)).toEqual({ error: null, warning: '标记为不适用须在备注中说明原因，否则不能上报' })
    const errors = saveErrors({ 'publicity.events': field(24), 'lead.topic_meetings': field(9) }, ['publicity.events', 'lead.topic_meetings'], { 'publicity.events': 5 })
    expect([...errors.keys()]).toEqual(['publicity.events'])
  })

  it('lists what blocks submitting by the server’s fill rules', () => {
    const values = formValuesOf({ values: [stored('lead.topic_meetings', 2), stored('oversight.head_appearance_rate', null, { notApplicable: true })] })
    const { missing, notApplicableWithoutNote } = submitBlockers(INDICATORS, values, NO_POWERS, {}, NO_FILES)
    expect(missing.map((i) => i.code)).not.toContain('lead.topic_meetings')
    expect(missing.map((i) => i.code)).toContain('lead.duty_report')
    // Enforcement indicators do not apply to a bureau without enforcement powers; derived ones are never filled.
    expect(missing.some((i) => i.enforcementOnly || i.kind === 'derived')).toBe(false)
    expect(notApplicableWithoutNote.map((i) => i.code)).toEqual(['oversight.head_appearance_rate'])
  })

  it('lists the blockers for the missing list, each with why it blocks', () => {
    const values = formValuesOf({ values: [stored('oversight.head_appearance_rate', null, { notApplicable: true })] })
    const items = missingItems(submitBlockers(INDICATORS, values, NO_POWERS, {}, NO_FILES))
    expect(items.find((i) => i.code === 'lead.duty_report')?.why).toBe('未填写')
    expect(items.find((i) => i.code === 'oversight.head_appearance_rate')?.why).toBe('不适用未说明原因')
  })

  it('says why 上报 is disabled: unsaved edits first, then what is missing; nothing when not editable or complete', () => {
    const blocked = submitBlockers(INDICATORS, formValuesOf({ values: [] }), NO_POWERS, {}, NO_FILES)
    const count = blocked.missing.length + blocked.notApplicableWithoutNote.length
    const none = { missing: [], notApplicableWithoutNote: [], unexplained: [], missingEvidence: [] }
    expect(submitDisabledReason(true, 2, blocked)).toBe('有未保存的修改，请先保存')
    expect(submitDisabledReason(true, 0, blocked)).toBe(`还有 ${count} 项未完成，见下方清单`)
    expect(submitDisabledReason(true, 0, none)).toBeNull()
    expect(submitDisabledReason(false, 2, blocked)).toBeNull()
  })

  it('blocks 上报 on a filled value whose scheme asks for evidence until a file is attached', () => {
    const complete = Object.fromEntries(
      INDICATORS.filter((i) => isRequiredFor(i, NO_POWERS)).map((i) => [i.code, field(i.kind === 'boolean' ? true : i.kind === 'percent' ? 100 : 2)]),
    )
    const needing = INDICATORS.map((i) => (i.code === 'lead.topic_meetings' || i.code === 'oversight.head_appearance_rate' ? { ...i, evidenceRequired: true } : i))
    const notApplicable = { ...complete, 'oversight.head_appearance_rate': field(null, { notApplicable: true, note: '本年无应诉案件' }) }
    const blocked = submitBlockers(needing, notApplicable, NO_POWERS, {}, NO_FILES)
    // A value marked 不适用 needs no evidence.
    expect(missingItems(blocked)).toEqual([{ code: 'lead.topic_meetings', name: '党组(党委)会议专题研究法治建设次数', why: '缺少佐证材料' }])
    expect(submitDisabledReason(true, 0, blocked)).toBe('还有 1 项未完成，见下方清单')
    expect(submitDisabledReason(true, 0, submitBlockers(needing, notApplicable, NO_POWERS, {}, new Set(['lead.topic_meetings'])))).toBeNull()
  })

  it('blocks 上报 on a value that breaks a plausibility rule until its note is typed, against last year’s value', () => {
    const complete = Object.fromEntries(
      INDICATORS.filter((i) => isRequiredFor(i, NO_POWERS)).map((i) => [i.code, field(i.kind === 'boolean' ? true : i.kind === 'percent' ? 100 : 2)]),
    )
    expect(submitBlockers(INDICATORS, complete, NO_POWERS, {}, NO_FILES)).toMatchObject({ missing: [], notApplicableWithoutNote: [], unexplained: [] })

    const implausible = { ...complete, 'lead.topic_meetings': field(96), 'oversight.litigation_lost': field(4) }
    // 96 meetings is out of range; 4 lost suits is 4× last year's 1 but only 3 more: no flag.
    const blocked = submitBlockers(INDICATORS, implausible, NO_POWERS, { 'oversight.litigation_lost': 1 }, NO_FILES)
    expect(blocked.unexplained.map((i) => i.code)).toEqual(['lead.topic_meetings'])
    expect(missingItems(blocked)).toEqual([{ code: 'lead.topic_meetings', name: '党组(党委)会议专题研究法治建设次数', why: '数值异常，须在备注中说明' }])
    expect(submitDisabledReason(true, 0, blocked)).toBe('有 1 项数值超出合理范围或与上年差异过大，须在备注中说明后才能上报')

    const jumped = submitBlockers(INDICATORS, { ...implausible, 'lead.topic_meetings': field(96, { note: '含支部会议' }), 'oversight.litigation_lost': field(6) }, NO_POWERS, { 'oversight.litigation_lost': 1 }, NO_FILES)
    expect(jumped.unexplained.map((i) => i.code)).toEqual(['oversight.litigation_lost'])
    const explained = { ...implausible, 'lead.topic_meetings': field(96, { note: '含支部会议' }) }
    expect(submitDisabledReason(true, 0, submitBlockers(INDICATORS, explained, NO_POWERS, { 'oversight.litigation_lost': 1 }, NO_FILES))).toBeNull()
  })

  it('writes a field as the conflict list shows it', () => {
    const count = INDICATORS.find((i) => i.code === 'lead.topic_meetings')!
    const rate = INDICATORS.find((i) => i.code === 'study.exam_pass_rate')!
    const flag = INDICATORS.find((i) => i.code === 'lead.duty_report')!
    expect(fieldText(count, field(1200))).toBe('1,200 次')
    expect(fieldText(rate, field(92.5))).toBe('92.5%')
    expect(fieldText(flag, field(true))).toBe('是')
    expect(fieldText(flag, field(null))).toBe('未填写')
    expect(fieldText(rate, field(null, { notApplicable: true }))).toBe('不适用')
  })
})

describe('live score', () => {
  const yearIndicators = yearIndicatorsOf(INDICATORS)

  it('scores the values on screen exactly as the server scores stored ones', () => {
    const values = {
      'lead.topic_meetings': field(1),
      'lead.duty_report': field(true),
      'review.normative_docs_issued': field(4),
      'review.normative_docs_reviewed': field(3),
      'oversight.litigation_lost': field(1),
    }
    const live = liveScore(yearIndicators, values, NO_ITEMS)
    const server = computeBureauScore(
      yearIndicators,
      {
        'lead.topic_meetings': { value: 1 },
        'lead.duty_report': { value: 1 },
        'review.normative_docs_issued': { value: 4 },
        'review.normative_docs_reviewed': { value: 3 },
        'oversight.litigation_lost': { value: 1 },
      },
      NO_ITEMS,
    )
    expect(live).toEqual(server)
    const byCode = new Map(live.indicators.map((r) => [r.code, r]))
    expect(byCode.get('lead.topic_meetings')!.attainment).toBe(0.5)
    expect(byCode.get('lead.duty_report')!.attainment).toBe(1)
    // Derived rate from the typed inputs: 3 ÷ 4.
    expect(byCode.get('review.normative_doc_review_rate')!.value).toBe(75)
    expect(byCode.get('oversight.litigation_lost')!.attainment).toBeCloseTo(2 / 3)
  })

  it('moves with a typed value, and leaves a 不适用 indicator out', () => {
    const before = liveScore(yearIndicators, { 'lead.topic_meetings': field(1) }, NO_ITEMS)
    const after = liveScore(yearIndicators, { 'lead.topic_meetings': field(2) }, NO_ITEMS)
    expect(after.score).toBeGreaterThan(before.score)
    const na = liveScore(yearIndicators, { 'oversight.head_appearance_rate': field(null, { notApplicable: true, note: '无案件' }) }, NO_ITEMS)
    expect(na.indicators.find((r) => r.code === 'oversight.head_appearance_rate')!.applicable).toBe(false)
  })

  it('derives publication and rectification indicators from the submission and the year’s items', () => {
    const ctx = scoringContextOf(detailOf({ hasEnforcement: false, publishedAt: '2027-03-20' }), { publishDeadline: '2027-04-01', dueDate: '2027-03-01' }, [
      { status: 'done', overdue: false, verifiedAt: '2026-10-01T02:00:00.000Z' },
      { status: 'in_progress', overdue: true, verifiedAt: null },
      { status: 'not_started', overdue: false, verifiedAt: null },
      { status: 'done', overdue: false, verifiedAt: '2026-10-02T02:00:00.000Z' },
      // Marked done by the bureau, not verified by the office yet: not done in 整改完成率.
      { status: 'done', overdue: false, verifiedAt: null },
    ])
    expect(ctx).toEqual({ hasEnforcement: false, category: null, publishedOnTime: true, late: false, rectification: { total: 5, done: 2, overdue: 1 } })
    expect(scoringContextOf(detailOf({ hasEnforcement: false, publishedAt: '2027-04-02' }), { publishDeadline: '2027-04-01', dueDate: '2027-03-01' }, []).publishedOnTime).toBe(false)
    const live = liveScore(yearIndicators, {}, ctx)
    const byCode = new Map(live.indicators.map((r) => [r.code, r]))
    expect(byCode.get('lead.report_published')!.value).toBe(1)
    expect(byCode.get('rectification.completion_rate')!.value).toBe(40)
    expect(byCode.get('rectification.overdue_items')!.value).toBe(1)
  })

  it('feeds the bureau page’s row texts: target, attainment and gap for each indicator', () => {
    const live = liveScore(yearIndicators, { 'lead.topic_meetings': field(1), 'study.exam_pass_rate': field(90) }, NO_ITEMS)
    const rows = new Map(indicatorRows(overviewIndicatorsOf(INDICATORS, live)).map((r) => [r.code, r]))
    expect(rows.get('lead.topic_meetings')).toMatchObject({ value: '1 次', target: '≥ 2 次', attainmentText: '50.0%', gap: '差 1 次' })
    expect(rows.get('study.exam_pass_rate')).toMatchObject({ value: '90%', attainmentText: '90.0%' })
    expect(rows.get('review.normative_docs_issued')).toMatchObject({ attainmentText: '不计分' })
  })
})

describe('entry year', () => {
  const cycles = [
    { year: 2023, locked: true },
    { year: 2024, locked: false },
    { year: 2025, locked: false },
    { year: 2026, locked: false },
  ]

  it('opens on the asked year when it exists, else on the latest open year', () => {
    expect(entryYear('2024', cycles)).toBe(2024)
    expect(entryYear(null, cycles)).toBe(2026)
    expect(entryYear('1999', cycles)).toBe(2026)
    expect(entryYear(null, [{ year: 2022, locked: true }, { year: 2023, locked: true }])).toBe(2023)
    expect(entryYear(null, [])).toBeNull()
  })
})

// Keeps the fixture honest: the detail type the form reads must stay assignable.
export const _typed: Pick<SubmissionDetail, 'values'> = { values: [stored('lead.topic_meetings', 1)] }
