import { REGION_RANKING_LABELS as LABELS, type RegionRankingRow } from '@fazhi/shared'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { Button, Table, type TableColumnsType } from 'antd'
import { Panel } from '../../components/Panel'
import { formatPercent, formatScore } from '../../lib/format'
import { regionRankingQuery } from './regionRankingQuery'

/** Sorts by a figure; a region without it (nothing reported, no items) sorts below every one that has it. */
const byFigure = (pick: (r: RegionRankingRow) => number | null) => (a: RegionRankingRow, b: RegionRankingRow) => (pick(a) ?? -1) - (pick(b) ?? -1)

function columnsFor(onSelect: (regionId: number) => void): TableColumnsType<RegionRankingRow> {
  const percent = (key: 'reportingRate' | 'onTimeRate' | 'rectificationCompletionRate') => ({
    title: LABELS[key],
    dataIndex: key,
    align: 'right' as const,
    sorter: byFigure((r) => r[key]),
    render: (v: number | null) => formatPercent(v),
  })
  return [
    {
      title: LABELS.rank,
      dataIndex: 'rank',
      width: 72,
      align: 'center',
      defaultSortOrder: 'ascend',
      sorter: (a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity),
      render: (rank: number | null) => (rank === null ? <span className="text-muted">未排名</span> : rank),
    },
    {
      title: LABELS.name,
      dataIndex: 'name',
      sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
      render: (name: string, row) => (
        <Button type="link" size="small" onClick={() => onSelect(row.regionId)}>
          {name}
        </Button>
      ),
    },
    { title: LABELS.bureauCount, dataIndex: 'bureauCount', align: 'right', sorter: (a, b) => a.bureauCount - b.bureauCount },
    percent('reportingRate'),
    percent('onTimeRate'),
    { title: LABELS.averageScore, dataIndex: 'averageScore', align: 'right', sorter: byFigure((r) => r.averageScore), render: formatScore },
    percent('rectificationCompletionRate'),
  ]
}

/**
 * 区县排名: the regions directly below the page's region (a city's counties) side by side, sortable
 * by each figure. Clicking a region picks it: the page then shows that region.
 */
export default function RegionRankingPanel({ year, regionId, version, onSelect }: { year: number; regionId: number | null; version?: number; onSelect: (regionId: number) => void }) {
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
