import { lazy, Suspense, useEffect, type ReactNode } from 'react'
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom'
import { can, type Capability } from '@fazhi/shared'
import { setUnauthorizedHandler } from '../api/client'
import { PasswordChangeGate } from '../features/account/PasswordChangeGate'
import { homePath, roleHomePath, useCurrentUser } from '../features/auth/session'
import { AppLayout } from './AppLayout'
import { queryClient } from './queryClient'
import { RequireAuth } from './RequireAuth'

// Every page is its own chunk: the charts load only with the pages that draw them.
const LoginPage = lazy(() => import('../features/auth/LoginPage'))
const OverviewPage = lazy(() => import('../features/overview/OverviewPage'))
const RankingPage = lazy(() => import('../features/ranking/RankingPage'))
const VerticalPage = lazy(() => import('../features/vertical/VerticalPage'))
const BureauPage = lazy(() => import('../features/bureau/BureauPage'))
const ReportPage = lazy(() => import('../features/report/ReportPage'))
const ChangePasswordPage = lazy(() => import('../features/account/ChangePasswordPage'))
const TwoFactorPage = lazy(() => import('../features/auth/TwoFactorPage'))
const SecuritySettingsPage = lazy(() => import('../features/security/SecuritySettingsPage'))
const ChannelSettingsPage = lazy(() => import('../features/notifications/ChannelSettingsPage'))
const UsersPage = lazy(() => import('../features/admin/UsersPage'))
const AuditPage = lazy(() => import('../features/audit/AuditPage'))
const EntryPage = lazy(() => import('../features/entry/EntryPage'))
const SubmissionPage = lazy(() => import('../features/entry/SubmissionPage'))
const ReviewPage = lazy(() => import('../features/review/ReviewPage'))
const RectificationsPage = lazy(() => import('../features/rectifications/RectificationsPage'))
const CyclesPage = lazy(() => import('../features/cycles/CyclesPage'))
const RemindersPage = lazy(() => import('../features/reminders/RemindersPage'))
const ResultsPage = lazy(() => import('../features/results/ResultsPage'))
const OrganisationPage = lazy(() => import('../features/organisation/OrganisationPage'))
const SchemePage = lazy(() => import('../features/schemes/SchemePage'))
const SchemeReadPage = lazy(() => import('../features/schemes/SchemeReadPage'))
const WorkbenchPage = lazy(() => import('../features/workbench/WorkbenchPage'))
const NotificationsPage = lazy(() => import('../features/notifications/NotificationsPage'))
const NotFoundPage = lazy(() => import('./NotFoundPage'))

/** A page for users with `capability` only; everyone else goes to their home page. */
function RequireCapability({ capability, children }: { capability: Capability; children: ReactNode }) {
  const user = useCurrentUser()
  return can(user, capability) ? children : <Navigate to={roleHomePath(user)} replace />
}

/** `/`: the county overview for the office and leaders; a bureau user goes to their 工作台. */
function HomeRoute() {
  const user = useCurrentUser()
  const { search } = useLocation()
  if (can(user, 'allBureaus')) return <OverviewPage />
  return <Navigate to={can(user, 'readBusiness') ? homePath(user) + search : roleHomePath(user)} replace />
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
        <Route path="workbench" element={<RequireCapability capability="readBusiness"><WorkbenchPage /></RequireCapability>} />
        <Route path="notifications" element={<RequireCapability capability="readBusiness"><NotificationsPage /></RequireCapability>} />
        <Route path="ranking" element={<RequireCapability capability="readBusiness"><RankingPage /></RequireCapability>} />
        <Route path="vertical" element={<RequireCapability capability="readBusiness"><VerticalPage /></RequireCapability>} />
        <Route path="bureaus/:id" element={<RequireCapability capability="readBusiness"><BureauPage /></RequireCapability>} />
        <Route path="report/:year" element={<RequireCapability capability="allBureaus"><ReportPage /></RequireCapability>} />
        <Route path="account/password" element={<ChangePasswordPage />} />
        <Route path="account/two-factor" element={<TwoFactorPage />} />
        <Route path="admin/users" element={<RequireCapability capability="listAccounts"><UsersPage /></RequireCapability>} />
        <Route path="audit" element={<RequireCapability capability="readAudit"><AuditPage /></RequireCapability>} />
        <Route path="entry" element={<RequireCapability capability="readBusiness"><EntryPage /></RequireCapability>} />
        <Route path="submissions/:id" element={<RequireCapability capability="readBusiness"><SubmissionPage /></RequireCapability>} />
        <Route path="review" element={<RequireCapability capability="allBureaus"><ReviewPage /></RequireCapability>} />
        <Route path="rectifications" element={<RequireCapability capability="readBusiness"><RectificationsPage /></RequireCapability>} />
        <Route path="cycles" element={<RequireCapability capability="allBureaus"><CyclesPage /></RequireCapability>} />
        <Route path="reminders" element={<RequireCapability capability="allBureaus"><RemindersPage /></RequireCapability>} />
        <Route path="results" element={<RequireCapability capability="allBureaus"><ResultsPage /></RequireCapability>} />
        <Route path="settings/organisation" element={<RequireCapability capability="manageOrganisation"><OrganisationPage /></RequireCapability>} />
        <Route path="settings/scheme" element={<RequireCapability capability="manageScheme"><SchemePage /></RequireCapability>} />
        <Route path="settings/notifications" element={<RequireCapability capability="manageNotifications"><ChannelSettingsPage /></RequireCapability>} />
        <Route path="settings/security" element={<RequireCapability capability="manageSecuritySettings"><SecuritySettingsPage /></RequireCapability>} />
        <Route path="scheme" element={<RequireCapability capability="readBusiness"><SchemeReadPage /></RequireCapability>} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  )
}
