import {
  LEDGER_TYPE_LABELS,
  PUBLICITY_FORMS,
  REVIEW_KINDS,
  REVIEW_OUTCOMES,
  REVIEWERS,
  STUDY_FORMS,
  type LedgerType,
} from '@fazhi/shared'

// The three ledgers (台账) as data: one form and one table serve them all.

export type LedgerFieldKind = 'date' | 'text' | 'select' | 'count'

export interface LedgerField {
  name: string
  label: string
  kind: LedgerFieldKind
  options?: readonly string[]
  /** Shown in the table, in this order. */
  width?: number
}

export interface LedgerSpec {
  type: LedgerType
  label: string
  /** The word for one entry: 新增学法活动. */
  entry: string
  fields: readonly LedgerField[]
  /** Which indicators the ledger fills, for the hint under its table. */
  feeds: string
}

export const LEDGER_SPECS: readonly LedgerSpec[] = [
  {
    type: 'study-sessions',
    label: LEDGER_TYPE_LABELS['study-sessions'],
    entry: '学法活动',
    fields: [
      { name: 'date', label: '日期', kind: 'date', width: 120 },
      { name: 'topic', label: '学习主题', kind: 'text' },
      { name: 'form', label: '形式', kind: 'select', options: STUDY_FORMS, width: 120 },
      { name: 'participants', label: '参加人数', kind: 'count', width: 100 },
    ],
    feeds: '中心组学法计入“中心组学法次数”；集体学法、会前学法、专题讲座计入“机关集体学法次数”；培训、考试的参加人数计入“参加法治培训、考试人次”。',
  },
  {
    type: 'legality-reviews',
    label: LEDGER_TYPE_LABELS['legality-reviews'],
    entry: '审查事项',
    fields: [
      { name: 'date', label: '日期', kind: 'date', width: 120 },
      { name: 'title', label: '审查事项', kind: 'text' },
      { name: 'kind', label: '类别', kind: 'select', options: REVIEW_KINDS, width: 130 },
      { name: 'reviewer', label: '审查主体', kind: 'select', options: REVIEWERS, width: 110 },
      { name: 'outcome', label: '审查结果', kind: 'select', options: REVIEW_OUTCOMES, width: 110 },
    ],
    feeds: '按类别计入规范性文件、重大行政决策、合同协议、重大执法决定的合法性审查件数。',
  },
  {
    type: 'publicity-events',
    label: LEDGER_TYPE_LABELS['publicity-events'],
    entry: '普法活动',
    fields: [
      { name: 'date', label: '日期', kind: 'date', width: 120 },
      { name: 'title', label: '活动名称', kind: 'text' },
      { name: 'form', label: '形式', kind: 'select', options: PUBLICITY_FORMS, width: 100 },
      { name: 'audience', label: '覆盖群众（人次）', kind: 'count', width: 130 },
      { name: 'enterprisesCovered', label: '覆盖企业（家）', kind: 'count', width: 120 },
    ],
    feeds: '每条记录计入“普法宣传活动场次”；覆盖群众与企业之和计入“普法覆盖企业、群众数”。',
  },
]

/** The same limits the server's schemas apply, as messages for the form. */
export const LEDGER_TEXT_MAX = 200

/** A ledger date must fall in the year it is recorded for. */
export const isDateInYear = (date: string, year: number) => date.startsWith(`${year}-`)
