import { PlusOutlined, SearchOutlined } from '@ant-design/icons'
import { ROLE_LABELS, ROLES, type AdminUser, type Role } from '@fazhi/shared'
import { useQuery } from '@tanstack/react-query'
import { Button, Empty, Input, Select, Space, Table, Tag, Tooltip, type TableColumnsType } from 'antd'
import { useMemo, useState } from 'react'
import { ErrorState } from '../../components/ErrorState'
import { PageHeader } from '../../components/PageHeader'
import { Section } from '../../components/Panel'
import { formatDateTime } from '../../lib/format'
import { useCurrentUser } from '../auth/session'
import { bureausQuery } from '../catalog/queries'
import { usersQuery } from './queries'
import { ResetPasswordModal } from './ResetPasswordModal'
import { SessionsDrawer } from './SessionsDrawer'
import { UserFormModal } from './UserFormModal'
import './admin.css'
import { ACCOUNT_STATES, accountState, filterUsers } from './users'

const ROLE_COLORS: Record<Role, string> = { office: 'blue', leader: 'purple', bureau: 'cyan', sysadmin: 'gold', auditor: 'magenta' }
const ROLE_FILTER_OPTIONS = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }))

type Dialog = { kind: 'create' } | { kind: 'edit' | 'reset' | 'sessions'; user: AdminUser } | null

/** Account administration (三员分立: the system administrator manages accounts, not business data). */
export default function UsersPage() {
  const me = useCurrentUser()
  const users = useQuery(usersQuery())
  const bureaus = useQuery(bureausQuery())
  const [search, setSearch] = useState('')
  const [role, setRole] = useState<Role | null>(null)
  const [dialog, setDialog] = useState<Dialog>(null)
  const close = () => setDialog(null)

  const bureauNames = useMemo(() => new Map(bureaus.data?.map((b) => [b.id, b.name])), [bureaus.data])
  const rows = useMemo(() => filterUsers(users.data ?? [], { search, role }), [users.data, search, role])
  const now = new Date()

  const columns: TableColumnsType<AdminUser> = [
    {
      title: '用户名',
      dataIndex: 'username',
      width: 190,
      sorter: (a, b) => a.username.localeCompare(b.username),
      render: (username: string, u) => (
        <span className="admin-username-cell">
          <span className="admin-username">{username}</span>
          {u.id === me.id && <Tag color="blue">当前账号</Tag>}
        </span>
      ),
    },
    { title: '姓名', dataIndex: 'displayName', sorter: (a, b) => a.displayName.localeCompare(b.displayName, 'zh-CN') },
    {
      title: '角色',
      dataIndex: 'role',
      width: 120,
      sorter: (a, b) => ROLES.indexOf(a.role) - ROLES.indexOf(b.role),
      render: (r: Role) => <Tag color={ROLE_COLORS[r]}>{ROLE_LABELS[r]}</Tag>,
    },
    {
      title: '所属单位',
      dataIndex: 'bureauId',
      render: (id: number | null) =>
        id === null ? <span className="text-muted">—</span> : (bureauNames.get(id) ?? <span className="text-muted">单位 #{id}</span>),
    },
    {
      title: '状态',
      key: 'state',
      width: 150,
      render: (_: unknown, u) => {
        const state = accountState(u, now)
        const tag = <Tag color={ACCOUNT_STATES[state].color}>{ACCOUNT_STATES[state].label}</Tag>
        return state === 'locked' ? <Tooltip title={`锁定至 ${formatDateTime(u.lockedUntil)}（重置密码可解除）`}>{tag}</Tooltip> : tag
      },
    },
    { title: '创建时间', dataIndex: 'createdAt', width: 150, sorter: (a, b) => a.createdAt.localeCompare(b.createdAt), render: formatDateTime },
    {
      title: '操作',
      key: 'actions',
      width: 220,
      render: (_: unknown, u) => (
        <Space size={0} className="table-actions">
          <Button type="link" size="small" onClick={() => setDialog({ kind: 'edit', user: u })}>
            编辑
          </Button>
          <Button type="link" size="small" onClick={() => setDialog({ kind: 'reset', user: u })}>
            重置密码
          </Button>
          <Button type="link" size="small" onClick={() => setDialog({ kind: 'sessions', user: u })}>
            登录会话
          </Button>
        </Space>
      ),
    },
  ]

  return (
    <div className="page">
      <PageHeader
        title="用户管理"
        subtitle="三员分立：系统管理员负责账号、角色与登录会话，不查看业务数据"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })}>
            新建用户
          </Button>
        }
      />
      <Section>
        <div className="table-toolbar">
          <Input
            allowClear
            prefix={<SearchOutlined />}
            placeholder="搜索用户名或姓名"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            style={{ width: 240 }}
            aria-label="搜索用户名或姓名"
          />
          <Select
            allowClear
            placeholder="全部角色"
            value={role}
            onChange={(v) => setRole(v ?? null)}
            options={ROLE_FILTER_OPTIONS}
            style={{ width: 160 }}
            aria-label="按角色筛选"
          />
          {users.data && (
            <span className="table-toolbar-count">
              共 {users.data.length} 个账号{rows.length !== users.data.length && `，显示 ${rows.length} 个`}
            </span>
          )}
        </div>
        {users.isError ? (
          <ErrorState error={users.error} onRetry={() => users.refetch()} />
        ) : (
          <Table<AdminUser>
            rowKey="id"
            size="middle"
            loading={users.isPending}
            columns={columns}
            dataSource={rows}
            rowClassName={(u) => (u.active ? '' : 'row-inactive')}
            pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false, showTotal: (total) => `共 ${total} 个` } : false}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={users.data?.length ? '没有符合筛选条件的账号' : '暂无账号'} /> }}
            aria-label="用户列表"
          />
        )}
      </Section>
      <UserFormModal
        open={dialog?.kind === 'create' || dialog?.kind === 'edit'}
        user={dialog?.kind === 'edit' ? dialog.user : null}
        isSelf={dialog?.kind === 'edit' && dialog.user.id === me.id}
        onClose={close}
      />
      <ResetPasswordModal user={dialog?.kind === 'reset' ? dialog.user : null} onClose={close} />
      <SessionsDrawer user={dialog?.kind === 'sessions' ? dialog.user : null} onClose={close} />
    </div>
  )
}
