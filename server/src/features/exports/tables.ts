import { type CountyFigure, NO_SUBMISSION, rankChangeLabel, rankLabel, SUBMISSION_STATUS_LABELS, type SummaryStatus, type TableKind } from '@fazhi/shared'
import type { CsvColumn } from '../../lib/csv'

/**
 * What the exports show, as plain data: the service fills these from the dashboard service and the
 * database; the sheet writers and the CSV writer only lay them out. A benchmark can build them
 * synthetically.
 */

export interface ExportHeading {
  /** The region the bureaus belong to, e.g. 示例县. */
  regionName: string
  year: number
  /** When the figures hold: now, or the published version's publication. */
  generatedAt: Date
  /** The published version (定稿) the figures are frozen in; undefined for live figures. */
  published?: { version: number; title: string; publishedAt: string }
  /** Set when the export is limited to one bureau (a bureau user's export). */
  scopeNote?: string
}

export interface SummaryIndicator {
  code: string
  categoryName: string
  name: string
  unit: string
  kind: string
  derivedAs: string | null
  direction: 'higher' | 'lower' | null
  target: number | null
  weight: number
}

export interface SummaryCell {
  value: number | null
  applicable: boolean
  filled: boolean
  met: boolean
}

/** A bureau's figures under the year's rules (the ranking's): null while unranked, or in a version published before rules. */
export interface RuleFigures {
  /** 等次. */
  grade: string | null
  /** 加分 (after the cap) and 扣分 (the late deduction), inside the score. */
  bonus: number | null
  deduction: number | null
}

export interface SummaryBureauRow extends RuleFigures {
  name: string
  status: SummaryStatus
  /** Reported on time by the one rule; null while not reported. A late report is marked 逾期 beside its status. */
  onTime: boolean | null
  score: number | null
  completion: number | null
  fillRate: number | null
  rank: number | null
  /** The rank is shared (并列); absent in versions published before ties were shared. */
  tied?: boolean
  /** One per indicator, in the order of `SummaryWorkbookData.indicators`. */
  cells: SummaryCell[]
}

export interface SummaryAverageRow {
  /** Each indicator's county figure (the dashboard's: mean, 是 count, or the pooled 整改完成率), in indicator order. */
  values: CountyFigure[]
  score: number | null
  completion: number | null
  fillRate: number | null
}

export interface RankingTableRow extends RuleFigures {
  rank: number | null
  /** The rank is shared (并列); absent in versions published before ties were shared. */
  tied?: boolean
  name: string
  score: number | null
  completion: number | null
  /** Places moved up since last year (negative: down); null when unranked either year. */
  rankChange: number | null
  /** Reported on time by the one rule (`isReportOnTime`); null when unranked. */
  onTime: boolean | null
}

export interface RectificationTableRow {
  bureauName: string
  problem: string
  measure: string
  owner: string
  deadline: string
  /** The item's stage (未启动, 整改中, 逾期, 待销号, 已销号), with the office's reason when it was sent back. */
  status: string
  completedAt: string | null
}

export interface ReportingTableRow {
  bureauName: string
  /** Chinese label; 未上报 when there is no submission. */
  status: string
  /** The first submission (days late are measured to it), China time, YYYY-MM-DD HH:mm. */
  firstSubmittedAt: string | null
  timeliness: '按时' | '逾期' | '未上报'
  daysOverdue: number | null
  publishedUrl: string | null
  publishedAt: string | null
}

/** A bureau of the 催报 list with its chases, for the 通报. */
export interface ChaseTableRow {
  bureauName: string
  /** Its report status, 逾期上报 added for a late report. */
  status: string
  daysOverdue: number | null
  timesChased: number
  /** The last chase: when (China time), at which level, and what became of its messages. */
  lastChasedAt: string | null
  lastLevel: string | null
  delivery: string | null
  /** Every chase, oldest first: 2027-03-05 10:00 催报（已送达（站内已读 1/1））. */
  history: string
}

export interface SummaryWorkbookData {
  heading: ExportHeading
  indicators: SummaryIndicator[]
  bureaus: SummaryBureauRow[]
  average: SummaryAverageRow
  ranking: RankingTableRow[]
  rectifications: RectificationTableRow[]
  reporting: ReportingTableRow[]
  /** E.g. 应上报 28 家，已上报 23 家…, shown above the 上报情况 table. */
  reportingNote?: string
}

export type CellValue = string | number | null
/** text: as is; integer; score: 2 decimals; percent: a 0..1 fraction shown as a percentage. */
export type ColumnFormat = 'text' | 'integer' | 'score' | 'percent'

export interface TableColumn<T> {
  header: string
  format: ColumnFormat
  /** Column width bounds (Excel character units); the width follows the content in between. */
  minWidth: number
  maxWidth: number
  value: (row: T, index: number) => CellValue
}

export interface TableSpec<T> {
  /** Its entry in the export registry (sheet name, file name). */
  kind: TableKind
  title: (heading: ExportHeading) => string
  columns: TableColumn<T>[]
}

const text = <T>(header: string, value: (row: T) => string | null, minWidth: number, maxWidth: number): TableColumn<T> => ({
  header,
  format: 'text',
  minWidth,
  maxWidth,
  value,
})
const serial = <T>(): TableColumn<T> => ({ header: '序号', format: 'integer', minWidth: 6, maxWidth: 8, value: (_row, i) => i + 1 })

/** A bureau's status in an export; a bureau without a submission has 未上报. */
export const exportStatusLabel = (status: SummaryStatus) => (status === NO_SUBMISSION ? '未上报' : SUBMISSION_STATUS_LABELS[status])

/** 按时 / 逾期 by the one on-time rule; empty while not reported. */
export const timelinessLabel = (onTime: boolean | null) => (onTime === null ? '' : onTime ? '按时' : '逾期')

/** 等次, 加分, 扣分 columns: — where a figure is missing (unranked, or published before rules). */
export const RULE_HEADERS = ['等次', '加分', '扣分'] as const
function ruleColumns<T extends RuleFigures>(): TableColumn<T>[] {
  return [
    text(RULE_HEADERS[0], (r) => r.grade ?? '—', 8, 10),
    { header: RULE_HEADERS[1], format: 'score', minWidth: 8, maxWidth: 10, value: (r) => r.bonus },
    { header: RULE_HEADERS[2], format: 'score', minWidth: 8, maxWidth: 10, value: (r) => r.deduction },
  ]
}

export const RANKING_TABLE: TableSpec<RankingTableRow> = {
  kind: 'ranking',
  title: (h) => `${h.regionName}${h.year}年度法治政府建设情况排名`,
  columns: [
    { header: '名次', format: 'integer', minWidth: 8, maxWidth: 10, value: (r) => (r.rank === null ? '未上报' : r.tied ? rankLabel(r.rank, true) : r.rank) },
    text('单位', (r) => r.name, 16, 40),
    { header: '得分', format: 'score', minWidth: 10, maxWidth: 12, value: (r) => r.score },
    ...ruleColumns<RankingTableRow>(),
    { header: '达标率', format: 'percent', minWidth: 10, maxWidth: 12, value: (r) => r.completion },
    text('较上年', (r) => rankChangeLabel(r.rank, r.rankChange), 10, 12),
    text('是否按时', (r) => timelinessLabel(r.onTime), 10, 10),
  ],
}

export const RECTIFICATION_TABLE: TableSpec<RectificationTableRow> = {
  kind: 'rectifications',
  title: (h) => `${h.regionName}${h.year}年度整改台账`,
  columns: [
    serial(),
    text('单位', (r) => r.bureauName, 14, 30),
    text('存在问题', (r) => r.problem, 20, 48),
    text('整改措施', (r) => r.measure, 16, 40),
    text('责任人', (r) => r.owner, 10, 16),
    text('整改时限', (r) => r.deadline, 12, 12),
    text('整改状态', (r) => r.status, 10, 30),
    text('完成日期', (r) => r.completedAt, 12, 12),
  ],
}

export const REPORTING_TABLE: TableSpec<ReportingTableRow> = {
  kind: 'reporting',
  title: (h) => `${h.regionName}${h.year}年度法治政府建设情况报告上报情况`,
  columns: [
    serial(),
    text('单位', (r) => r.bureauName, 14, 30),
    text('上报状态', (r) => r.status, 10, 10),
    text('首次上报时间', (r) => r.firstSubmittedAt, 18, 18),
    text('是否按时', (r) => r.timeliness, 10, 10),
    { header: '逾期天数', format: 'integer', minWidth: 10, maxWidth: 10, value: (r) => r.daysOverdue },
    text('报告公开网址', (r) => r.publishedUrl, 16, 50),
    text('公开日期', (r) => r.publishedAt, 12, 12),
  ],
}

export const CHASE_TABLE: TableSpec<ChaseTableRow> = {
  kind: 'chase',
  title: (h) => `${h.regionName}${h.year}年度法治政府建设情况报告催报记录`,
  columns: [
    serial(),
    text('单位', (r) => r.bureauName, 14, 30),
    text('上报状态', (r) => r.status, 10, 18),
    { header: '逾期天数', format: 'integer', minWidth: 10, maxWidth: 10, value: (r) => r.daysOverdue },
    { header: '催报次数', format: 'integer', minWidth: 10, maxWidth: 10, value: (r) => r.timesChased },
    text('最近催报时间', (r) => r.lastChasedAt, 18, 18),
    text('最近催报级别', (r) => r.lastLevel, 12, 12),
    text('送达情况', (r) => r.delivery, 16, 30),
    text('催报经过', (r) => r.history, 24, 60),
  ],
}

export const summaryTitle = (h: ExportHeading) => `${h.regionName}${h.year}年度法治政府建设情况汇总表`

/** The same table as CSV columns: percentages as "85.7%", empty for missing values. */
export function csvColumns<T>(spec: TableSpec<T>): CsvColumn<{ row: T; index: number }>[] {
  return spec.columns.map((col) => ({
    header: col.header,
    value: ({ row, index }) => {
      const v = col.value(row, index)
      if (v === null || typeof v === 'string') return v
      if (col.format === 'percent') return `${(Math.round(v * 1000) / 10).toFixed(1)}%`
      if (col.format === 'score') return v.toFixed(2)
      return v
    },
  }))
}
