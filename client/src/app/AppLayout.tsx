import { LogoutOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons'
import { ROLE_LABELS, type User } from '@fazhi/shared'
import { Button, Spin } from 'antd'
import { Suspense } from 'react'
import { Link, NavLink, Outlet, useLocation } from 'react-router-dom'
import { useLogout } from '../features/auth/queries'
import { useCurrentUser } from '../features/auth/session'

interface NavItem {
  path: string
  label: string
}

function navItems(user: User): NavItem[] {
  switch (user.role) {
    case 'office':
    case 'leader':
      return [
        { path: '/', label: '总览' },
        { path: '/ranking', label: '排名' },
      ]
    case 'bureau':
      return [
        { path: '/ranking', label: '排名' },
        ...(user.bureauId === null ? [] : [{ path: `/bureaus/${user.bureauId}`, label: '本单位' }]),
      ]
    default:
      return []
  }
}

export function AppLayout() {
  const user = useCurrentUser()
  const { search } = useLocation()
  const logout = useLogout()
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
