import { CATEGORIES, type Cycle, type Summary } from '@fazhi/shared'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { PrinterOutlined } from '@ant-design/icons'
import { Alert, Button, Col, Empty, Row, Skeleton, Space } from 'antd'
import { lazy, useMemo, useState } from 'react'
import { Link, useNavigate } from 'react-router-dom'
import { EChart, preloadCharts } from '../../components/EChart'
import { ErrorState } from '../../components/ErrorState'
import { PageHeader } from '../../components/PageHeader'
import { Panel } from '../../components/Panel'
import { bureausQuery } from '../catalog/queries'
import { useYear } from '../catalog/useYear'
import { YearSelect } from '../catalog/YearSelect'
import { ExportButton } from '../exports/ExportButton'
import { KpiCards } from './KpiCards'
import { buildKpis } from './kpis'
import {
  buildCategoryTrendOption,
  buildHeatmapOption,
  buildRectificationOption,
  buildReportingTrendOption,
  buildScoreBarOption,
  heatmapRows,
  rectificationRows,
  scoreRanking,
} from './overview.options'
import { summaryQuery, trendsQuery } from './queries'
import { useRegion } from '../regions/useRegion'
import { wholeOf } from '../regions/regions'
import { remindersQuery } from '../reminders/queries'
import { ranksRegionsBelow } from '../regions/regionRankingQuery'
import { ResultViewNote, ResultViewSwitch } from '../results/ResultViewSwitch'
import { type ResultView, useResultView } from '../results/useResultView'

// The chart engine and the tables are the page's heaviest code: fetch them now, alongside the data,
// so the headline figures do not wait for them.
preloadCharts()
const tables = import('./OverviewTables')
const ChaseList = lazy(() => tables.then((m) => ({ default: m.ChaseList })))
const RankingTable = lazy(() => tables.then((m) => ({ default: m.RankingTable })))
// Only a page over several regions shows the cross-region view.
const VerticalPanel = lazy(() => import('../vertical/VerticalPanel'))
// Only a region with regions below it (a city) ranks them.
const RegionRankingPanel = lazy(() => import('../regions/RegionRankingPanel'))

const ROW_HEIGHT = 28

export default function OverviewPage() {
  const { year, setYear, cycles } = useYear()
  const view = useResultView(year)
  const { regionId, regions } = useRegion()

  let body
  if (cycles.isPending) body = <Skeleton active paragraph={{ rows: 8 }} />
  else if (cycles.isError) body = <ErrorState error={cycles.error} onRetry={() => cycles.refetch()} />
  else if (year === null) body = <Empty description="尚未设置填报年度" />
  else
    body = (
      <OverviewBody cycle={cycles.data.find((c) => c.year === year)!} view={view} regionId={regionId} />
    )

  return (
    <div className="page">
      <PageHeader
        title={`${wholeOf(regions, regionId)}法治政府建设总览`}
        subtitle="各单位年度报告上报、指标达成与整改落实情况"
        extra={
          <Space wrap>
            {year !== null && (
              <>
                <ExportButton kind="summary" year={year} version={view.version} regionId={regionId} />
                <ExportButton kind="ranking" year={year} version={view.version} regionId={regionId} />
                <Link to={`/report/${year}${view.search()}`}>
                  <Button icon={<PrinterOutlined />}>打印视图</Button>
                </Link>
              </>
            )}
            <ResultViewSwitch view={view} />
            <YearSelect cycles={cycles.data ?? []} value={year} onChange={setYear} />
          </Space>
        }
      />
      {body}
    </div>
  )
}

/** `regionId`: the picked region (with those below it); null for every region. */
function OverviewBody({ cycle, view, regionId }: { cycle: Cycle; view: ResultView; regionId: number | null }) {
  const { year } = cycle
  const navigate = useNavigate()
  // What is on screen stays there while a newly picked year or version loads.
  const summary = useQuery({ ...summaryQuery(year, view.version, regionId), enabled: view.ready, placeholderData: keepPreviousData })
  const reminders = useQuery({ ...remindersQuery(year, regionId), placeholderData: keepPreviousData })
  const trends = useQuery(trendsQuery(regionId))
  const bureaus = useQuery(bureausQuery())

  const data: Summary | undefined = summary.data
  const refreshing = summary.isPlaceholderData
  const openBureau = (bureauId: number) => navigate(`/bureaus/${bureauId}${view.search(year)}`)

  // The summary carries the year before's totals, so the figures and their comparison arrive together.
  const freshKpis = useMemo(() => (data && !refreshing ? { year, kpis: buildKpis(data, data.previous) } : null), [refreshing, year, data])
  const [kpis, setKpis] = useState(freshKpis)
  if (freshKpis && freshKpis !== kpis) setKpis(freshKpis)
  const heatRows = useMemo(() => (data ? heatmapRows(data) : []), [data])
  const heatOption = useMemo(() => (data ? buildHeatmapOption(heatRows, data.categories) : null), [data, heatRows])
  const ranked = useMemo(() => (data ? scoreRanking(data) : []), [data])
  const scoreOption = useMemo(() => buildScoreBarOption(ranked, data?.averageScore ?? null), [ranked, data])
  const rectRows = useMemo(() => (data ? rectificationRows(data) : []), [data])
  const rectOption = useMemo(() => buildRectificationOption(rectRows), [rectRows])
  // The office and leaders (the page's roles) get the county's 催报 list, built by the server.
  const chase = reminders.data?.scope === 'county' ? reminders.data.chase : []
  const tableRows = useMemo(() => [...ranked].sort((a, b) => a.rank! - b.rank!), [ranked])
  const reportingTrend = useMemo(() => buildReportingTrendOption(trends.data?.years ?? []), [trends.data])
  const categoryTrend = useMemo(() => buildCategoryTrendOption(trends.data?.years ?? [], CATEGORIES), [trends.data])
  const { regions, setRegion } = useRegion()
  // A picked region compares the regions below it (a county: none); every region, those its bureaus are in.
  const crossRegion = regionId === null ? new Set(bureaus.data?.map((b) => b.regionId)).size > 1 : ranksRegionsBelow(regions, regionId)

  if (summary.isError && !data) return <ErrorState error={summary.error} onRetry={() => summary.refetch()} />

  const common = { loading: summary.isPending, error: summary.error, onRetry: () => summary.refetch(), refreshing }
  const noReports = !!data && data.reported === 0
  const trendCommon = {
    loading: trends.isPending,
    error: trends.error,
    onRetry: () => trends.refetch(),
    empty: !trends.data?.years.length,
    emptyText: '暂无已截止年度的数据',
  }
  const heatHeight = noReports ? 240 : Math.max(heatRows.length, 8) * ROW_HEIGHT + 56

  return (
    <>
      {!cycle.due && (
        <Alert
          className="page-alert"
          type="info"
          showIcon
          title={`${year} 年度填报进行中，上报截止 ${cycle.dueDate}；以下为当前进度，暂不与上年比较。`}
        />
      )}
      <ResultViewNote view={view} />
      <KpiCards
        kpis={kpis?.kpis ?? null}
        year={kpis?.year ?? year}
        compare={cycle.due}
        refreshing={!freshKpis && !!kpis}
      />
      <Row gutter={[16, 16]}>
        {ranksRegionsBelow(regions, regionId) && (
          <Col span={24}>
            <RegionRankingPanel year={year} regionId={regionId} version={view.version} onSelect={setRegion} />
          </Col>
        )}
        <Col xs={24} xl={14}>
          <Panel title="指标达成热力图" extra={<span className="panel-hint">点击单元格查看单位详情</span>} {...common} empty={noReports} bodyHeight={heatHeight}>
            {() => (
              // Eight category columns need more than a phone's width: the map scrolls inside its panel.
              <div className="chart-scroll">
                <div className="chart-scroll-wide">
                  <EChart
                    option={heatOption!}
                    height={heatHeight}
                    ariaLabel={`${year} 年度各单位分类指标达成度热力图`}
                    onClick={({ value }) => openBureau(heatRows[(value as number[])[1]].bureauId)}
                  />
                </div>
              </div>
            )}
          </Panel>
        </Col>
        <Col xs={24} xl={10}>
          <Panel title="综合得分排名" extra={<span className="panel-hint">浅色为低于全县平均</span>} {...common} empty={!ranked.length} bodyHeight={heatHeight}>
            {() => (
              <EChart
                option={scoreOption}
                height={heatHeight}
                ariaLabel={`${year} 年度各单位综合得分排名柱状图`}
                onClick={({ dataIndex }) => openBureau(ranked[dataIndex].bureauId)}
              />
            )}
          </Panel>
        </Col>
        <Col xs={24} xl={10}>
          <Panel
            title="催报名单"
            extra={data && <span className="panel-hint">上报截止 {data.dueDate}</span>}
            loading={reminders.isPending}
            error={reminders.error}
            onRetry={() => reminders.refetch()}
            refreshing={reminders.isPlaceholderData}
            empty={!chase.length}
            emptyText="各单位均已按时上报"
          >
            {() => <ChaseList rows={chase} year={year} />}
          </Panel>
        </Col>
        <Col xs={24} xl={14}>
          <Panel title="整改落实情况" {...common} empty={!rectRows.length} emptyText="该年度暂无整改事项" bodyHeight={360}>
            {() => <EChart option={rectOption} height={360} ariaLabel={`${year} 年度各单位整改事项状态堆叠柱状图`} />}
          </Panel>
        </Col>
        <Col xs={24} xl={12}>
          <Panel title="历年上报与得分趋势" {...trendCommon}>
            {() => <EChart option={reportingTrend} height={320} ariaLabel="历年上报率、按时上报率、整改完成率与平均得分趋势" />}
          </Panel>
        </Col>
        <Col xs={24} xl={12}>
          <Panel title="历年分类指标平均达成度" {...trendCommon}>
            {() => <EChart option={categoryTrend} height={320} ariaLabel="历年各类指标全县平均达成度趋势" />}
          </Panel>
        </Col>
        <Col span={24}>
          <Panel title="单位排名" extra={<span className="panel-hint">点击行查看单位详情</span>} {...common} empty={!tableRows.length}>
            {() => <RankingTable rows={tableRows} search={view.search(year)} />}
          </Panel>
        </Col>
        {crossRegion && (
          <Col span={24}>
            <VerticalPanel year={year} regionId={regionId} />
          </Col>
        )}
      </Row>
    </>
  )
}
