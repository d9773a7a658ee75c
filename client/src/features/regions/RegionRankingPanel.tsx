import type { RegionRankingRow } from '@fazhi/shared'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { Button, Table, type TableColumnsType } from 'antd'
import { Panel } from '../../components/Panel'
import { formatPercent, formatScore } from '../../lib/format'
import { regionRankingQuery } from './regionRankingQuery'

/** Sorts nulls (a county with nothing reported) last in either direction's natural reading. */
const byNumber = (pick: (r: RegionRankingRow) => number | null) => (a: RegionRankingRow, b: RegionRankingRow) => (pick(a) ?? -1) - (pick(b) ?? -1)

function columnsFor(onSelect: (regionId: number) => void): TableColumnsType<RegionRankingRow> {
  const percent = (title: string, key: 'reportingRate' | 'onTimeRate' | 'rectificationRate') => ({
    title,
    dataIndex: key,
    align: 'right' as const,
    sorter: byNumber((r) => r[key]),
    render: (v: number | null) => formatPercent(v),
  })
  return [
    {
      title: '名次',
      dataIndex: 'rank',
      width: 72,
      align: 'center',
      defaultSortOrder: 'ascend',
      sorter: (a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity),
      render: (rank: number | null) => (rank === null ? <span className="text-muted">未排名</span> : rank),
    },
    {
      title: '地区',
      dataIndex: 'regionName',
      sorter: (a, b) => a.regionName.localeCompare(b.regionName, 'zh-CN'),
      render: (name: string, row) => (
        <Button type="link" size="small" onClick={() => onSelect(row.regionId)}>
          {name}
        </Button>
      ),
    },
    { title: '单位数', dataIndex: 'bureauCount', align: 'right', sorter: (a, b) => a.bureauCount - b.bureauCount },
    percent('上报率', 'reportingRate'),
    percent('按时上报率', 'onTimeRate'),
    { title: '平均得分', dataIndex: 'meanScore', align: 'right', sorter: byNumber((r) => r.meanScore), render: formatScore },
    percent('整改完成率', 'rectificationRate'),
  ]
}

/**
 * 区县排名: the regions directly below the chosen one (a city's counties) side by side. Clicking a
 * region chooses it, and the page then shows that region.
 */
export default function RegionRankingPanel({ year, regionId, version, onSelect }: { year: number; regionId: number; version?: number; onSelect: (regionId: number) => void }) {
  const ranking = useQuery({ ...regionRankingQuery(year, regionId, version), placeholderData: keepPreviousData })
  return (
    <Panel
      title="区县排名"
      extra={<span className="panel-hint">点击地区查看该地区</span>}
      loading={ranking.isPending}
      error={ranking.error}
      onRetry={() => ranking.refetch()}
      refreshing={ranking.isPlaceholderData}
      empty={!ranking.data?.rows.length}
      emptyText="暂无下级地区"
      bodyHeight={160}
    >
      {() => (
        <Table<RegionRankingRow>
          size="small"
          rowKey="regionId"
          columns={columnsFor(onSelect)}
          dataSource={ranking.data!.rows}
          pagination={false}
          // A phone scrolls the table inside its panel, never the page.
          scroll={{ x: 640 }}
          aria-label="区县排名"
        />
      )}
    </Panel>
  )
}
