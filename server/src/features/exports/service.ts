import type { Writable } from 'node:stream'
import {
  can,
  CHASE_LEVEL_LABELS,
  chaseDeliveryText,
  type ChaseRecord,
  type CountyFigure,
  chinaDate,
  chinaDateTime,
  exportFileName,
  type ExportFigures,
  type ExportFormat,
  type ExportKind,
  type FrozenIndicatorResult,
  type Indicator,
  isReported,
  rectificationStageText,
  type PublishedFigures,
  type Ranking,
  type Summary,
} from '@fazhi/shared'
import { notFound } from '../../errors'
import { toCsv } from '../../lib/csv'
import { seesBureau } from '../../plugins/access'
import type { CyclesService } from '../cycles/service'
import type { DashboardRepository } from '../dashboard/repository'
import { averageOf, type DashboardSources } from '../dashboard/board'
import { dashboardService } from '../dashboard/service'
import { visibilityFor } from '../dashboard/visibility'
import type { ScopedUser } from '../regions/scope'
import { chaseList } from '../reminders/list'
import type { ExportsRepository } from './repository'
import { buildSummaryWorkbook, buildTableWorkbook } from './sheets'
import {
  CHASE_TABLE,
  type ChaseTableRow,
  csvColumns,
  type ExportHeading,
  exportStatusLabel,
  RANKING_TABLE,
  type RankingTableRow,
  RECTIFICATION_TABLE,
  type RectificationTableRow,
  type RuleFigures,
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
 * Where an export's figures come from: the dashboard now (live), or a published version's frozen
 * figures. The builders below read only through it, so a version's export shows the same figures
 * on every download.
 */
export interface ExportSource {
  year: number
  /** The moment the figures hold at: now, or the version's publication. */
  at: Date
  /** The published version, named in every sheet's note; undefined for live figures. */
  published?: { version: number; title: string; publishedAt: string }
  regionName: () => Promise<string>
  summary: () => Promise<Summary>
  ranking: () => Promise<Ranking>
  indicatorMatrix: () => Promise<{ indicators: Indicator[]; byBureau: Map<number, FrozenIndicatorResult[] | null>; countyAverage: Map<string, CountyFigure> }>
  /** The year's rectification items (optionally one bureau's). */
  rectificationItems: (bureauId?: number) => Promise<ExportFigures['rectifications']>
  publications: () => Promise<ExportFigures['publications']>
}

/** A published version's frozen figures as an export source. */
export function publishedSource(f: PublishedFigures): ExportSource {
  const matrix = {
    indicators: f.exports.indicators,
    byBureau: new Map(f.exports.results.map((r) => [r.bureauId, r.indicators])),
    countyAverage: new Map(f.exports.countyAverage.map(({ code, average, yes }) => [code, { average, yes }])),
  }
  return {
    year: f.year,
    at: new Date(f.publishedAt),
    published: { version: f.version, title: f.title, publishedAt: f.publishedAt },
    regionName: async () => f.exports.regionName,
    summary: async () => f.summary,
    ranking: async () => f.ranking,
    indicatorMatrix: async () => matrix,
    rectificationItems: async (bureauId) => (bureauId === undefined ? f.exports.rectifications : f.exports.rectifications.filter((r) => r.bureauId === bureauId)),
    publications: async () => f.exports.publications,
  }
}

/**
 * The meeting exports. Every score, rank, 达标率 and indicator value comes from the dashboard
 * service (live, or as frozen at publication), so a table shows exactly what the dashboard shows.
 * A bureau user gets the county ranking (public to them) and otherwise only their own bureau's rows.
 */
/** A region an export covers: its name and the bureaus of its subtree. */
interface Region {
  name: string
  bureaus: ReadonlySet<number>
}

/** A year's 催报 records, newest first, up to an instant (ISO) when given: the reminders service's history. */
export type ChaseRecords = (year: number, until?: string) => Promise<ChaseRecord[]>

export function exportsService(
  catalog: DashboardSources & Pick<CyclesService, 'requireCycle'>,
  dashboardRepo: DashboardRepository,
  repo: ExportsRepository,
  chaseRecords: ChaseRecords,
  clock: () => Date,
) {
  /** The live figures of a year (of a region's subtree when given), read when first asked for. */
  function liveSource(year: number, regionId?: number): ExportSource {
    const dashboard = dashboardService(catalog, dashboardRepo, clock)
    let summaryMemo: Summary | undefined
    return {
      year,
      at: clock(),
      regionName: async () => {
        const regionNames = new Set((await catalog.listBureaus({ activeOnly: true })).map((b) => b.regionName))
        return regionNames.size === 1 ? [...regionNames][0] : (await repo.rootRegionName() ?? '')
      },
      summary: async () => (summaryMemo ??= await dashboard.summary(year, regionId)),
      ranking: () => dashboard.ranking(year, regionId),
      indicatorMatrix: () => dashboard.indicatorMatrix(year, regionId),
      rectificationItems: async (bureauId) => {
        await catalog.requireCycle(year)
        return await repo.rectificationItems(year, bureauId)
      },
      publications: () => repo.publications(year),
    }
  }

  /** A region's name and the bureaus of its subtree. */
  async function regionOf(regionId: number): Promise<Region> {
    const region = await dashboardRepo.region(regionId)
    if (!region) throw notFound('地区不存在')
    const tree = new Set(await dashboardRepo.regionTree(regionId))
    return { name: region.name, bureaus: new Set((await catalog.listBureaus()).filter((b) => tree.has(b.regionId)).map((b) => b.id)) }
  }

  /**
   * One export's view of the data: which bureaus' details it may show (those the user reads, of the
   * region's subtree when a region is given), and its heading.
   */
  async function session(user: ScopedUser, source: ExportSource, region?: Region) {
    const { year } = source
    const generatedAt = source.at
    const ownBureauOnly = !can(user, 'allBureaus')
    const inRegion = (bureauId: number) => !region || region.bureaus.has(bureauId)
    const mayDetail = (bureauId: number) => inRegion(bureauId) && seesBureau(user, bureauId)

    const own = ownBureauOnly && user.bureauId !== null ? await catalog.getBureau(user.bureauId) : undefined
    const heading: ExportHeading = {
      regionName: region?.name ?? await source.regionName(),
      year,
      generatedAt,
      published: source.published,
      scopeNote: ownBureauOnly ? `导出范围：${own?.name ?? '本单位'}` : region ? `导出范围：${region.name}` : undefined,
    }

    const summary = source.summary
    /** The ranking of the region as the user may read it: a bureau user reads another bureau's rank, score and grade only. */
    const ranked = async (): Promise<Ranking> => {
      const r = visibilityFor(user).ranking(await source.ranking())
      return region ? { ...r, rows: r.rows.filter((row) => inRegion(row.bureauId)), unreported: r.unreported.filter((row) => inRegion(row.bureauId)) } : r
    }

    /** Each ranked bureau's 等次, 加分 and 扣分, as the ranking holds them (the one source of every export's). */
    async function ruleFigures(): Promise<(bureauId: number) => RuleFigures> {
      const byBureau = new Map((await ranked()).rows.map((row) => [row.bureauId, row]))
      return (bureauId) => {
        const row = byBureau.get(bureauId)
        return { grade: row?.grade ?? null, bonus: row?.bonus ?? null, deduction: row?.deduction ?? null }
      }
    }

    async function ranking(): Promise<RankingTableRow[]> {
      const r = await ranked()
      const rules = await ruleFigures()
      return [
        ...r.rows.map((row) => ({ rank: row.rank, tied: row.tied, name: row.name, score: row.score, completion: row.completion ?? null, rankChange: row.rankChange, onTime: row.onTime ?? null, ...rules(row.bureauId) })),
        ...r.unreported.map((row) => ({ rank: null, name: row.name, score: null, completion: null, rankChange: null, onTime: null, ...rules(row.bureauId) })),
      ]
    }

    async function rectifications(): Promise<RectificationTableRow[]> {
      return (await source.rectificationItems(ownBureauOnly ? (user.bureauId ?? -1) : undefined)).filter((item) => mayDetail(item.bureauId)).map((item) => ({
        bureauName: item.bureauName,
        problem: item.problem,
        measure: item.measure,
        owner: item.owner,
        deadline: item.deadline,
        status: rectificationStageText(item, generatedAt),
        completedAt: item.completedAt ? chinaDate(item.completedAt) : null,
      }))
    }

    async function reporting(): Promise<ReportingTableRow[]> {
      const published = new Map((await source.publications()).map((p) => [p.bureauId, p]))
      return (await summary())
        .bureaus.filter((b) => mayDetail(b.bureauId))
        .map((b) => {
          const reported = isReported(b.status)
          const p = published.get(b.bureauId)
          return {
            bureauName: b.name,
            status: exportStatusLabel(b.status),
            firstSubmittedAt: b.firstSubmittedAt ? chinaDateTime(b.firstSubmittedAt) : null,
            timeliness: !reported ? '未上报' : b.onTime ? '按时' : '逾期',
            daysOverdue: b.daysOverdue > 0 ? b.daysOverdue : null,
            publishedUrl: p?.publishedUrl ?? null,
            publishedAt: p?.publishedAt ? chinaDate(p.publishedAt) : null,
          }
        })
    }

    /** The 催报 list (as it stood at the version's publication, for a published one) with each bureau's chases. */
    async function chase(): Promise<ChaseTableRow[]> {
      const byBureau = new Map<number, ChaseRecord[]>()
      for (const r of (await chaseRecords(year, source.published?.publishedAt)).toReversed()) byBureau.set(r.bureauId, [...(byBureau.get(r.bureauId) ?? []), r])
      const chaseText = (r: ChaseRecord) => `${chinaDateTime(r.at)} ${CHASE_LEVEL_LABELS[r.level]}（${chaseDeliveryText(r)}）`
      return chaseList((await summary()).bureaus)
        .filter((b) => mayDetail(b.bureauId))
        .map((b) => {
          const chases = byBureau.get(b.bureauId) ?? []
          const last = chases.at(-1)
          return {
            bureauName: b.name,
            status: b.reason === 'late' ? `${exportStatusLabel(b.status)}（逾期上报）` : exportStatusLabel(b.status),
            daysOverdue: b.daysOverdue > 0 ? b.daysOverdue : null,
            timesChased: chases.length,
            lastChasedAt: last ? chinaDateTime(last.at) : null,
            lastLevel: last ? CHASE_LEVEL_LABELS[last.level] : null,
            delivery: last ? chaseDeliveryText(last) : null,
            history: chases.map(chaseText).join('；'),
          }
        })
    }

    async function reportingNote(): Promise<string> {
      const s = await summary()
      return `应上报 ${s.expected} 家，已上报 ${s.reported} 家（上报率 ${pct(s.reportingRate)}），按时上报 ${s.onTime} 家（按时上报率 ${pct(s.onTimeRate)}）`
    }

    async function summaryData(): Promise<SummaryWorkbookData> {
      const s = await summary()
      const { indicators, byBureau, countyAverage } = await source.indicatorMatrix()
      const visible = s.bureaus.filter((b) => mayDetail(b.bureauId))
      const rules = await ruleFigures()
      const bureaus: SummaryBureauRow[] = visible.map((b) => {
        const byCode = new Map(byBureau.get(b.bureauId)?.map((i) => [i.code, i]))
        return {
          name: b.name,
          status: b.status,
          onTime: b.onTime,
          score: b.score,
          completion: b.completion,
          fillRate: b.fillRate,
          rank: b.rank,
          tied: b.tied,
          ...rules(b.bureauId),
          cells: indicators.map((ind) => {
            const d = byCode.get(ind.code)
            return { value: d?.value ?? null, applicable: d?.applicable ?? false, filled: d?.filled ?? false, met: d?.met ?? false }
          }),
        }
      })
      const reported = s.bureaus.filter((b) => isReported(b.status))
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
          values: indicators.map((ind) => countyAverage.get(ind.code)!),
          score: s.averageScore,
          completion: averageOf(reported.map((b) => b.completion)),
          fillRate: averageOf(reported.map((b) => b.fillRate)),
        },
        ranking: await ranking(),
        rectifications: await rectifications(),
        reporting: await reporting(),
        reportingNote: await reportingNote(),
      }
    }

    return { heading, summaryData, ranking, rectifications, reporting, reportingNote, chase, summary }
  }

  type Session = Awaited<ReturnType<typeof session>>

  /** The rows behind a year's exports as they stand now, for freezing into a published version. */
  async function exportFigures(year: number): Promise<ExportFigures> {
    const source = liveSource(year)
    const { indicators, byBureau, countyAverage } = await source.indicatorMatrix()
    return {
      regionName: await source.regionName(),
      indicators,
      results: [...byBureau].map(([bureauId, results]) => ({ bureauId, indicators: results })),
      countyAverage: [...countyAverage].map(([code, figure]) => ({ code, ...figure })),
      rectifications: await source.rectificationItems(),
      publications: await source.publications(),
    }
  }

  /** One table on its own, as a workbook or CSV. */
  function tableFile<T>(format: ExportFormat, spec: TableSpec<T>, rows: T[], heading: ExportHeading, note?: string): ExportFile {
    const body =
      format === 'csv'
        ? toCsv(
            csvColumns(spec),
            rows.map((row, index) => ({ row, index })),
          )
        : (out: Writable) => buildTableWorkbook(spec, rows, heading, out, note)
    return { kind: spec.kind, format, fileName: exportFileName(spec.kind, format, heading.year, heading.published?.version), rows: rows.length, body }
  }

  /** The builder of each export in the registry. */
  const builders: Record<ExportKind, (s: Session, format: ExportFormat) => Promise<ExportFile>> = {
    // The meeting workbook: 汇总表 and every table.
    summary: async (s, format) => {
      const data = await s.summaryData()
      return {
        kind: 'summary',
        format,
        fileName: exportFileName('summary', format, s.heading.year, s.heading.published?.version),
        rows: data.bureaus.length,
        body: (out) => buildSummaryWorkbook(data, out),
      }
    },
    ranking: async (s, format) => tableFile(format, RANKING_TABLE, await s.ranking(), s.heading),
    rectifications: async (s, format) => tableFile(format, RECTIFICATION_TABLE, await s.rectifications(), s.heading),
    reporting: async (s, format) => tableFile(format, REPORTING_TABLE, await s.reporting(), s.heading, await s.reportingNote()),
    chase: async (s, format) => tableFile(format, CHASE_TABLE, await s.chase(), s.heading),
  }

  return {
    /**
     * One export of the registry, in one of its formats: of the live figures, or of a published
     * version's; of a region's subtree when `regionId` is given (the caller checks it is within the
     * user's scope: `regionFilter`).
     */
    file: async (user: ScopedUser, kind: ExportKind, format: ExportFormat, year: number, published?: PublishedFigures, regionId?: number): Promise<ExportFile> =>
      builders[kind](await session(user, published ? publishedSource(published) : liveSource(year, regionId), regionId === undefined ? undefined : await regionOf(regionId)), format),
    exportFigures,
  }
}
export type ExportsService = ReturnType<typeof exportsService>
