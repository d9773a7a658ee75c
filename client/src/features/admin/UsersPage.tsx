import { PlusOutlined, SearchOutlined } from '@ant-design/icons'
import { can, passwordResetOnWeb, ROLE_LABELS, ROLES, type AdminUser, type Role } from '@fazhi/shared'
import { useQuery } from '@tanstack/react-query'
import { Button, Empty, Input, message, Popconfirm, Select, Space, Table, Tag, Tooltip, type TableColumnsType } from 'antd'
import { useMemo, useState } from 'react'
import { ErrorState } from '../../components/ErrorState'
import { PageHeader } from '../../components/PageHeader'
import { Section } from '../../components/Panel'
import { errorMessage } from '../../components/ErrorState'
import { formatDateTime } from '../../lib/format'
import { useCurrentUser } from '../auth/session'
import { bureausQuery } from '../catalog/queries'
import { regionsQuery } from '../organisation/queries'
import { useResetSecondFactor, useUnlockUser, usersQuery, useUpdateUser } from './queries'
import { ResetPasswordModal } from './ResetPasswordModal'
import { RoleModal } from './RoleModal'
import { SessionsDrawer } from './SessionsDrawer'
import { UserFormModal } from './UserFormModal'
import './admin.css'
import { ACCOUNT_STATES, accountState, filterUsers, NO_ROLE, regionLabel, type UserFilter } from './users'

const ROLE_COLORS: Record<Role, string> = { office: 'blue', leader: 'purple', bureau: 'cyan', sysadmin: 'gold', secadmin: 'volcano', auditor: 'magenta' }
const ROLE_FILTER_OPTIONS = [...ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] })), { value: NO_ROLE, label: '未授权' }]
const roleOrder = (r: Role | null) => (r ? ROLES.indexOf(r) : ROLES.length)

type Dialog = { kind: 'create' } | { kind: 'edit' | 'reset' | 'sessions' | 'role'; user: AdminUser } | null

/**
 * Account administration under 三员分立, for both administrators who act on accounts: the system
 * administrator creates accounts, renames, deactivates, resets passwords and ends sessions; the
 * 安全保密管理员 grants roles, unlocks and resets second factors. Neither sees business data, and
 * neither acts on its own account's rights.
 */
export default function UsersPage() {
  const me = useCurrentUser()
  const managesAccounts = can(me, 'manageAccounts')
  const grantsRoles = can(me, 'grantRoles')
  const users = useQuery(usersQuery())
  const bureaus = useQuery(bureausQuery())
  const regions = useQuery(regionsQuery())
  const [search, setSearch] = useState('')
  const [role, setRole] = useState<UserFilter['role']>(null)
  const [dialog, setDialog] = useState<Dialog>(null)
  const close = () => setDialog(null)
  const [messages, contextHolder] = message.useMessage()
  const update = useUpdateUser()
  const unlock = useUnlockUser()
  const resetFactor = useResetSecondFactor()
  const report = (done: string) => ({ onSuccess: () => void messages.success(done), onError: (err: Error) => void messages.error(errorMessage(err)) })

  const bureauNames = useMemo(() => new Map(bureaus.data?.map((b) => [b.id, b.name])), [bureaus.data])
  const regionNames = useMemo(() => new Map(regions.data?.map((r) => [r.id, r.name])), [regions.data])
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
      sorter: (a, b) => roleOrder(a.role) - roleOrder(b.role),
      render: (r: Role | null) => (r ? <Tag color={ROLE_COLORS[r]}>{ROLE_LABELS[r]}</Tag> : <Tag>未授权</Tag>),
    },
    {
      title: '所属单位',
      dataIndex: 'bureauId',
      render: (id: number | null) =>
        id === null ? <span className="text-muted">—</span> : (bureauNames.get(id) ?? <span className="text-muted">单位 #{id}</span>),
    },
    {
      title: '所属地区',
      key: 'region',
      render: (_: unknown, u) => regionLabel(u, regionNames) ?? <span className="text-muted">—</span>,
    },
    {
      title: '状态',
      key: 'state',
      width: 150,
      render: (_: unknown, u) => {
        const state = accountState(u, now)
        const tag = <Tag color={ACCOUNT_STATES[state].color}>{ACCOUNT_STATES[state].label}</Tag>
        return state === 'locked' ? <Tooltip title={`锁定至 ${formatDateTime(u.lockedUntil)}（安全保密管理员可解锁）`}>{tag}</Tooltip> : tag
      },
    },
    {
      title: '双因素',
      dataIndex: 'hasSecondFactor',
      width: 90,
      render: (has: boolean) => (has ? <Tag color="green">已启用</Tag> : <span className="text-muted">未启用</span>),
    },
    { title: '创建时间', dataIndex: 'createdAt', width: 150, sorter: (a, b) => a.createdAt.localeCompare(b.createdAt), render: formatDateTime },
    {
      title: '操作',
      key: 'actions',
      width: managesAccounts ? 300 : 260,
      render: (_: unknown, u) => {
        const self = u.id === me.id
        const locked = accountState(u, now) === 'locked'
        return (
          <Space size={0} className="table-actions">
            {managesAccounts && (
              <>
                <Button type="link" size="small" onClick={() => setDialog({ kind: 'edit', user: u })}>
                  编辑姓名
                </Button>
                <Popconfirm
                  title={u.active ? `停用 ${u.username}？` : `启用 ${u.username}？`}
                  description={u.active ? '停用后该用户的登录会话将立即失效。' : undefined}
                  okText={u.active ? '停用' : '启用'}
                  cancelText="取消"
                  disabled={self}
                  onConfirm={() => update.mutate({ id: u.id, body: { active: !u.active, version: u.version } }, report(u.active ? `已停用 ${u.username}` : `已启用 ${u.username}`))}
                >
                  <Button type="link" size="small" disabled={self} title={self ? '不能停用自己的账户' : undefined}>
                    {u.active ? '停用' : '启用'}
                  </Button>
                </Popconfirm>
                <Button
                  type="link"
                  size="small"
                  disabled={self || !passwordResetOnWeb(u.role)}
                  title={self ? '请在“修改密码”中修改自己的密码' : passwordResetOnWeb(u.role) ? undefined : '管理员账户的密码只能由运维人员在服务器上重置'}
                  onClick={() => setDialog({ kind: 'reset', user: u })}
                >
                  重置密码
                </Button>
                <Button type="link" size="small" onClick={() => setDialog({ kind: 'sessions', user: u })}>
                  会话
                </Button>
              </>
            )}
            {grantsRoles && (
              <>
                <Button type="link" size="small" disabled={self} title={self ? '不能变更自己的角色' : undefined} onClick={() => setDialog({ kind: 'role', user: u })}>
                  {u.role ? '变更角色' : '授予角色'}
                </Button>
                {locked && (
                  <Button type="link" size="small" disabled={self} onClick={() => unlock.mutate({ id: u.id }, report(`已解锁 ${u.username}`))}>
                    解锁
                  </Button>
                )}
                <Popconfirm
                  title={`重置 ${u.username} 的双因素认证？`}
                  description="将清除其验证器绑定和恢复码，并结束其登录会话；该用户下次登录时须重新绑定。"
                  okText="重置"
                  okButtonProps={{ danger: true }}
                  cancelText="取消"
                  disabled={self}
                  onConfirm={() => resetFactor.mutate({ id: u.id }, report(`已重置 ${u.username} 的双因素认证`))}
                >
                  <Button type="link" size="small" danger disabled={self} title={self ? '不能重置自己的双因素认证' : undefined}>
                    重置双因素
                  </Button>
                </Popconfirm>
              </>
            )}
          </Space>
        )
      },
    },
  ]

  return (
    <div className="page">
      {contextHolder}
      <PageHeader
        title={grantsRoles ? '角色授权' : '用户管理'}
        subtitle={
          grantsRoles
            ? '三员分立：安全保密管理员授予和撤销角色、解锁账户、重置双因素认证，不能对自己的账户操作'
            : '三员分立：系统管理员创建账户、管理登录会话，新账户须由安全保密管理员授予角色'
        }
        extra={
          managesAccounts && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })}>
              新建账户
            </Button>
          )
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
            scroll={{ x: 1160 }}
            pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false, showTotal: (total) => `共 ${total} 个` } : false}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={users.data?.length ? '没有符合筛选条件的账号' : '暂无账号'} /> }}
            aria-label="用户列表"
          />
        )}
      </Section>
      <UserFormModal open={dialog?.kind === 'create' || dialog?.kind === 'edit'} user={dialog?.kind === 'edit' ? dialog.user : null} onClose={close} />
      <RoleModal user={dialog?.kind === 'role' ? dialog.user : null} onClose={close} />
      <ResetPasswordModal user={dialog?.kind === 'reset' ? dialog.user : null} onClose={close} />
      <SessionsDrawer user={dialog?.kind === 'sessions' ? dialog.user : null} onClose={close} />
    </div>
  )
}
