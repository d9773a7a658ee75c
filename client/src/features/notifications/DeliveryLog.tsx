import { ReloadOutlined } from '@ant-design/icons'
import {
  DELIVERY_CHANNEL_LABELS,
  DELIVERY_CHANNELS,
  DELIVERY_STATUS_LABELS,
  DELIVERY_STATUSES,
  NOTIFICATION_KIND_LABELS,
  type DeliveryChannel,
  type DeliveryLogEntry,
  type DeliveryLogQuery,
  type DeliveryStatus,
} from '@fazhi/shared'
import { useQuery } from '@tanstack/react-query'
import { Button, Select, Table, Tag, type TableColumnsType, type TableProps } from 'antd'
import { useState } from 'react'
import { ErrorState } from '../../components/ErrorState'
import { Section } from '../../components/Panel'
import { EMPTY, formatDateTime } from '../../lib/format'
import { deliveryLogQuery } from './channels.queries'

type Sort = DeliveryLogQuery['sort']

const STATUS_COLORS: Record<DeliveryStatus, string> = { pending: 'blue', sent: 'green', failed: 'red' }
const ORDER = { asc: 'ascend', desc: 'descend' } as const

/** 发送记录: every outbound delivery, its attempts and outcome; filtered, sorted and paged by the server. */
export function DeliveryLog() {
  const [view, setView] = useState<DeliveryLogQuery>({ page: 1, sort: 'createdAt', order: 'desc' })
  const log = useQuery(deliveryLogQuery(view))
  const sortOrder = (key: Sort) => (view.sort === key ? ORDER[view.order] : null)

  const columns: TableColumnsType<DeliveryLogEntry> = [
    { title: '创建时间', dataIndex: 'createdAt', key: 'createdAt', width: 150, sorter: true, sortOrder: sortOrder('createdAt'), render: (at: string) => formatDateTime(at) },
    {
      title: '消息',
      key: 'message',
      width: 220,
      render: (_: unknown, d) => (
        <>
          <div>{d.title}</div>
          <div className="text-muted">{NOTIFICATION_KIND_LABELS[d.kind]}</div>
        </>
      ),
    },
    { title: '收件人', dataIndex: 'recipient', width: 150 },
    { title: '通道', dataIndex: 'channel', width: 110, render: (c: DeliveryChannel) => (c === 'email' ? '电子邮件' : 'Webhook') },
    { title: '地址', dataIndex: 'address', width: 190, render: (a: string | null) => <span className="mono">{a ?? EMPTY}</span> },
    { title: '状态', dataIndex: 'status', width: 96, render: (s: DeliveryStatus) => <Tag color={STATUS_COLORS[s]}>{DELIVERY_STATUS_LABELS[s]}</Tag> },
    { title: '尝试次数', dataIndex: 'attempts', key: 'attempts', width: 100, align: 'right', sorter: true, sortOrder: sortOrder('attempts') },
    {
      title: '送达 / 下次重试',
      dataIndex: 'deliveredAt',
      key: 'deliveredAt',
      width: 160,
      sorter: true,
      sortOrder: sortOrder('deliveredAt'),
      render: (_: unknown, d) => (d.deliveredAt ? formatDateTime(d.deliveredAt) : d.nextAttemptAt ? `${formatDateTime(d.nextAttemptAt)} 重试` : EMPTY),
    },
    { title: '最后错误', dataIndex: 'lastError', render: (e: string | null) => <span className="channels-error">{e ?? EMPTY}</span> },
  ]

  const onChange: TableProps<DeliveryLogEntry>['onChange'] = (pagination, _filters, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter
    const sort = s?.order ? (s.columnKey as Sort) : 'createdAt'
    const order = s?.order === 'ascend' ? 'asc' : 'desc'
    const sortChanged = sort !== view.sort || order !== view.order
    setView({ ...view, sort, order, page: sortChanged ? 1 : (pagination.current ?? 1) })
  }

  return (
    <Section
      title="发送记录"
      extra={
        <Button icon={<ReloadOutlined />} onClick={() => log.refetch()} loading={log.isFetching} aria-label="刷新发送记录">
          刷新
        </Button>
      }
    >
      <div className="channels-log-filters">
        <Select
          allowClear
          placeholder="全部状态"
          aria-label="按状态筛选"
          value={view.status}
          onChange={(status?: DeliveryStatus) => setView({ ...view, status, page: 1 })}
          options={DELIVERY_STATUSES.map((s) => ({ value: s, label: DELIVERY_STATUS_LABELS[s] }))}
        />
        <Select
          allowClear
          placeholder="全部通道"
          aria-label="按通道筛选"
          value={view.channel}
          onChange={(channel?: DeliveryChannel) => setView({ ...view, channel, page: 1 })}
          options={DELIVERY_CHANNELS.map((c) => ({ value: c, label: DELIVERY_CHANNEL_LABELS[c] }))}
        />
      </div>
      {log.isError ? (
        <ErrorState error={log.error} onRetry={() => log.refetch()} />
      ) : (
        <Table<DeliveryLogEntry>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={log.data?.items}
          loading={log.isPending}
          onChange={onChange}
          scroll={{ x: 1300 }}
          locale={{ emptyText: '暂无发送记录' }}
          pagination={{ current: view.page, pageSize: log.data?.pageSize ?? 20, total: log.data?.total ?? 0, showSizeChanger: false, showTotal: (n) => `共 ${n} 条` }}
        />
      )}
    </Section>
  )
}
