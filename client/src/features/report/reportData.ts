import { type Bureau, chinaDate, type ChaseRow, isReported, type Summary, type SummaryBureau, type SummaryStatus } from '@fazhi/shared'
import { CHASE_REASONS, type ChaseReason, compareChaseReasons } from '../overview/chase'

/**
 * The region the report is about: the one most active bureaus belong to. A county has one; the
 * API names no "own region" of the office, so for several the largest stands for the set.
 */
export function mainRegionName(bureaus: readonly Pick<Bureau, 'regionName' | 'active'>[]): string | null {
  const counts = new Map<string, number>()
  for (const b of bureaus) if (b.active) counts.set(b.regionName, (counts.get(b.regionName) ?? 0) + 1)
  let best: string | null = null
  for (const [name, n] of counts) if (best === null || n > counts.get(best)!) best = name
  return best
}

export const reportTitle = (regionName: string | null, year: number) => `${regionName ?? ''}${year}年度法治政府建设情况`

/** Which figures the printed view is of: a published version (定稿) or the live data. */
export const printVersionLine = (selected: { version: number; publishedAt: string } | undefined) =>
  selected ? `定稿第 ${selected.version} 版，${chinaDate(selected.publishedAt)} 发布` : '实时数据（未定稿）'

/**
 * The sheet's rules for paper: A4 landscape, the version on every page's top right and the page
 * number at its foot (CSS page-margin boxes, which Chromium draws since version 131, also in
 * `page.pdf`). `versionLine` is our own text, never a user's, so quoting it is enough.
 */
export const printPageCss = (versionLine: string) => `
@page {
  size: A4 landscape;
  margin: 14mm 12mm;
  @top-right { content: "${versionLine.replace(/["\\]/g, '')}"; font-size: 9pt; color: #595959; }
  @bottom-center { content: "第 " counter(page) " 页，共 " counter(pages) " 页"; font-size: 9pt; color: #595959; }
}
@media print {
  html, body { background: #fff !important; }
  .app-header, .report-toolbar { display: none !important; }
  .app-content { padding: 0 !important; }
}
`

export interface ReportingRow {
  bureauId: number
  name: string
  status: SummaryStatus
  /** The first submission: days late are measured to it. */
  firstSubmittedAt: string | null
  /** 按时 / 逾期 3 天上报 / 已逾期 12 天 / 未到截止日 */
  timing: string
  /** Why the office must chase this bureau; null when it reported on time. */
  chase: ChaseReason | null
}

function timingOf(b: SummaryBureau): string {
  // Days late run from the due date to the first submission: a late report with 0 days answered a return after its deadline.
  if (isReported(b.status)) return b.onTime === false ? (b.daysOverdue > 0 ? `逾期 ${b.daysOverdue} 天上报` : '退回后逾期重报') : '按时上报'
  if (b.daysOverdue > 0) return `已逾期 ${b.daysOverdue} 天`
  return b.status === 'returned' ? '已退回，待重报' : '未到截止日'
}

/** Every bureau's reporting: the ones to chase first (in the order of the server's 催报 list), then the rest by first submission time. */
export function reportingRows(summary: Summary, chase: readonly ChaseRow[]): ReportingRow[] {
  const reasons = new Map(chase.map((c) => [c.bureauId, c.reason]))
  const order = new Map(chase.map((c, i) => [c.bureauId, i]))
  const row = (b: SummaryBureau): ReportingRow => ({
    bureauId: b.bureauId,
    name: b.name,
    status: b.status,
    firstSubmittedAt: b.firstSubmittedAt,
    timing: timingOf(b),
    chase: reasons.get(b.bureauId) ?? null,
  })
  const chased = summary.bureaus.filter((b) => order.has(b.bureauId)).sort((a, b) => order.get(a.bureauId)! - order.get(b.bureauId)!)
  const onTime = summary.bureaus
    .filter((b) => !order.has(b.bureauId))
    .sort((a, b) => (a.firstSubmittedAt ?? '').localeCompare(b.firstSubmittedAt ?? '') || a.code.localeCompare(b.code))
  return [...chased, ...onTime].map(row)
}

/** The chase list as one sentence per reason, for the line above the table: 未填报 3 个、逾期上报 2 个. */
export function chaseSummary(rows: readonly ReportingRow[]): string {
  const counts = new Map<ChaseReason, number>()
  for (const r of rows) if (r.chase) counts.set(r.chase, (counts.get(r.chase) ?? 0) + 1)
  return [...counts]
    .sort(([a], [b]) => compareChaseReasons(a, b))
    .map(([reason, n]) => `${CHASE_REASONS[reason].label} ${n} 个`)
    .join('、')
}

// Chart heights for an A4 landscape page (186 mm ≈ 700 px of height inside the margins). The score
// chart shares the first page with the title and the headline figures; the heat map has a page.
const BAR_ROW = 17
const HEAT_ROW = 21
const FIRST_PAGE_CHART = 400
const FULL_PAGE_CHART = 640

/** The score chart: on the first page if its bars stay readable there, else on a page of its own. */
export function scoreChartHeight(bureaus: number): number {
  const natural = Math.max(bureaus, 8) * BAR_ROW + 24
  if (natural <= FIRST_PAGE_CHART * 1.15) return Math.min(natural, FIRST_PAGE_CHART)
  return Math.min(natural, FULL_PAGE_CHART)
}

/** The heat map: a row per bureau, squeezed to fit one page. */
export const heatmapHeight = (bureaus: number) => Math.min(Math.max(bureaus, 8) * HEAT_ROW + 64, FULL_PAGE_CHART + 20)
