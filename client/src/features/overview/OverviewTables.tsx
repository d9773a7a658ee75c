import { CHASE_LEVEL_LABELS, type Grade, rankLabel, type SummaryBureau } from '@fazhi/shared'
import { Table, Tag, type TableColumnsType } from 'antd'
import { Link, useNavigate } from 'react-router-dom'
import { GradeTag } from '../../components/GradeTag'
import { LateTag } from '../../components/LateTag'
import { RankChange } from '../../components/RankChange'
import { formatDateTime, formatPercent, formatScore } from '../../lib/format'
import { gradeOrder } from '../ranking/filter'
import type { ChaseTally } from '../reminders/chase'
import { CHASE_REASONS, type ChaseRow, compareChaseReasons } from './chase'

// The overview's two tables: loaded as their own chunk, in parallel with the page's data.
/** Bureaus to chase: not reported, or reported late; on the 催报 page with how often each was chased (`chases`). */
export function ChaseList({ rows, year, chases }: { rows: ChaseRow[]; year: number; chases?: Map<number, ChaseTally> }) {
  const columns: TableColumnsType<ChaseRow> = [
    {
      title: '单位',
      dataIndex: 'name',
      sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
      render: (name: string, row) => <Link to={`/bureaus/${row.bureauId}?year=${year}`}>{name}</Link>,
    },
    {
      title: '状态',
      dataIndex: 'reason',
      width: 112,
      sorter: (a, b) => compareChaseReasons(a.reason, b.reason),
      filters: Object.entries(CHASE_REASONS).map(([value, r]) => ({ value, text: r.label })),
      onFilter: (value, row) => row.reason === value,
      render: (reason: ChaseRow['reason']) => <Tag color={CHASE_REASONS[reason].color}>{CHASE_REASONS[reason].label}</Tag>,
    },
    {
      title: '逾期天数',
      dataIndex: 'daysOverdue',
      width: 100,
      align: 'right',
      defaultSortOrder: 'descend',
      sorter: (a, b) => a.daysOverdue - b.daysOverdue,
      render: (days: number) => (days > 0 ? <span className="text-bad">{days} 天</span> : <span className="text-muted">未逾期</span>),
    },
    {
      title: '首次上报时间',
      dataIndex: 'submittedAt',
      width: 150,
      sorter: (a, b) => (a.submittedAt ?? '').localeCompare(b.submittedAt ?? ''),
      render: (at: string | null) => (at ? formatDateTime(at) : <span className="text-muted">未上报</span>),
    },
  ]
  if (chases)
    columns.push({
      title: '催报情况',
      key: 'chased',
      width: 200,
      sorter: (a, b) => (chases.get(a.bureauId)?.times ?? 0) - (chases.get(b.bureauId)?.times ?? 0),
      render: (_: unknown, row) => {
        const tally = chases.get(row.bureauId)
        if (!tally) return <span className="text-muted">{row.reason === 'late' ? '已上报，无需催报' : '未催报'}</span>
        return (
          <span data-chased={tally.times}>
            已催报 {tally.times} 次，最近 {formatDateTime(tally.last.at)} {CHASE_LEVEL_LABELS[tally.last.level]}
          </span>
        )
      },
    })
  return (
    <Table<ChaseRow>
      size="small"
      rowKey="bureauId"
      columns={columns}
      dataSource={rows}
      pagination={rows.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
      // A phone scrolls the table inside its panel, never the page; names keep their line.
      scroll={{ x: 'max-content' }}
      aria-label="催报名单"
    />
  )
}

/** The year's ranked bureaus, a late report marked 逾期; a click on a row opens that bureau's page (`search`: its year and version). */
export function RankingTable({ rows, search }: { rows: SummaryBureau[]; search: string }) {
  const navigate = useNavigate()
  const columns: TableColumnsType<SummaryBureau> = [
    { title: '排名', dataIndex: 'rank', width: 80, align: 'center', defaultSortOrder: 'ascend', sorter: (a, b) => a.rank! - b.rank!, render: (rank: number, row) => rankLabel(rank, row.tied) },
    {
      title: '单位',
      dataIndex: 'name',
      render: (name: string, row) => (
        <>
          <Link to={`/bureaus/${row.bureauId}${search}`}>{name}</Link>
          <LateTag onTime={row.onTime} />
        </>
      ),
    },
    { title: '类型', dataIndex: 'type', responsive: ['xl'] },
    {
      title: '得分',
      dataIndex: 'score',
      align: 'right',
      sorter: (a, b) => a.score! - b.score!,
      render: (v: number) => <b>{formatScore(v)}</b>,
    },
    { title: '等次', dataIndex: 'grade', align: 'center', width: 80, sorter: (a, b) => gradeOrder(a.grade) - gradeOrder(b.grade), render: (g: Grade | null | undefined) => <GradeTag grade={g} /> },
    { title: '达标率', dataIndex: 'completion', align: 'right', sorter: (a, b) => a.completion! - b.completion!, render: (v: number) => formatPercent(v) },
    { title: '填报完整率', dataIndex: 'fillRate', align: 'right', sorter: (a, b) => a.fillRate! - b.fillRate!, render: (v: number) => formatPercent(v) },
    {
      title: '名次变化',
      dataIndex: 'rankChange',
      align: 'center',
      width: 110,
      sorter: (a, b) => (a.rankChange ?? 0) - (b.rankChange ?? 0),
      render: (v: number | null, row) => <RankChange rank={row.rank} change={v} />,
    },
  ]
  return (
    <Table<SummaryBureau>
      size="middle"
      rowKey="bureauId"
      columns={columns}
      dataSource={rows}
      pagination={false}
      rowClassName="row-clickable"
      scroll={{ x: 760 }}
      onRow={(row) => ({ onClick: () => navigate(`/bureaus/${row.bureauId}${search}`) })}
      aria-label="单位排名"
    />
  )
}
