import { SearchOutlined } from '@ant-design/icons'
import { can, CATEGORIES, type Grade, rankLabel, type RankingRow } from '@fazhi/shared'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { Empty, Input, Select, Skeleton, Space, Table, Tag, type TableColumnsType } from 'antd'
import { useEffect, useMemo, useRef, useState } from 'react'
import { Link } from 'react-router-dom'
import { ErrorState } from '../../components/ErrorState'
import { GradeTag } from '../../components/GradeTag'
import { LateTag } from '../../components/LateTag'
import { PageHeader } from '../../components/PageHeader'
import { NO_DATA_TEXT, Section } from '../../components/Panel'
import { RankChange } from '../../components/RankChange'
import { attainmentClass } from '../../lib/colors'
import { formatPercent, formatScore, wrapLabel } from '../../lib/format'
import { formatBonus, formatDeduction } from '../../lib/rules'
import { NOT_APPLICABLE } from '../../lib/status'
import { useCurrentUser } from '../auth/session'
import { useYear } from '../catalog/useYear'
import { YearSelect } from '../catalog/YearSelect'
import { ExportButton } from '../exports/ExportButton'
import { ResultViewNote, ResultViewSwitch } from '../results/ResultViewSwitch'
import { useRegion } from '../regions/useRegion'
import { useResultView } from '../results/useResultView'
import { filterRanking, gradeOrder, gradesIn } from './filter'
import { rankingQuery } from './queries'

/** The office's and leaders' table: the sum of its column widths. Narrower windows scroll inside the table. */
const DETAIL_TABLE_WIDTH = 1186

const netAdjustment = (row: RankingRow) => (row.bonus ?? 0) - (row.deduction ?? 0)

/** 加分 above 扣分 in one cell: +3 / −0.5, 0 for neither, — where the figures are missing. */
function Adjustments({ bonus, deduction }: Pick<RankingRow, 'bonus' | 'deduction'>) {
  if (bonus === undefined && deduction === undefined) return formatBonus(bonus)
  if (!bonus && !deduction) return '0'
  return (
    <>
      {!!bonus && <div>{formatBonus(bonus)}</div>}
      {!!deduction && <div>{formatDeduction(deduction)}</div>}
    </>
  )
}

export default function RankingPage() {
  const user = useCurrentUser()
  const { year, setYear, cycles } = useYear()
  const view = useResultView(year)
  const { regionId } = useRegion()
  const ranking = useQuery({ ...rankingQuery(year ?? 0, view.version, regionId), enabled: view.ready, placeholderData: keepPreviousData })
  const [search, setSearch] = useState('')
  const [types, setTypes] = useState<string[]>([])
  const [grades, setGrades] = useState<Grade[]>([])

  const ownBureauId = can(user, 'allBureaus') ? null : user.bureauId
  // Everyone reads the league table; a bureau user may open only their own bureau's details.
  const canOpen = (bureauId: number) => ownBureauId === null || bureauId === ownBureauId

  const rows = useMemo(() => filterRanking(ranking.data?.rows ?? [], { search, types, grades }), [ranking.data, search, types, grades])
  const gradeOptions = useMemo(() => gradesIn(ranking.data?.rows ?? []).map((g) => ({ value: g, label: g })), [ranking.data])
  const typeOptions = useMemo(
    () => [...new Set(ranking.data?.rows.map((r) => r.type))].sort((a, b) => a.localeCompare(b, 'zh-CN')).map((t) => ({ value: t, label: t })),
    [ranking.data],
  )

  // A bureau user lands on their own row.
  const scrolledFor = useRef<number | null>(null)
  useEffect(() => {
    if (ownBureauId === null || !ranking.data || ranking.isPlaceholderData || scrolledFor.current === ranking.data.year) return
    scrolledFor.current = ranking.data.year
    document.querySelector(`tr[data-row-key="${ownBureauId}"]`)?.scrollIntoView({ block: 'center' })
  }, [ownBureauId, ranking.data, ranking.isPlaceholderData])

  const bureauLink = (bureauId: number, name: string) =>
    canOpen(bureauId) ? <Link to={`/bureaus/${bureauId}${view.search(year ?? undefined)}`}>{name}</Link> : name

  // A bureau user reads another bureau's rank, score and grade only (DOMAIN.md): the detail columns
  // (bonus, deduction, 达标率, categories) are the office's and leaders'. Their widths add up to what a
  // 1,280 px window holds beside the navigation (DETAIL_TABLE_WIDTH): no column hides behind a scroll.
  const details: TableColumnsType<RankingRow> =
    ownBureauId !== null
      ? []
      : [
          {
            title: <span title="加分与扣分（按净调整分排序）">加减分</span>,
            key: 'adjustment',
            width: 70,
            align: 'right',
            sorter: (a, b) => netAdjustment(a) - netAdjustment(b),
            render: (_: unknown, row) => <Adjustments bonus={row.bonus} deduction={row.deduction} />,
          },
          { title: '达标率', dataIndex: 'completion', width: 68, align: 'right', sorter: (a, b) => (a.completion ?? -1) - (b.completion ?? -1), render: (v: number | undefined) => formatPercent(v) },
          ...CATEGORIES.map(
            (c): TableColumnsType<RankingRow>[number] => ({
              title: (
                <span className="column-title-wrapped" title={c.name}>
                  {wrapLabel(c.name, 4)}
                </span>
              ),
              key: c.code,
              width: 80,
              align: 'right',
              sorter: (a, b) => (a.categories?.[c.code] ?? -1) - (b.categories?.[c.code] ?? -1),
              render: (_: unknown, row) => {
                const v = row.categories?.[c.code]
                return v === null || v === undefined ? <span className="text-muted">{NOT_APPLICABLE}</span> : <span className={attainmentClass(v)}>{formatPercent(v)}</span>
              },
            }),
          ),
        ]

  const columns: TableColumnsType<RankingRow> = [
    {
      title: '排名',
      dataIndex: 'rank',
      width: 56,
      align: 'center',
      fixed: 'left',
      defaultSortOrder: 'ascend',
      sorter: (a, b) => a.rank - b.rank,
      render: (rank: number, row) => (
        <span title={rankLabel(rank, row.tied)}>
          {rank}
          {row.tied && <span className="rank-tied">并列</span>}
        </span>
      ),
    },
    {
      title: '单位',
      dataIndex: 'name',
      width: 140,
      fixed: 'left',
      render: (name: string, row) => (
        <>
          {bureauLink(row.bureauId, name)}
          {row.bureauId === ownBureauId && <Tag color="blue" className="own-tag">本单位</Tag>}
          <LateTag onTime={row.onTime ?? null} />
        </>
      ),
    },
    { title: '得分', dataIndex: 'score', width: 68, align: 'right', sorter: (a, b) => a.score - b.score, render: (v: number) => <b>{formatScore(v)}</b> },
    { title: '等次', dataIndex: 'grade', width: 56, align: 'center', sorter: (a, b) => gradeOrder(a.grade) - gradeOrder(b.grade), render: (g: Grade | undefined) => <GradeTag grade={g} /> },
    ...details,
    {
      title: '名次变化',
      dataIndex: 'rankChange',
      width: 88,
      align: 'center',
      sorter: (a, b) => (a.rankChange ?? 0) - (b.rankChange ?? 0),
      render: (v: number | null, row) => <RankChange rank={row.rank} change={v} />,
    },
  ]

  let body
  if (cycles.isError) body = <ErrorState error={cycles.error} onRetry={() => cycles.refetch()} />
  else if (ranking.isError && !ranking.data) body = <ErrorState error={ranking.error} onRetry={() => ranking.refetch()} />
  else if (!ranking.data) body = <Skeleton active paragraph={{ rows: 10 }} />
  else
    body = (
      <>
        <Table<RankingRow>
          className={ranking.isPlaceholderData ? 'panel-refreshing' : undefined}
          rowKey="bureauId"
          size="middle"
          columns={columns}
          dataSource={rows}
          pagination={false}
          scroll={{ x: ownBureauId === null ? DETAIL_TABLE_WIDTH : 640 }}
          sticky={{ offsetHeader: 56 }}
          rowClassName={(row) => (row.bureauId === ownBureauId ? 'row-own' : '')}
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={ranking.data.rows.length ? '没有符合筛选条件的单位' : NO_DATA_TEXT}
              />
            ),
          }}
          aria-label="单位排名表"
        />
        {ranking.data.unreported.length > 0 && (
          <div className="unreported">
            <strong>未上报单位（{ranking.data.unreported.length}）</strong>
            <span className="unreported-hint">未上报年度报告的单位不参与排名</span>
            <ul className="unreported-list">
              {ranking.data.unreported.map((u) => (
                <li key={u.bureauId} className={u.bureauId === ownBureauId ? 'row-own' : undefined}>
                  {bureauLink(u.bureauId, u.name)}
                  <Tag color="red">未上报</Tag>
                </li>
              ))}
            </ul>
          </div>
        )}
      </>
    )

  return (
    <div className="page">
      <PageHeader
        title="单位排名"
        subtitle="按综合得分（含加分、扣分）排名，同分时比较达标率，两者都相同为并列；等次按年度考核方案评定；分类列为各类指标达成度"
        extra={
          <Space wrap>
            {year !== null && <ExportButton kind="ranking" year={year} version={view.version} regionId={regionId} />}
            <ResultViewSwitch view={view} />
            <YearSelect cycles={cycles.data ?? []} value={year} onChange={setYear} />
          </Space>
        }
      />
      <ResultViewNote view={view} />
      <Section>
        <div className="table-toolbar">
          <Input
            allowClear
            prefix={<SearchOutlined />}
            placeholder="搜索单位名称"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            style={{ width: 240 }}
            aria-label="搜索单位名称"
          />
          <Select
            mode="multiple"
            allowClear
            placeholder="按单位类型筛选"
            value={types}
            onChange={setTypes}
            options={typeOptions}
            maxTagCount="responsive"
            style={{ minWidth: 240, maxWidth: 420 }}
            aria-label="按单位类型筛选"
          />
          <Select
            mode="multiple"
            allowClear
            placeholder="按等次筛选"
            value={grades}
            onChange={setGrades}
            options={gradeOptions}
            style={{ minWidth: 160 }}
            aria-label="按等次筛选"
          />
          {ranking.data && (
            <span className="table-toolbar-count">
              共 {ranking.data.rows.length} 个单位参与排名{rows.length !== ranking.data.rows.length && `，显示 ${rows.length} 个`}
            </span>
          )}
        </div>
        {body}
      </Section>
    </div>
  )
}
