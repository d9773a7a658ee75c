import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons'
import { type Cycle, rankLabel, type RankingRow, type Summary, type SummaryBureau } from '@fazhi/shared'
import { useQuery } from '@tanstack/react-query'
import { Button, Empty, Skeleton, Tag } from 'antd'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom'
import { ErrorState } from '../../components/ErrorState'
import { LateTag } from '../../components/LateTag'
import { RankChange } from '../../components/RankChange'
import { StatusTag } from '../../components/StatusTag'
import { attainmentClass } from '../../lib/colors'
import { EMPTY, formatDateTime, formatPercent, formatScore } from '../../lib/format'
import { formatBonus, formatDeduction } from '../../lib/rules'
import { NOT_APPLICABLE } from '../../lib/status'
import { bureausQuery, cyclesQuery } from '../catalog/queries'
import { YearSelect } from '../catalog/YearSelect'
import { ExportButton } from '../exports/ExportButton'
import { CHASE_REASONS } from '../overview/chase'
import { KpiCards } from '../overview/KpiCards'
import { buildKpis } from '../overview/kpis'
import { buildHeatmapOption, buildScoreBarOption, heatmapRows, rectificationRows, scoreRanking } from '../overview/overview.options'
import { summaryQuery } from '../overview/queries'
import { rankingQuery } from '../ranking/queries'
import { keepRegion } from '../regions/regions'
import { useRegion } from '../regions/useRegion'
import { remindersQuery } from '../reminders/queries'
import { ResultViewSwitch } from '../results/ResultViewSwitch'
import { type ResultView, useResultView } from '../results/useResultView'
import { PrintChart } from './PrintChart'
import { PrintTable, type PrintColumn } from './PrintTable'
import './report.css'
import { chaseSummary, heatmapHeight, mainRegionName, printPageCss, printVersionLine, reportingRows, reportTitle, scoreChartHeight, type ReportingRow } from './reportData'

export default function ReportPage() {
  const { year: yearParam } = useParams()
  const navigate = useNavigate()
  const cycles = useQuery(cyclesQuery())
  const year = Number(yearParam)
  const cycle = cycles.data?.find((c) => c.year === year)
  const [ready, setReady] = useState(false)
  const view = useResultView(cycle ? year : null)
  const [params] = useSearchParams()
  const { regionId } = useRegion()

  let body
  if (cycles.isPending) body = <Skeleton active paragraph={{ rows: 12 }} />
  else if (cycles.isError) body = <ErrorState error={cycles.error} onRetry={() => cycles.refetch()} />
  else if (!cycle) body = <Empty className="report-empty" description={`没有 ${yearParam ?? ''} 年度的填报周期`} />
  else body = <ReportBody key={`${year}|${view.version ?? 'live'}`} cycle={cycle} view={view} onReady={setReady} />

  return (
    <div className="report-page">
      {/* Rules for paper that must not outlive this page: the sheet, its running version and page numbers, hiding the app's shell. */}
      <style>{printPageCss(printVersionLine(view.selected))}</style>
      <div className="report-toolbar">
        <Link to={{ pathname: '/', search: cycle ? view.search(year) : '' }}>
          <Button icon={<ArrowLeftOutlined />}>返回总览</Button>
        </Link>
        <YearSelect cycles={cycles.data ?? []} value={cycle ? year : null} onChange={(y) => (setReady(false), navigate({ pathname: `/report/${y}`, search: keepRegion(params, new URLSearchParams()).toString() }))} />
        {cycle && (
          <>
            <ResultViewSwitch view={view} />
            <ExportButton kind="summary" year={year} version={view.version} regionId={regionId} />
            <span className="report-ready-hint">{ready ? '图表已就绪，可打印（A4 横向）' : '图表渲染中，完成后可打印…'}</span>
            {/* Printing before every chart has drawn would put blank boxes on paper. */}
            <Button type="primary" icon={<PrinterOutlined />} disabled={!ready} onClick={() => window.print()}>
              打印
            </Button>
          </>
        )}
      </div>
      {body}
    </div>
  )
}

interface ReportBodyProps {
  cycle: Cycle
  view: ResultView
  /** Told whether every chart has drawn its final frame, i.e. whether the page may be printed. */
  onReady: (ready: boolean) => void
}

function ReportBody({ cycle, view, onReady }: ReportBodyProps) {
  const { year } = cycle
  const { regionId, regions } = useRegion()
  const summary = useQuery({ ...summaryQuery(year, view.version, regionId), enabled: view.ready })
  // The bonus and deduction of each ranked bureau (the ranking holds them; the grade is on both).
  const ranking = useQuery({ ...rankingQuery(year, view.version, regionId), enabled: view.ready })
  const rankingRows = useMemo(() => new Map(ranking.data?.rows.map((r) => [r.bureauId, r])), [ranking.data])
  const reminders = useQuery(remindersQuery(year, regionId))
  const bureaus = useQuery(bureausQuery())
  const [renderedCharts, setRenderedCharts] = useState<ReadonlySet<string>>(new Set())
  const chartRendered = useCallback((id: string) => setRenderedCharts((done) => (done.has(id) ? done : new Set([...done, id]))), [])

  const data = summary.data
  const kpis = useMemo(() => (data ? buildKpis(data, data.previous) : null), [data])
  // The office and leaders (the page's roles) get the county's 催报 list.
  const chase = reminders.data?.scope === 'county' ? reminders.data.chase : undefined
  const ranked = useMemo(() => (data ? scoreRanking(data) : []), [data])
  const scoreOption = useMemo(() => buildScoreBarOption(ranked, data?.averageScore ?? null), [ranked, data])
  const heatRows = useMemo(() => (data ? heatmapRows(data) : []), [data])
  const heatOption = useMemo(() => (data ? buildHeatmapOption(heatRows, data.categories) : null), [data, heatRows])
  const rankedByRank = useMemo(() => [...ranked].sort((a, b) => a.rank! - b.rank!), [ranked])
  const reporting = useMemo(() => (data && chase ? reportingRows(data, chase) : []), [data, chase])
  const rectRows = useMemo(() => (data ? rectificationRows(data) : []), [data])

  // A year without reports has no ranking to draw; the heat map still shows who is missing.
  const charts = data ? (ranked.length ? ['score', 'heatmap'] : ['heatmap']) : null
  const ready = !!charts && !!kpis && charts.every((id) => renderedCharts.has(id))
  useEffect(() => onReady(ready), [onReady, ready])

  if (summary.isError) return <ErrorState error={summary.error} onRetry={() => summary.refetch()} />
  if (reminders.isError) return <ErrorState error={reminders.error} onRetry={() => reminders.refetch()} />
  if (ranking.isError) return <ErrorState error={ranking.error} onRetry={() => ranking.refetch()} />
  if (!data || !kpis || !chase || !ranking.data) return <Skeleton active paragraph={{ rows: 12 }} className="report-sheet" />

  const title = reportTitle(regions.find((r) => r.id === regionId)?.name ?? (bureaus.data ? mainRegionName(bureaus.data) : null), year)
  const barHeight = scoreChartHeight(ranked.length)
  const heatHeight = heatmapHeight(heatRows.length)

  return (
    <article className="report-sheet" aria-label={title} data-ready={ready ? 'true' : 'false'}>
      <header className="report-head">
        <h1 className="report-title">{bureaus.isPending ? <Skeleton.Input active size="small" /> : title}</h1>
        <div className="report-meta">
          <span>会议材料</span>
          <span>上报截止 {data.dueDate}</span>
          <span className="report-version">{printVersionLine(view.selected)}</span>
          {view.selected ? (
            <span>
              《{view.selected.title}》 发布于 {formatDateTime(view.selected.publishedAt)}
            </span>
          ) : (
            <span>制表时间 {formatDateTime(new Date().toISOString())}</span>
          )}
          {!cycle.due && <Tag color="blue">填报进行中，数据为当前进度</Tag>}
        </div>
      </header>
      <KpiCards kpis={kpis} year={year} compare={cycle.due} refreshing={false} />

      <section className="report-section report-keep">
        <h2 className="report-heading">一、各单位综合得分排名</h2>
        {ranked.length ? (
          <PrintChart option={scoreOption} height={barHeight} ariaLabel={`${year} 年度各单位综合得分排名柱状图`} onRendered={() => chartRendered('score')} />
        ) : (
          <p className="text-muted">该年度尚无单位上报，暂无排名。</p>
        )}
        <p className="report-note">深色为不低于全县平均分（{formatScore(data.averageScore)}）的单位，浅色为低于平均分的单位。</p>
      </section>

      <section className="report-section report-break report-keep">
        <h2 className="report-heading">二、分类指标达成情况</h2>
        <PrintChart option={heatOption!} height={heatHeight} ariaLabel={`${year} 年度各单位分类指标达成度热力图`} onRendered={() => chartRendered('heatmap')} />
      </section>

      <section className="report-section report-break">
        <h2 className="report-heading">三、单位排名表</h2>
        <RankingTable rows={rankedByRank} summary={data} ranking={rankingRows} />
      </section>

      <section className="report-section report-break">
        <h2 className="report-heading">四、上报情况与催报名单</h2>
        <ReportingTable rows={reporting} summary={data} />
      </section>

      <section className="report-section report-break">
        <h2 className="report-heading">五、整改落实情况</h2>
        <RectificationTable rows={rectRows} summary={data} />
      </section>
    </article>
  )
}

const attainment = (v: number | null | undefined) =>
  v === null || v === undefined ? <span className="text-muted">{NOT_APPLICABLE}</span> : <span className={attainmentClass(v)}>{formatPercent(v, 0)}</span>

function RankingTable({ rows, summary, ranking }: { rows: SummaryBureau[]; summary: Summary; ranking: ReadonlyMap<number, RankingRow> }) {
  if (!rows.length) return <p className="text-muted">该年度尚无单位上报，暂无排名。</p>
  const columns: PrintColumn<SummaryBureau>[] = [
    { title: '排名', align: 'center', width: 44, render: (b) => rankLabel(b.rank!, b.tied) },
    {
      title: '单位',
      render: (b) => (
        <>
          {b.name}
          <LateTag onTime={b.onTime} />
        </>
      ),
    },
    { title: '得分', align: 'right', width: 56, render: (b) => <b>{formatScore(b.score)}</b> },
    { title: '等次', align: 'center', width: 44, render: (b) => b.grade ?? EMPTY },
    { title: '加分', align: 'right', width: 40, render: (b) => formatBonus(ranking.get(b.bureauId)?.bonus) },
    { title: '扣分', align: 'right', width: 40, render: (b) => formatDeduction(ranking.get(b.bureauId)?.deduction) },
    { title: '达标率', align: 'right', width: 56, render: (b) => formatPercent(b.completion) },
    { title: '填报完整率', align: 'right', width: 70, render: (b) => formatPercent(b.fillRate) },
    ...summary.categories.map((c): PrintColumn<SummaryBureau> => ({ title: c.name, align: 'right', width: 62, render: (b) => attainment(b.categories[c.code]) })),
    { title: '名次变化', align: 'center', width: 60, render: (b) => <RankChange rank={b.rank} change={b.rankChange} /> },
  ]
  const unreported = summary.bureaus.filter((b) => b.rank === null)
  return (
    <>
      <PrintTable columns={columns} rows={rows} rowKey={(b) => b.bureauId} label="单位排名表" />
      {unreported.length > 0 && (
        <p className="report-note">
          未上报、不参与排名的单位（{unreported.length} 个）：{unreported.map((b) => b.shortName).join('、')}。
        </p>
      )}
    </>
  )
}

function ReportingTable({ rows, summary }: { rows: ReportingRow[]; summary: Summary }) {
  const chased = rows.filter((r) => r.chase)
  const columns: PrintColumn<ReportingRow>[] = [
    { title: '序号', align: 'center', width: 44, render: (_, i) => i + 1 },
    { title: '单位', render: (r) => r.name },
    { title: '填报状态', width: 110, render: (r) => <StatusTag status={r.status} /> },
    { title: '首次上报时间', width: 140, render: (r) => (r.firstSubmittedAt ? formatDateTime(r.firstSubmittedAt) : <span className="text-muted">{EMPTY}</span>) },
    { title: '时限', width: 130, render: (r) => <span className={r.timing.includes('逾期') ? 'text-bad' : undefined}>{r.timing}</span> },
    {
      title: '催报',
      width: 110,
      align: 'center',
      render: (r) => (r.chase ? <Tag color={CHASE_REASONS[r.chase].color}>{CHASE_REASONS[r.chase].label}</Tag> : <span className="text-muted">—</span>),
    },
  ]
  return (
    <>
      <p className="report-lead">
        应报 {summary.expected} 个单位，已上报 {summary.reported} 个（上报率 {formatPercent(summary.reportingRate)}），按时上报 {summary.onTime} 个（按时上报率{' '}
        {formatPercent(summary.onTimeRate)}）。
        {chased.length ? `需催报或通报 ${chased.length} 个：${chaseSummary(rows)}。` : '各单位均已按时上报。'}
      </p>
      <PrintTable columns={columns} rows={rows} rowKey={(r) => r.bureauId} rowClassName={(r) => (r.chase ? 'report-row-chase' : undefined)} label="上报情况" />
    </>
  )
}

function RectificationTable({ rows, summary }: { rows: SummaryBureau[]; summary: Summary }) {
  if (!rows.length) return <p className="text-muted">该年度暂无整改事项。</p>
  const count = (n: number, bad = false) => (n ? <span className={bad ? 'text-bad' : undefined}>{n}</span> : <span className="text-muted">0</span>)
  const columns: PrintColumn<SummaryBureau>[] = [
    { title: '序号', align: 'center', width: 44, render: (_, i) => i + 1 },
    { title: '单位', render: (b) => b.name },
    { title: '整改事项', align: 'right', width: 80, render: (b) => b.rectification.total },
    { title: '未开始', align: 'right', width: 72, render: (b) => count(b.rectification.notStarted) },
    { title: '进行中', align: 'right', width: 72, render: (b) => count(b.rectification.inProgress) },
    { title: '待销号', align: 'right', width: 72, render: (b) => count(b.rectification.pending) },
    { title: '已销号', align: 'right', width: 72, render: (b) => count(b.rectification.done) },
    { title: '逾期未完成', align: 'right', width: 88, render: (b) => count(b.rectification.overdue, true) },
    { title: '完成率', align: 'right', width: 80, render: (b) => formatPercent(b.rectification.completionRate) },
  ]
  const t = summary.rectification
  return (
    <>
      <p className="report-lead">
        全县共有整改事项 {t.total} 项，经依法治县办核验销号 {t.done} 项（完成率 {formatPercent(t.completionRate)}），待销号 {t.pending} 项，逾期未完成 {t.overdue} 项。
      </p>
      <PrintTable
        columns={columns}
        rows={rows}
        rowKey={(b) => b.bureauId}
        label="整改落实情况"
        footer={['', '合计', t.total, t.notStarted, t.inProgress, t.pending, t.done, t.overdue, formatPercent(t.completionRate)]}
      />
    </>
  )
}
