import { KeyOutlined, LogoutOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons'
import { ROLE_LABELS, type User } from '@fazhi/shared'
import { Button, Spin } from 'antd'
import { Suspense } from 'react'
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router-dom'
import { useLogout } from '../features/auth/queries'
import { useCurrentUser } from '../features/auth/session'

interface NavItem {
  path: string
  label: string
}

function navItems(user: User): NavItem[] {
  // Until the password is changed, the server answers nothing else: no page to go to.
  if (user.mustChangePassword) return []
  switch (user.role) {
    case 'office':
    case 'leader':
      return [
        { path: '/', label: '总览' },
        { path: '/ranking', label: '排名' },
        { path: '/review', label: '审核' },
        { path: '/rectifications', label: '整改' },
        { path: '/reminders', label: '催报' },
        ...(user.role === 'office' ? [{ path: '/cycles', label: '填报周期' }] : []),
      ]
    case 'bureau':
      return [
        { path: '/ranking', label: '排名' },
        ...(user.bureauId === null ? [] : [{ path: `/bureaus/${user.bureauId}`, label: '本单位' }]),
        { path: '/entry', label: '填报' },
        { path: '/rectifications', label: '整改' },
      ]
    case 'sysadmin':
      return [{ path: '/admin/users', label: '用户管理' }]
    case 'auditor':
      return [{ path: '/audit', label: '安全审计' }]
    default:
      return []
  }
}

export function AppLayout() {
  const user = useCurrentUser()
  const { search } = useLocation()
  const logout = useLogout()
  const navigate = useNavigate()
  // Moving between pages keeps the year the user is looking at.
  const year = new URLSearchParams(search).get('year')

  return (
    <div className="app-layout">
      <header className="app-header">
        <Link to="/" className="app-brand">
          <SafetyCertificateOutlined className="app-brand-icon" />
          <span>法治督察看板</span>
        </Link>
        <nav className="app-nav" aria-label="主导航">
          {navItems(user).map((item) => (
            <NavLink key={item.path} to={{ pathname: item.path, search: year ? `?year=${encodeURIComponent(year)}` : '' }} end={item.path === '/'}>
              {item.label}
            </NavLink>
          ))}
        </nav>
        <div className="app-user">
          <UserOutlined />
          <span>{user.displayName}</span>
          <span className="app-user-role">{ROLE_LABELS[user.role]}</span>
          <Button type="text" icon={<KeyOutlined />} className="app-logout" onClick={() => navigate('/account/password')}>
            修改密码
          </Button>
          <Button type="text" icon={<LogoutOutlined />} className="app-logout" loading={logout.isPending} onClick={() => logout.mutate()}>
            退出
          </Button>
        </div>
      </header>
      <main className="app-content">
        <Suspense fallback={<Spin size="large" className="page-spin" />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  )
}
