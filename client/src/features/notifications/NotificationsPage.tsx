import { NOTIFICATION_KIND_LABELS, NOTIFICATION_PAGE_SIZE, type NotificationItem, type NotificationKind } from '@fazhi/shared'
import { useQuery } from '@tanstack/react-query'
import { Button, Empty, Pagination, Spin, Tabs, Tag } from 'antd'
import { useState } from 'react'
import { useNavigate } from 'react-router-dom'
import { ErrorState } from '../../components/ErrorState'
import { PageHeader } from '../../components/PageHeader'
import { formatDateTime } from '../../lib/format'
import { PreferencesSection } from './PreferencesSection'
import { notificationsQuery, useMarkRead } from './queries'
import './notifications.css'

const KIND_COLORS: Record<NotificationKind, string> = {
  returned: 'orange',
  approved: 'green',
  commented: 'blue',
  due: 'gold',
  overdue: 'red',
  verified: 'cyan',
  published: 'purple',
  chase: 'volcano',
}

function MessageRow({ item, onOpen }: { item: NotificationItem; onOpen: (item: NotificationItem) => void }) {
  const unread = item.readAt === null
  return (
    <li className={`notification-item${unread ? ' notification-unread' : ''}`}>
      <div className="notification-item-head">
        <Tag color={KIND_COLORS[item.kind]}>{NOTIFICATION_KIND_LABELS[item.kind]}</Tag>
        {unread && <span className="notification-dot" aria-label="未读" />}
        <time className="notification-time" dateTime={item.createdAt}>
          {formatDateTime(item.createdAt)}
        </time>
      </div>
      <div className="notification-title">{item.title}</div>
      <div className="notification-body">{item.body}</div>
      {item.link && (
        <Button type="link" className="notification-open" onClick={() => onOpen(item)} aria-label={`查看：${item.title}`}>
          查看详情
        </Button>
      )}
    </li>
  )
}

/** 消息中心: the user's messages, all or unread; opening one marks it read. Below, which channels reach the user. */
export default function NotificationsPage() {
  const [tab, setTab] = useState<'all' | 'unread'>('all')
  const [page, setPage] = useState(1)
  const list = useQuery(notificationsQuery(tab === 'unread', page))
  const markRead = useMarkRead()
  const navigate = useNavigate()

  const open = (item: NotificationItem) => {
    if (item.readAt === null) markRead.mutate({ ids: [item.id] })
    if (item.link) navigate(item.link)
  }

  const unread = list.data?.unread ?? 0
  const body = list.isPending ? (
    <Spin size="large" className="page-spin" />
  ) : list.isError ? (
    <ErrorState error={list.error} onRetry={() => list.refetch()} />
  ) : list.data.items.length === 0 ? (
    <Empty description={tab === 'unread' ? '没有未读消息' : '暂无消息'} />
  ) : (
    <>
      <ul className="notification-list">
        {list.data.items.map((item) => (
          <MessageRow key={item.id} item={item} onOpen={open} />
        ))}
      </ul>
      {list.data.total > NOTIFICATION_PAGE_SIZE && (
        <Pagination className="notification-pages" current={page} pageSize={NOTIFICATION_PAGE_SIZE} total={list.data.total} onChange={setPage} showSizeChanger={false} simple />
      )}
    </>
  )

  return (
    <div className="page notifications-page">
      <PageHeader
        title="消息中心"
        subtitle={unread ? `${unread} 条未读` : '没有未读消息'}
        extra={
          <Button className="notification-read-all" disabled={!unread} loading={markRead.isPending} onClick={() => markRead.mutate({ all: true })}>
            全部标为已读
          </Button>
        }
      />
      <Tabs
        activeKey={tab}
        onChange={(key) => {
          setTab(key as 'all' | 'unread')
          setPage(1)
        }}
        items={[
          { key: 'all', label: '全部' },
          { key: 'unread', label: unread ? `未读（${unread}）` : '未读' },
        ]}
      />
      {body}
      <PreferencesSection />
    </div>
  )
}
