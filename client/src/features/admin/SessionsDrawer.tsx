import type { AdminUser } from '@fazhi/shared'
import { useQuery } from '@tanstack/react-query'
import { Alert, Button, Drawer, Empty, Popconfirm, Table, Tooltip, message, type TableColumnsType } from 'antd'
import { ErrorState, errorMessage } from '../../components/ErrorState'
import { formatDateTime } from '../../lib/format'
import { sessionsQuery, useRevokeSession, type Session } from './queries'
import { describeUserAgent } from './userAgent'

/** A user's live sessions; the administrator can end any of them. */
export function SessionsDrawer({ user, onClose }: { user: AdminUser | null; onClose: () => void }) {
  return (
    <Drawer
      open={user !== null}
      onClose={onClose}
      size={820}
      title={user ? `登录会话：${user.displayName}（${user.username}）` : ''}
      destroyOnHidden
    >
      {user && <SessionsTable userId={user.id} />}
    </Drawer>
  )
}

function SessionsTable({ userId }: { userId: number }) {
  const sessions = useQuery(sessionsQuery(userId))
  const revoke = useRevokeSession(userId)
  const [messages, contextHolder] = message.useMessage()

  if (sessions.isError) return <ErrorState error={sessions.error} onRetry={() => sessions.refetch()} />

  const columns: TableColumnsType<Session> = [
    { title: '登录时间', dataIndex: 'createdAt', width: 128, render: formatDateTime },
    { title: '最近活动', dataIndex: 'lastSeenAt', width: 128, render: formatDateTime },
    { title: '到期时间', dataIndex: 'expiresAt', width: 128, render: formatDateTime },
    { title: 'IP 地址', dataIndex: 'ip', width: 112, render: (ip: string | null) => ip ?? <span className="text-muted">—</span> },
    {
      title: '终端',
      dataIndex: 'userAgent',
      ellipsis: { showTitle: false },
      render: (ua: string | null) => (
        <Tooltip title={ua}>
          <span>{describeUserAgent(ua)}</span>
        </Tooltip>
      ),
    },
    {
      title: '操作',
      key: 'revoke',
      width: 84,
      render: (_: unknown, session) => (
        <Popconfirm
          title="强制下线"
          description={session.current ? '这是您当前正在使用的会话，下线后需重新登录。' : '该会话将立即失效，用户须重新登录。'}
          okText="下线"
          okButtonProps={{ danger: true }}
          cancelText="取消"
          onConfirm={() =>
            revoke.mutateAsync(session.id).then(
              () => void messages.success('会话已撤销'),
              (err: unknown) => void messages.error(`撤销失败：${errorMessage(err)}`),
            )
          }
        >
          <Button type="link" danger size="small" loading={revoke.isPending && revoke.variables === session.id}>
            强制下线
          </Button>
        </Popconfirm>
      ),
    },
  ]

  return (
    <>
      {contextHolder}
      <Alert type="info" showIcon className="page-alert" title="会话在闲置或到期后自动失效；强制下线立即生效。" />
      <Table<Session>
        size="small"
        rowKey="id"
        loading={sessions.isPending}
        columns={columns}
        dataSource={sessions.data ?? []}
        pagination={false}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="该用户当前没有有效的登录会话" /> }}
        aria-label="登录会话"
      />
    </>
  )
}
