import { KeyOutlined, LogoutOutlined, MenuOutlined, SafetyCertificateOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons'
import { can, ROLE_LABELS, type SessionInfo, type User } from '@fazhi/shared'
import { Button, Drawer, Grid, Spin } from 'antd'
import { lazy, Suspense, useState } from 'react'
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router-dom'
import { useLogout } from '../features/auth/queries'
import { NotificationBell } from '../features/notifications/NotificationBell'
import { keepRegion } from '../features/regions/regions'
import { RegionPicker } from '../features/regions/RegionPicker'
import { TWO_FACTOR_PATH, useCurrentUser } from '../features/auth/session'
import { useReadsVertical } from '../features/vertical/verticalReach'

// 系统设置's menu (antd's Dropdown) loads after the first screen.
const SettingsMenu = lazy(() => import('./SettingsMenu'))

interface NavItem {
  path: string
  label: string
  /** 系统设置: on a desktop a business account's settings pages fold into one menu, so the bar keeps its daily pages in view. */
  settings?: boolean
}

/** `vertical`: the account's region has regions below it (`readsVertical`). */
function navItems(user: User, vertical: boolean): NavItem[] {
  // Until the password is changed, the server answers nothing else: no page to go to.
  if (user.mustChangePassword) return []
  const business = can(user, 'readBusiness')
  const county = can(user, 'allBureaus')
  const ownBureau = business && !county
  const items: (NavItem & { shown: boolean })[] = [
    { shown: business, path: '/workbench', label: '工作台' },
    { shown: county, path: '/', label: '总览' },
    { shown: business, path: '/ranking', label: '排名' },
    { shown: business && vertical, path: '/vertical', label: '纵向对比' },
    { shown: ownBureau && user.bureauId !== null, path: `/bureaus/${user.bureauId}`, label: '本单位' },
    { shown: county, path: '/review', label: '审核' },
    { shown: ownBureau, path: '/entry', label: '填报' },
    { shown: business, path: '/rectifications', label: '整改' },
    { shown: county, path: '/reminders', label: '催报' },
    // Leaders read the versions and their changes; only the office has the 发布 button.
    { shown: county, path: '/results', label: '定稿发布' },
    { shown: can(user, 'manageCycles'), path: '/cycles', label: '填报周期', settings: true },
    // 系统设置
    { shown: can(user, 'manageOrganisation'), path: '/settings/organisation', label: '组织机构', settings: true },
    // The office edits the scheme under 系统设置; leaders and bureaus read the rules they are scored by.
    { shown: can(user, 'manageScheme'), path: '/settings/scheme', label: '考核方案', settings: true },
    { shown: business && !can(user, 'manageScheme'), path: '/scheme', label: '考核细则' },
    { shown: can(user, 'manageNotifications'), path: '/settings/notifications', label: '消息通道', settings: true },
    { shown: can(user, 'manageSecuritySettings'), path: '/settings/security', label: '安全设置', settings: true },
    // One page of accounts for both administrators who act on them, named for what each does there.
    { shown: can(user, 'listAccounts'), path: '/admin/users', label: can(user, 'grantRoles') ? '角色授权' : '用户管理' },
    { shown: can(user, 'readAudit'), path: '/audit', label: '安全审计' },
  ]
  return items.filter((item) => item.shown).map(({ path, label, settings }) => ({ path, label, settings }))
}

/** The account's buttons: in the header on a desktop, under the nav in the phone's drawer. */
function AccountActions({ user, onNavigate }: { user: SessionInfo; onNavigate: (path: string) => void }) {
  const logout = useLogout()
  return (
    <>
      <Button type="text" icon={<KeyOutlined />} className="app-logout" title="修改密码" aria-label="修改密码" onClick={() => onNavigate('/account/password')}>
        修改密码
      </Button>
      {!user.totpEnrolled && !user.mustChangePassword && (
        <Button type="text" icon={<SafetyOutlined />} className="app-logout" title="启用双因素认证" aria-label="双因素认证" onClick={() => onNavigate(TWO_FACTOR_PATH)}>
          双因素认证
        </Button>
      )}
      <Button type="text" icon={<LogoutOutlined />} className="app-logout" title="退出" aria-label="退出" loading={logout.isPending} onClick={() => logout.mutate()}>
        退出
      </Button>
    </>
  )
}

export function AppLayout() {
  const user = useCurrentUser()
  const vertical = useReadsVertical(user)
  const { pathname, search } = useLocation()
  const navigate = useNavigate()
  // Below antd's md (768 px) the nav folds into a drawer opened from the header's menu button.
  const phone = Grid.useBreakpoint().md === false
  const [menuOpen, setMenuOpen] = useState(false)
  // Moving between pages keeps the year and the region the user is looking at.
  const current = new URLSearchParams(search)
  const year = current.get('year')
  const kept = keepRegion(current, new URLSearchParams(year ? { year } : {})).toString()
  const go = (path: string) => {
    setMenuOpen(false)
    navigate(path)
  }
  const link = (item: NavItem) => (
    <NavLink key={item.path} to={{ pathname: item.path, search: kept ? `?${kept}` : '' }} end={item.path === '/'} onClick={() => setMenuOpen(false)}>
      {item.label}
    </NavLink>
  )
  const items = navItems(user, vertical)
  const business = can(user, 'readBusiness') && !user.mustChangePassword
  const settings = business ? items.filter((item) => item.settings) : []
  const folded = settings.length > 1
  const onSettingsPage = settings.some((item) => pathname.startsWith(item.path))
  const bell = business && <NotificationBell />

  return (
    <div className="app-layout">
      <header className="app-header">
        <Link to="/" className="app-brand">
          <SafetyCertificateOutlined className="app-brand-icon" />
          <span>法治督察看板</span>
        </Link>
        {phone ? (
          <div className="app-user">
            {bell}
            <Button type="text" icon={<MenuOutlined />} className="app-menu-button" aria-label="打开导航菜单" onClick={() => setMenuOpen(true)} />
          </div>
        ) : (
          <>
            <nav className="app-nav" aria-label="主导航">
              {(folded ? items.filter((item) => !item.settings) : items).map(link)}
              {folded && (
                <Suspense fallback={null}>
                  <SettingsMenu links={settings.map((item) => ({ path: item.path, node: link(item) }))} selected={pathname} active={onSettingsPage} />
                </Suspense>
              )}
            </nav>
            <div className="app-user">
              {business && <RegionPicker className="app-region" />}
              {bell}
              <UserOutlined title={user.displayName} />
              <span className="app-user-name">{user.displayName}</span>
              <span className="app-user-role">{ROLE_LABELS[user.role]}</span>
              <AccountActions user={user} onNavigate={go} />
            </div>
          </>
        )}
      </header>
      {phone && (
        <Drawer open={menuOpen} onClose={() => setMenuOpen(false)} placement="right" size={280} title="导航菜单" className="app-drawer">
          <div className="app-drawer-user">
            <UserOutlined />
            <span>{user.displayName}</span>
            <span className="app-drawer-role">{ROLE_LABELS[user.role]}</span>
          </div>
          {business && <RegionPicker className="app-drawer-region" />}
          <nav className="app-drawer-nav" aria-label="主导航">
            {items.map(link)}
          </nav>
          <div className="app-drawer-actions">
            <AccountActions user={user} onNavigate={go} />
          </div>
        </Drawer>
      )}
      <main className="app-content">
        <Suspense fallback={<Spin size="large" className="page-spin" />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  )
}
