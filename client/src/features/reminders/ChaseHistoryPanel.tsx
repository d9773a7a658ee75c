import { CHASE_LEVEL_LABELS, CHASE_LEVELS, type ChaseLevel, type ChaseRecord, DELIVERY_CHANNEL_LABELS, DELIVERY_STATUS_LABELS, type DeliveryStatus } from '@fazhi/shared'
import { useQuery } from '@tanstack/react-query'
import { Space, Table, Tag, Tooltip, type TableColumnsType } from 'antd'
import { Panel } from '../../components/Panel'
import { formatDateTime } from '../../lib/format'
import { CHASE_REASONS, type ChaseReason } from '../overview/chase'
import { deliveryCounts } from './chase'
import { chaseHistoryQuery } from './queries'

export const LEVEL_COLORS: Record<ChaseLevel, string> = { remind: 'blue', chase: 'orange', warn: 'red' }
const STATUS_COLORS: Record<DeliveryStatus, string> = { sent: 'green', pending: 'gold', failed: 'red' }

/** What became of a chase's messages: the in-app one (read or not), and each outbound channel's deliveries. */
function DeliveryTags({ record }: { record: ChaseRecord }) {
  const { recipients, read } = record.inApp
  return (
    <Space size={[4, 4]} wrap>
      {recipients ? <Tag color={read ? 'green' : 'default'}>站内消息 已读 {read}/{recipients}</Tag> : <Tag color="red">无可接收的账号</Tag>}
      {deliveryCounts(record).map(({ channel, status, count }) => {
        const errors = record.deliveries.filter((d) => d.channel === channel && d.status === status && d.lastError).map((d) => `${d.recipient}：${d.lastError}（已尝试 ${d.attempts} 次）`)
        const tag = (
          <Tag key={`${channel}-${status}`} color={STATUS_COLORS[status]}>
            {DELIVERY_CHANNEL_LABELS[channel]} {DELIVERY_STATUS_LABELS[status]}
            {count > 1 ? ` ×${count}` : ''}
          </Tag>
        )
        return errors.length ? (
          <Tooltip key={`${channel}-${status}`} title={errors.join('\n')}>
            {tag}
          </Tooltip>
        ) : (
          tag
        )
      })}
    </Space>
  )
}

/** 催报记录: who was chased, when, by whom, at which level, and whether the messages arrived. */
export function ChaseHistoryPanel({ year }: { year: number }) {
  const history = useQuery(chaseHistoryQuery(year))
  const records = history.data?.records ?? []
  const bureauNames = [...new Set(records.map((r) => r.bureauName))]
  const columns: TableColumnsType<ChaseRecord> = [
    { title: '催报时间', dataIndex: 'at', width: 150, defaultSortOrder: 'descend', sorter: (a, b) => a.at.localeCompare(b.at), render: (at: string) => formatDateTime(at) },
    {
      title: '单位',
      dataIndex: 'bureauName',
      filters: bureauNames.map((name) => ({ text: name, value: name })),
      filterSearch: true,
      onFilter: (value, r) => r.bureauName === value,
    },
    {
      title: '级别',
      dataIndex: 'level',
      width: 100,
      filters: CHASE_LEVELS.map((level) => ({ text: CHASE_LEVEL_LABELS[level], value: level })),
      onFilter: (value, r) => r.level === value,
      render: (level: ChaseLevel) => <Tag color={LEVEL_COLORS[level]}>{CHASE_LEVEL_LABELS[level]}</Tag>,
    },
    { title: '当时状态', dataIndex: 'status', width: 110, render: (s: string) => CHASE_REASONS[s as ChaseReason]?.label ?? s },
    { title: '逾期天数', dataIndex: 'daysOverdue', width: 90, align: 'right', render: (d: number) => (d > 0 ? `${d} 天` : '未逾期') },
    { title: '催报人', dataIndex: 'chasedBy', width: 130 },
    { title: '送达情况', key: 'delivery', render: (_: unknown, r) => <DeliveryTags record={r} /> },
  ]
  return (
    <Panel
      title="催报记录"
      loading={history.isPending}
      error={history.error}
      onRetry={() => history.refetch()}
      empty={records.length === 0}
      emptyText="本年度尚未催报"
    >
      {() => (
        <Table<ChaseRecord>
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={records}
          scroll={{ x: 900 }}
          pagination={records.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
          aria-label="催报记录"
        />
      )}
    </Panel>
  )
}
