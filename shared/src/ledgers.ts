/**
 * The ledgers (台账): itemised records that roll up into indicator values. Each kind is defined
 * once here — its fields, labels and roll-up — and the API schemas, routes and the entry screens
 * are derived from it. Every ledger row also has a date inside its year.
 */

export const STUDY_FORMS = ['中心组学法', '集体学法', '会前学法', '专题讲座', '培训', '考试'] as const
export const REVIEW_KINDS = ['规范性文件', '重大行政决策', '合同协议', '重大执法决定'] as const
export const REVIEWERS = ['法律顾问', '公职律师', '司法局', '法制机构'] as const
export const REVIEW_OUTCOMES = ['通过', '修改后通过', '不予通过'] as const
export const PUBLICITY_FORMS = ['宣讲', '下乡', '宣传日', '新媒体', '培训'] as const

/** The longest text a ledger field takes. */
export const LEDGER_TEXT_MAX = 200

export type LedgerFieldDef =
  | { kind: 'text'; label: string; width?: number }
  | { kind: 'select'; label: string; options: readonly [string, ...string[]]; width?: number }
  | { kind: 'count'; label: string; width?: number }

/** A ledger's own fields; `date` is common to every ledger and not listed. */
export type LedgerFieldDefs = Record<string, LedgerFieldDef>

interface LedgerDefinition<F extends LedgerFieldDefs, R> {
  /** The tab and table title. */
  label: string
  /** The word for one entry: 新增学法活动. */
  entry: string
  /** How audit events name a row. */
  auditObject: string
  fields: F
  /** The indicators the ledger fills, and the hint under its table that says how. */
  indicators: readonly string[]
  feeds: string
  /** Adds the bureau-year's rows to `out`, which holds every ledger-fed indicator. */
  rollup: (rows: readonly R[], out: Record<string, number>) => void
}

const defineLedger = <const F extends LedgerFieldDefs, R>(definition: LedgerDefinition<F, R>) => definition

const COLLECTIVE_FORMS = new Set<string>(['集体学法', '会前学法', '专题讲座'])
const TRAINING_FORMS = new Set<string>(['培训', '考试'])
const REVIEW_KIND_INDICATOR: Record<string, string> = {
  规范性文件: 'review.normative_docs_reviewed',
  重大行政决策: 'review.major_decisions_reviewed',
  合同协议: 'review.contracts_reviewed',
  重大执法决定: 'enforcement.legal_reviews',
}

export const LEDGERS = {
  'study-sessions': defineLedger({
    label: '学法台账',
    entry: '学法活动',
    auditObject: 'study_session',
    fields: {
      topic: { kind: 'text', label: '学习主题' },
      form: { kind: 'select', label: '形式', options: STUDY_FORMS, width: 120 },
      participants: { kind: 'count', label: '参加人数', width: 100 },
    },
    indicators: ['study.center_group_sessions', 'study.collective_sessions', 'study.training_person_times'],
    feeds: '中心组学法计入“中心组学法次数”；集体学法、会前学法、专题讲座计入“机关集体学法次数”；培训、考试的参加人数计入“参加法治培训、考试人次”。',
    rollup(rows: readonly { form: string; participants: number }[], out) {
      for (const s of rows) {
        if (s.form === '中心组学法') out['study.center_group_sessions']++
        else if (COLLECTIVE_FORMS.has(s.form)) out['study.collective_sessions']++
        if (TRAINING_FORMS.has(s.form)) out['study.training_person_times'] += s.participants
      }
    },
  }),
  'legality-reviews': defineLedger({
    label: '合法性审查台账',
    entry: '审查事项',
    auditObject: 'legality_review',
    fields: {
      title: { kind: 'text', label: '审查事项' },
      kind: { kind: 'select', label: '类别', options: REVIEW_KINDS, width: 130 },
      reviewer: { kind: 'select', label: '审查主体', options: REVIEWERS, width: 110 },
      outcome: { kind: 'select', label: '审查结果', options: REVIEW_OUTCOMES, width: 110 },
    },
    indicators: Object.values(REVIEW_KIND_INDICATOR),
    feeds: '按类别计入规范性文件、重大行政决策、合同协议、重大执法决定的合法性审查件数。',
    rollup(rows: readonly { kind: string }[], out) {
      for (const r of rows) {
        const code = REVIEW_KIND_INDICATOR[r.kind]
        if (code) out[code]++
      }
    },
  }),
  'publicity-events': defineLedger({
    label: '普法宣传台账',
    entry: '普法活动',
    auditObject: 'publicity_event',
    fields: {
      title: { kind: 'text', label: '活动名称' },
      form: { kind: 'select', label: '形式', options: PUBLICITY_FORMS, width: 100 },
      audience: { kind: 'count', label: '覆盖群众（人次）', width: 130 },
      enterprisesCovered: { kind: 'count', label: '覆盖企业（家）', width: 120 },
    },
    indicators: ['publicity.events', 'publicity.people_reached'],
    feeds: '每条记录计入“普法宣传活动场次”；覆盖群众与企业之和计入“普法覆盖企业、群众数”。',
    rollup(rows: readonly { audience: number; enterprisesCovered: number }[], out) {
      for (const e of rows) {
        out['publicity.events']++
        out['publicity.people_reached'] += e.audience + e.enterprisesCovered
      }
    },
  }),
}

export type LedgerType = keyof typeof LEDGERS
export const LEDGER_TYPES = Object.keys(LEDGERS) as LedgerType[]

/** The ledger an audit row's object type (`study_session`…) names, if any. */
export const ledgerOfAuditObject = (objectType: string | null): { label: string; fields: LedgerFieldDefs } | undefined => {
  const type = LEDGER_TYPES.find((t) => LEDGERS[t].auditObject === objectType)
  return type && LEDGERS[type]
}

/** Indicator codes that a ledger can fill. */
export const LEDGER_INDICATORS: readonly string[] = LEDGER_TYPES.flatMap((type) => LEDGERS[type].indicators)

/** A bureau-year's rows of every ledger, as far as the roll-up reads them. */
export type LedgerEntries = { [T in LedgerType]: Parameters<(typeof LEDGERS)[T]['rollup']>[0] }

/** The ledger-fed indicator values of a bureau-year's entries; a kind left out has no entries. */
export function rollupLedgers(entries: Partial<LedgerEntries>): Record<string, number> {
  const out: Record<string, number> = Object.fromEntries(LEDGER_INDICATORS.map((c) => [c, 0]))
  for (const type of LEDGER_TYPES) {
    // TypeScript cannot pair LEDGERS[type] with entries[type] across the union of kinds.
    const rollup = LEDGERS[type].rollup as (rows: readonly unknown[], out: Record<string, number>) => void
    rollup(entries[type] ?? [], out)
  }
  return out
}

/** A ledger date must fall in the year it is recorded for. */
export const isDateInYear = (date: string, year: number) => date.startsWith(`${year}-`)
