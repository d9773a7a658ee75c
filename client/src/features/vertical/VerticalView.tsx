import { CATEGORIES, type Vertical } from '@fazhi/shared'
import { Table, type TableColumnsType } from 'antd'
import { useMemo } from 'react'
import { EChart } from '../../components/EChart'
import { StatusTag } from '../../components/StatusTag'
import { formatScore } from '../../lib/format'
import { buildVerticalOption } from './vertical.options'

type VerticalRow = Vertical['rows'][number]

const columnsFor = (rankedCount: number): TableColumnsType<VerticalRow> => [
  { title: '地区', dataIndex: 'regionName' },
  { title: '单位', dataIndex: 'name' },
  { title: '状态', dataIndex: 'status', render: (s: VerticalRow['status']) => <StatusTag status={s} /> },
  { title: '得分', dataIndex: 'score', align: 'right', sorter: (a, b) => (a.score ?? -1) - (b.score ?? -1), render: formatScore },
  {
    title: '同类排名',
    dataIndex: 'typeRank',
    align: 'center',
    render: (rank: number | null) => (rank === null ? '未排名' : `${rank} / ${rankedCount}`),
  },
]

/** One bureau type across regions: category attainment side by side, then scores and ranks among them. */
export function VerticalView({ data }: { data: Vertical }) {
  const option = useMemo(() => buildVerticalOption(data, CATEGORIES), [data])
  const columns = useMemo(() => columnsFor(data.rows.filter((r) => r.typeRank !== null).length), [data])
  return (
    <>
      <EChart option={option} height={320} ariaLabel={`${data.year} 年度各地区${data.type}分类指标达成度对比`} />
      <Table<VerticalRow> size="small" rowKey="bureauId" columns={columns} dataSource={data.rows} pagination={false} />
    </>
  )
}
