import type { Writable } from 'node:stream'
import {
  can,
  chinaDate,
  chinaDateTime,
  exportFileName,
  type ExportFormat,
  type ExportKind,
  isReported,
  mean,
  rectificationStageText,
  round,
  type Summary,
  type User,
} from '@fazhi/shared'
import { toCsv } from '../../lib/csv'
import type { CyclesService } from '../cycles/service'
import type { DashboardRepository } from '../dashboard/repository'
import type { DashboardSources } from '../dashboard/board'
import { dashboardService } from '../dashboard/service'
import type { ExportsRepository } from './repository'
import { buildSummaryWorkbook, buildTableWorkbook } from './sheets'
import {
  csvColumns,
  type ExportHeading,
  exportStatusLabel,
  RANKING_TABLE,
  type RankingTableRow,
  RECTIFICATION_TABLE,
  type RectificationTableRow,
  REPORTING_TABLE,
  type ReportingTableRow,
  type SummaryBureauRow,
  type SummaryWorkbookData,
  type TableSpec,
} from './tables'

export interface ExportFile {
  kind: ExportKind
  format: ExportFormat
  fileName: string
  /** Data rows in the file (for 汇总表: bureau rows), recorded in the audit log. */
  rows: number
  /** CSV text, or a writer that streams the workbook to a stream. */
  body: string | ((out: Writable) => Promise<void>)
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`

/**
 * The meeting exports. Every score, rank, 达标率 and indicator value comes from the dashboard
 * service, so a table shows exactly what the dashboard shows. A bureau user gets the county ranking
 * (public to them) and otherwise only their own bureau's rows.
 */
export function exportsService(catalog: DashboardSources & Pick<CyclesService, 'requireCycle'>, dashboardRepo: DashboardRepository, repo: ExportsRepository, clock: () => Date) {
  /** One export's view of the data: reads are cached, and which bureaus' details it may show. */
  function session(user: User, year: number) {
    const dashboard = dashboardService(catalog, dashboardRepo, clock)
    const generatedAt = clock()
    const ownBureauOnly = !can(user, 'allBureaus')
    const mayDetail = (bureauId: number) => !ownBureauOnly || bureauId === user.bureauId

    const active = catalog.listBureaus({ activeOnly: true })
    const regionNames = new Set(active.map((b) => b.regionName))
    const own = ownBureauOnly && user.bureauId !== null ? catalog.getBureau(user.bureauId) : undefined
    const heading: ExportHeading = {
      regionName: regionNames.size === 1 ? [...regionNames][0] : (repo.rootRegionName() ?? ''),
      year,
      generatedAt,
      scopeNote: ownBureauOnly ? `导出范围：${own?.name ?? '本单位'}` : undefined,
    }

    let summaryMemo: Summary | undefined
    const summary = () => (summaryMemo ??= dashboard.summary(year))

    function requireCycle() {
      catalog.requireCycle(year)
    }

    function ranking(): RankingTableRow[] {
      const r = dashboard.ranking(year)
      return [
        ...r.rows.map((row) => ({ rank: row.rank, name: row.name, score: row.score, completion: row.completion, rankChange: row.rankChange })),
        ...r.unreported.map((row) => ({ rank: null, name: row.name, score: null, completion: null, rankChange: null })),
      ]
    }

    function rectifications(): RectificationTableRow[] {
      requireCycle()
      return repo.rectificationItems(year, ownBureauOnly ? (user.bureauId ?? -1) : undefined).map((item) => ({
        bureauName: item.bureauName,
        problem: item.problem,
        measure: item.measure,
        owner: item.owner,
        deadline: item.deadline,
        status: rectificationStageText(item, generatedAt),
        completedAt: item.completedAt ? chinaDate(item.completedAt) : null,
      }))
    }

    function reporting(): ReportingTableRow[] {
      const published = new Map(repo.publications(year).map((p) => [p.bureauId, p]))
      return summary()
        .bureaus.filter((b) => mayDetail(b.bureauId))
        .map((b) => {
          const reported = isReported(b.status)
          const p = published.get(b.bureauId)
          return {
            bureauName: b.name,
            status: exportStatusLabel(b.status),
            submittedAt: b.submittedAt ? chinaDateTime(b.submittedAt) : null,
            timeliness: !reported ? '未上报' : b.onTime ? '按时' : '逾期',
            daysOverdue: b.daysOverdue > 0 ? b.daysOverdue : null,
            publishedUrl: p?.publishedUrl ?? null,
            publishedAt: p?.publishedAt ? chinaDate(p.publishedAt) : null,
          }
        })
    }

    function reportingNote(): string {
      const s = summary()
      return `应上报 ${s.expected} 家，已上报 ${s.reported} 家（上报率 ${pct(s.reportingRate)}），按时上报 ${s.onTime} 家（按时上报率 ${pct(s.onTimeRate)}）`
    }

    function summaryData(): SummaryWorkbookData {
      const s = summary()
      const { indicators, byBureau, countyAverage } = dashboard.indicatorMatrix(year)
      const visible = s.bureaus.filter((b) => mayDetail(b.bureauId))
      const bureaus: SummaryBureauRow[] = visible.map((b) => {
        const byCode = new Map(byBureau.get(b.bureauId)?.map((i) => [i.code, i]))
        return {
          name: b.name,
          status: b.status,
          score: b.score,
          completion: b.completion,
          fillRate: b.fillRate,
          rank: b.rank,
          cells: indicators.map((ind) => {
            const d = byCode.get(ind.code)
            return { value: d?.value ?? null, applicable: d?.applicable ?? false, filled: d?.filled ?? false, met: d?.met ?? false }
          }),
        }
      })
      const reported = s.bureaus.filter((b) => isReported(b.status))
      const averageOf = (xs: (number | null)[]) => {
        const m = mean(xs.filter((x): x is number => x !== null))
        return m === null ? null : round(m, 4)
      }
      return {
        heading,
        indicators: indicators.map((ind) => ({
          code: ind.code,
          categoryName: ind.categoryName,
          name: ind.name,
          unit: ind.unit,
          kind: ind.kind,
          derivedAs: ind.derivedAs,
          direction: ind.direction,
          target: ind.target,
          weight: ind.weight,
        })),
        bureaus,
        average: {
          values: indicators.map((ind) => countyAverage.get(ind.code) ?? null),
          score: s.averageScore,
          completion: averageOf(reported.map((b) => b.completion)),
          fillRate: averageOf(reported.map((b) => b.fillRate)),
        },
        ranking: ranking(),
        rectifications: rectifications(),
        reporting: reporting(),
        reportingNote: reportingNote(),
      }
    }

    return { heading, summaryData, ranking, rectifications, reporting, reportingNote, summary }
  }

  type Session = ReturnType<typeof session>

  /** One table on its own, as a workbook or CSV. */
  function tableFile<T>(format: ExportFormat, spec: TableSpec<T>, rows: T[], heading: ExportHeading, note?: string): ExportFile {
    const body =
      format === 'csv'
        ? toCsv(
            csvColumns(spec),
            rows.map((row, index) => ({ row, index })),
          )
        : (out: Writable) => buildTableWorkbook(spec, rows, heading, out, note)
    return { kind: spec.kind, format, fileName: exportFileName(spec.kind, format, heading.year), rows: rows.length, body }
  }

  /** The builder of each export in the registry. */
  const builders: Record<ExportKind, (s: Session, format: ExportFormat) => ExportFile> = {
    // The meeting workbook: 汇总表 and every table.
    summary: (s, format) => {
      const data = s.summaryData()
      return {
        kind: 'summary',
        format,
        fileName: exportFileName('summary', format, s.heading.year),
        rows: data.bureaus.length,
        body: (out) => buildSummaryWorkbook(data, out),
      }
    },
    ranking: (s, format) => tableFile(format, RANKING_TABLE, s.ranking(), s.heading),
    rectifications: (s, format) => tableFile(format, RECTIFICATION_TABLE, s.rectifications(), s.heading),
    reporting: (s, format) => tableFile(format, REPORTING_TABLE, s.reporting(), s.heading, s.reportingNote()),
  }

  return {
    /** One export of the registry, in one of its formats. */
    file: (user: User, kind: ExportKind, format: ExportFormat, year: number): ExportFile => builders[kind](session(user, year), format),
  }
}
export type ExportsService = ReturnType<typeof exportsService>
