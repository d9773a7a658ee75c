import { CATEGORIES, type VerticalResponse } from '@fazhi/shared'
import { Table, type TableColumnsType } from 'antd'
import { useMemo } from 'react'
import { Link } from 'react-router-dom'
import { EChart } from '../../components/EChart'
import { StatusTag } from '../../components/StatusTag'
import { EMPTY, formatScore } from '../../lib/format'
import { buildVerticalOption, isWholeRow } from './vertical.options'

type VerticalRow = VerticalResponse['rows'][number]

const columnsFor = (year: number, rankedCount: number): TableColumnsType<VerticalRow> => [
  { title: '地区', dataIndex: 'regionName' },
  // The server answers whole rows for the bureaus the account reads the details of: those open (drill-down).
  { title: '单位', dataIndex: 'name', render: (name: string, row) => (!isWholeRow(row) ? name : <Link to={`/bureaus/${row.bureauId}?year=${year}`}>{name}</Link>) },
  { title: '状态', key: 'status', render: (_: unknown, row) => (isWholeRow(row) ? <StatusTag status={row.status} /> : <span className="text-muted">{EMPTY}</span>) },
  { title: '得分', dataIndex: 'score', align: 'right', sorter: (a, b) => (a.score ?? -1) - (b.score ?? -1), render: formatScore },
  {
    title: '同类排名',
    dataIndex: 'typeRank',
    align: 'center',
    render: (rank: number | null) => (rank === null ? '未排名' : `${rank} / ${rankedCount}`),
  },
]

/** One bureau type across regions: category attainment side by side, then scores and ranks among them. */
export function VerticalView({ data }: { data: VerticalResponse }) {
  const option = useMemo(() => buildVerticalOption(data, CATEGORIES), [data])
  const columns = useMemo(() => columnsFor(data.year, data.rows.filter((r) => r.typeRank !== null).length), [data])
  return (
    <>
      <EChart option={option} height={320} ariaLabel={`${data.year} 年度各地区${data.type}分类指标达成度对比`} />
      <Table<VerticalRow> size="small" rowKey="bureauId" columns={columns} dataSource={data.rows} pagination={false} scroll={{ x: 560 }} />
    </>
  )
}
