import { type BureauOverview, can, isReported, NO_SUBMISSION, regionActedOn } from '@fazhi/shared'
import { useQuery } from '@tanstack/react-query'
import { Alert, Button, Col, Result, Row, Skeleton, Space, Table, Tag, type TableColumnsType } from 'antd'
import { useMemo } from 'react'
import { Link, useParams } from 'react-router-dom'
import { isApiError } from '../../api/client'
import { EChart, preloadCharts } from '../../components/EChart'
import { ErrorState } from '../../components/ErrorState'
import { GradeTag } from '../../components/GradeTag'
import { PageHeader } from '../../components/PageHeader'
import { NO_DATA_TEXT, Panel, Section } from '../../components/Panel'
import { RankChange } from '../../components/RankChange'
import { StatCard } from '../../components/StatCard'
import { StatusTag } from '../../components/StatusTag'
import { attainmentClass } from '../../lib/colors'
import { EMPTY, formatDateTime, formatNumber, formatPercent, formatScore } from '../../lib/format'
import { NOT_APPLICABLE, STATUS_LABELS } from '../../lib/status'
import { useCurrentUser } from '../auth/session'
import { bureausQuery } from '../catalog/queries'
import { useYear } from '../catalog/useYear'
import { YearSelect } from '../catalog/YearSelect'
import { LatestImportCheck } from '../imports/LatestImportCheck'
import { ReadOnlyNote } from '../regions/ReadOnlyNote'
import { comparedWithin } from '../regions/regions'
import { useRegion } from '../regions/useRegion'
import ReminderBanner from '../reminders/ReminderBanner'
import { ResultViewNote, ResultViewSwitch } from '../results/ResultViewSwitch'
import { useResultView } from '../results/useResultView'
import { buildRadarOption, buildRankHistoryOption, radarCategories } from './bureau.options'
import { indicatorRows, type IndicatorRow } from './indicators'
import { bureauOverviewQuery } from './queries'
import { scoreMakeUp } from './score'

// Fetch the chart engine alongside the page's data.
preloadCharts()

export default function BureauPage() {
  const bureauId = Number(useParams().id)
  const user = useCurrentUser()
  const { year, setYear, cycles } = useYear()
  const view = useResultView(year)
  const { regionId, regions } = useRegion()
  const bureaus = useQuery(bureausQuery())
  const within = comparedWithin(regions, regionId, bureaus.data?.find((b) => b.id === bureauId)?.regionId)
  const overview = useQuery({
    ...bureauOverviewQuery(bureauId, year ?? 0, view.version, within),
    // Within a picked region, once the bureau's place is known: no request for the wrong comparison first.
    enabled: view.ready && (regionId === null || (!!bureaus.data && regions.length > 0)) && Number.isInteger(bureauId) && bureauId > 0,
    // Keep the previous year on screen while the next loads, but never another bureau's figures.
    placeholderData: (previous) => (previous?.bureau.id === bureauId ? previous : undefined),
  })

  if (!Number.isInteger(bureauId) || bureauId <= 0) return <Result status="404" title="单位不存在" />
  if (isApiError(overview.error, 403))
    return (
      <Result
        status="403"
        title="无权查看"
        subTitle={overview.error.message}
        extra={
          user.bureauId !== null && (
            <Link to={`/bureaus/${user.bureauId}${year ? `?year=${year}` : ''}`}>
              <Button type="primary">查看本单位</Button>
            </Link>
          )
        }
      />
    )
  if (isApiError(overview.error, 404)) return <Result status="404" title="无法查看该单位" subTitle={overview.error.message} />

  const data = overview.data
  let body
  if (cycles.isError) body = <ErrorState error={cycles.error} onRetry={() => cycles.refetch()} />
  else if (overview.isError && !data) body = <ErrorState error={overview.error} onRetry={() => overview.refetch()} />
  else if (!data) body = <Skeleton active paragraph={{ rows: 12 }} />
  else body = <BureauBody data={data} refreshing={overview.isPlaceholderData} />

  return (
    <div className="page">
      <PageHeader
        title={data?.bureau.name ?? '单位详情'}
        subtitle={
          data && (
            <div className="page-tags">
              <Tag>{data.bureau.type}</Tag>
              <Tag>{data.bureau.regionName}</Tag>
              {data.bureau.hasEnforcement && <Tag>有行政执法职能</Tag>}
              {/* A city office drills down into a county's bureau: it reads, the county's office acts. */}
              {can(user, 'review') && !regionActedOn(user, data.bureau.regionId) && <ReadOnlyNote />}
              <StatusTag status={data.status} />
              {data.submittedAt && <span>上报于 {formatDateTime(data.submittedAt)}</span>}
            </div>
          )
        }
        extra={
          <Space wrap>
            <ResultViewSwitch view={view} />
            <YearSelect cycles={cycles.data ?? []} value={year} onChange={setYear} />
          </Space>
        }
      />
      <ReminderBanner />
      <ResultViewNote view={view} />
      {body}
    </div>
  )
}

function BureauBody({ data, refreshing }: { data: BureauOverview; refreshing: boolean }) {
  const rows = useMemo(() => indicatorRows(data.indicators), [data.indicators])
  const rankOption = useMemo(() => buildRankHistoryOption(data.rankHistory), [data.rankHistory])
  const radarOption = useMemo(() => buildRadarOption(data.categories, data.bureau.shortName), [data.categories, data.bureau.shortName])
  const scored = data.score !== null
  const reported = isReported(data.status)
  const notScoredCategories = data.categories.filter((c) => c.attainment === null).map((c) => c.name)
  const common = { loading: false, error: null, refreshing }

  return (
    <>
      {!reported && (
        <Alert
          className="page-alert"
          type="warning"
          showIcon
          title={
            data.status === NO_SUBMISSION
              ? `${data.year} 年度报告尚未填报，不参与排名`
              : `${data.year} 年度报告${STATUS_LABELS[data.status]}，尚未上报，不参与排名；以下为当前填报数据`
          }
        />
      )}
      <div className="stat-grid">
        <StatCard
          name="score"
          title="综合得分"
          value={formatScore(data.score)}
          detail={scoreMakeUp(data) ?? '满分 100 分'}
          footer={
            data.grade !== undefined && (
              <div className="stat-detail" data-stat="grade">
                等次 <GradeTag grade={data.grade} />
              </div>
            )
          }
        />
        <StatCard
          name="rank"
          title="全县排名"
          value={data.rank === null ? '未排名' : data.tied ? `并列第 ${data.rank} 名` : `第 ${data.rank} 名`}
          detail={`共 ${data.rankedCount} 个单位参与排名`}
        />
        <StatCard
          name="rankChange"
          title="名次变化"
          value={<RankChange rank={data.rank} change={data.rankChange} />}
          detail={`与 ${data.year - 1} 年度相比`}
        />
        <StatCard name="completion" title="达标率" value={formatPercent(data.completion)} detail="完全达到目标的指标占比" />
        <StatCard name="fillRate" title="填报完整率" value={formatPercent(data.fillRate)} detail="已填报数值的指标占比" />
      </div>
      {data.adjustments && data.adjustments.length > 0 && (
        <Alert
          className="page-alert"
          type="info"
          showIcon
          title="加分与扣分"
          description={
            <ul className="adjustment-list" aria-label="加分与扣分">
              {data.adjustments.map((a) => (
                <li key={a.kind}>{a.text}</li>
              ))}
            </ul>
          }
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Panel title="历年排名" {...common} empty={!data.rankHistory.some((h) => h.rank !== null)} emptyText="暂无排名记录">
            {() => <EChart option={rankOption} height={340} ariaLabel={`${data.bureau.name}历年排名折线图`} />}
          </Panel>
        </Col>
        <Col xs={24} xl={12}>
          <Panel
            title="分类指标达成度"
            extra={scored && notScoredCategories.length > 0 && <span className="panel-hint">{NOT_APPLICABLE}：{notScoredCategories.join('、')}</span>}
            {...common}
            empty={!scored || radarCategories(data.categories).length < 3}
          >
            {() => <EChart option={radarOption} height={340} ariaLabel={`${data.bureau.name}分类指标达成度与全县平均对比雷达图`} />}
          </Panel>
        </Col>
        <Col span={24}>
          <Panel
            title="指标明细"
            extra={<span className="panel-hint">可提升分值：该指标达到目标（加分项：申报）后综合得分可增加的分数，默认按其从高到低排列</span>}
            {...common}
            empty={!scored}
          >
            {() => <IndicatorTable rows={rows} />}
          </Panel>
        </Col>
        <Col xs={24} xl={12}>
          <Section title={`${data.year} 年度台账`}>
            <div className="count-grid">
              <Count label="学法活动" value={data.ledgerCounts.studySessions} unit="次" />
              <Count label="合法性审查" value={data.ledgerCounts.legalityReviews} unit="件" />
              <Count label="普法宣传" value={data.ledgerCounts.publicityEvents} unit="场" />
            </div>
          </Section>
        </Col>
        <Col xs={24} xl={12}>
          <Section
            title={`${data.year} 年度整改事项`}
            extra={<span className="panel-hint">完成率 {formatPercent(data.rectification.completionRate)}</span>}
          >
            <div className="count-grid">
              <Count label="合计" value={data.rectification.total} unit="项" />
              <Count label="未启动" value={data.rectification.notStarted} unit="项" />
              <Count label="整改中" value={data.rectification.inProgress} unit="项" />
              <Count label="待销号" value={data.rectification.pending} unit="项" />
              <Count label="已销号" value={data.rectification.done} unit="项" tone="good" />
              <Count label="逾期" value={data.rectification.overdue} unit="项" tone={data.rectification.overdue > 0 ? 'bad' : undefined} />
            </div>
          </Section>
        </Col>
        <Col span={24}><LatestImportCheck bureauId={data.bureau.id} year={data.year} /></Col>
      </Row>
    </>
  )
}

function Count({ label, value, unit, tone }: { label: string; value: number; unit: string; tone?: 'good' | 'bad' }) {
  return (
    <div className="count">
      <div className="count-label">{label}</div>
      <div className={`count-value${tone ? ` text-${tone}` : ''}`}>
        {formatNumber(value)}
        <span className="count-unit">{unit}</span>
      </div>
    </div>
  )
}

function IndicatorTable({ rows }: { rows: IndicatorRow[] }) {
  const categoryFilters = [...new Map(rows.map((r) => [r.category, r.categoryName]))].map(([value, text]) => ({ value, text }))
  const columns: TableColumnsType<IndicatorRow> = [
    {
      title: '类别',
      dataIndex: 'categoryName',
      width: 128,
      filters: categoryFilters,
      onFilter: (value, row) => row.category === value,
    },
    {
      title: '指标',
      dataIndex: 'name',
      render: (name: string, row) => (
        <>
          {name}
          {row.rule && <div className="indicator-rule text-muted">{row.rule}</div>}
        </>
      ),
    },
    { title: '填报值', dataIndex: 'value', width: 120, align: 'right', render: (v: string) => <span className={v === EMPTY ? 'text-muted' : undefined}>{v}</span> },
    { title: '目标', dataIndex: 'target', width: 128, align: 'right' },
    {
      title: '达成度',
      dataIndex: 'attainmentText',
      width: 96,
      align: 'right',
      sorter: (a, b) => (a.attainment ?? 2) - (b.attainment ?? 2),
      render: (text: string, row) => <span className={row.attainment === null ? 'text-muted' : attainmentClass(row.attainment)}>{text}</span>,
    },
    { title: '差距', dataIndex: 'gap', width: 140, render: (gap: string, row) => <span className={row.met ? 'text-good' : undefined}>{gap}</span> },
    {
      title: '计分说明',
      dataIndex: 'explanation',
      width: 170,
      render: (text: string | null) => (text ? <span className={text.startsWith('加') ? 'text-good' : 'text-bad'}>{text}</span> : <span className="text-muted">{EMPTY}</span>),
    },
    {
      title: '可提升分值',
      dataIndex: 'pointsAvailable',
      width: 112,
      align: 'right',
      defaultSortOrder: 'descend',
      sorter: (a, b) => a.pointsAvailable - b.pointsAvailable,
      render: (points: number) => (points > 0 ? <b className="text-primary">+{points.toFixed(2)}</b> : <span className="text-muted">{EMPTY}</span>),
    },
    { title: '全县平均', dataIndex: 'countyAverage', width: 136, align: 'right', responsive: ['lg'] },
  ]
  return (
    <Table<IndicatorRow>
      size="small"
      rowKey="code"
      columns={columns}
      dataSource={rows}
      pagination={false}
      locale={{ emptyText: NO_DATA_TEXT }}
      // A phone scrolls the table inside its panel, never the page.
      scroll={{ x: 1040 }}
      aria-label="指标明细"
    />
  )
}
