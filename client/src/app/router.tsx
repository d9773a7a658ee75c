import { lazy, Suspense, useEffect, type ReactNode } from 'react'
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom'
import type { Role, User } from '@fazhi/shared'
import { setUnauthorizedHandler } from '../api/client'
import { PasswordChangeGate } from '../features/account/PasswordChangeGate'
import { homePath, isBusinessUser, useCurrentUser } from '../features/auth/session'
import { AppLayout } from './AppLayout'
import { queryClient } from './queryClient'
import { RequireAuth } from './RequireAuth'

// Every page is its own chunk: the charts load only with the pages that draw them.
const LoginPage = lazy(() => import('../features/auth/LoginPage'))
const OverviewPage = lazy(() => import('../features/overview/OverviewPage'))
const RankingPage = lazy(() => import('../features/ranking/RankingPage'))
const BureauPage = lazy(() => import('../features/bureau/BureauPage'))
const ReportPage = lazy(() => import('../features/report/ReportPage'))
const ChangePasswordPage = lazy(() => import('../features/account/ChangePasswordPage'))
const UsersPage = lazy(() => import('../features/admin/UsersPage'))
const AuditPage = lazy(() => import('../features/audit/AuditPage'))
const EntryPage = lazy(() => import('../features/entry/EntryPage'))
const SubmissionPage = lazy(() => import('../features/entry/SubmissionPage'))
const ReviewPage = lazy(() => import('../features/review/ReviewPage'))
const RectificationsPage = lazy(() => import('../features/rectifications/RectificationsPage'))
const CyclesPage = lazy(() => import('../features/cycles/CyclesPage'))
const RemindersPage = lazy(() => import('../features/reminders/RemindersPage'))
const NotFoundPage = lazy(() => import('./NotFoundPage'))

/** 三员分立: the system administrator and the auditor each have their own pages and no business ones. */
const STAFF_HOMES: Partial<Record<Role, string>> = { sysadmin: '/admin/users', auditor: '/audit' }
const roleHomePath = (user: User) => STAFF_HOMES[user.role] ?? homePath(user)

/** Business pages; system administrators and auditors go to their own pages instead. */
function BusinessRoute({ children }: { children: ReactNode }) {
  const user = useCurrentUser()
  return isBusinessUser(user) ? children : <Navigate to={roleHomePath(user)} replace />
}

/** A page for some roles only; everyone else goes to their home page. */
function RoleRoute({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const user = useCurrentUser()
  return roles.includes(user.role) ? children : <Navigate to={roleHomePath(user)} replace />
}

/** `/`: the county overview for the office and leaders; a bureau user goes to their own bureau. */
function HomeRoute() {
  const user = useCurrentUser()
  const { search } = useLocation()
  if (user.role === 'bureau') return <Navigate to={homePath(user) + search} replace />
  return isBusinessUser(user) ? <OverviewPage /> : <Navigate to={roleHomePath(user)} replace />
}

/** A session that ends (expiry, logout elsewhere) sends the user to the login page, and back after. */
function useSessionExpiry() {
  const navigate = useNavigate()
  useEffect(() => {
    setUnauthorizedHandler(() => {
      const { pathname, search } = window.location
      if (pathname === '/login') return
      queryClient.clear()
      navigate('/login', { replace: true, state: { from: pathname + search } })
    })
  }, [navigate])
}

export function AppRoutes() {
  useSessionExpiry()
  return (
    <Routes>
      <Route
        path="/login"
        element={
          <Suspense>
            <LoginPage />
          </Suspense>
        }
      />
      <Route
        element={
          <RequireAuth>
            <PasswordChangeGate>
              <AppLayout />
            </PasswordChangeGate>
          </RequireAuth>
        }
      >
        <Route index element={<HomeRoute />} />
        <Route path="ranking" element={<BusinessRoute><RankingPage /></BusinessRoute>} />
        <Route path="bureaus/:id" element={<BusinessRoute><BureauPage /></BusinessRoute>} />
        <Route path="report/:year" element={<RoleRoute roles={['office', 'leader']}><ReportPage /></RoleRoute>} />
        <Route path="account/password" element={<ChangePasswordPage />} />
        <Route path="admin/users" element={<RoleRoute roles={['sysadmin']}><UsersPage /></RoleRoute>} />
        <Route path="audit" element={<RoleRoute roles={['auditor']}><AuditPage /></RoleRoute>} />
        <Route path="entry" element={<BusinessRoute><EntryPage /></BusinessRoute>} />
        <Route path="submissions/:id" element={<BusinessRoute><SubmissionPage /></BusinessRoute>} />
        <Route path="review" element={<RoleRoute roles={['office', 'leader']}><ReviewPage /></RoleRoute>} />
        <Route path="rectifications" element={<BusinessRoute><RectificationsPage /></BusinessRoute>} />
        <Route path="cycles" element={<RoleRoute roles={['office', 'leader']}><CyclesPage /></RoleRoute>} />
        <Route path="reminders" element={<RoleRoute roles={['office', 'leader']}><RemindersPage /></RoleRoute>} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  )
}
