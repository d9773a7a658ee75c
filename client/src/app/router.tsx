import { lazy, Suspense, useEffect, type ReactNode } from 'react'
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom'
import { setUnauthorizedHandler } from '../api/client'
import { homePath, isBusinessUser, useCurrentUser } from '../features/auth/session'
import { AppLayout } from './AppLayout'
import { queryClient } from './queryClient'
import { RequireAuth } from './RequireAuth'

// Every page is its own chunk: the charts load only with the pages that draw them.
const LoginPage = lazy(() => import('../features/auth/LoginPage'))
const OverviewPage = lazy(() => import('../features/overview/OverviewPage'))
const RankingPage = lazy(() => import('../features/ranking/RankingPage'))
const BureauPage = lazy(() => import('../features/bureau/BureauPage'))
const AdminPlaceholderPage = lazy(() => import('../features/admin/AdminPlaceholderPage'))
const NotFoundPage = lazy(() => import('./NotFoundPage'))

/** Business pages; system administrators and auditors see their placeholder instead. */
function BusinessRoute({ children }: { children: ReactNode }) {
  const user = useCurrentUser()
  return isBusinessUser(user) ? children : <AdminPlaceholderPage />
}

/** `/`: the county overview for the office and leaders; a bureau user goes to their own bureau. */
function HomeRoute() {
  const user = useCurrentUser()
  const { search } = useLocation()
  if (user.role === 'bureau') return <Navigate to={homePath(user) + search} replace />
  return isBusinessUser(user) ? <OverviewPage /> : <AdminPlaceholderPage />
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
            <AppLayout />
          </RequireAuth>
        }
      >
        <Route index element={<HomeRoute />} />
        <Route path="ranking" element={<BusinessRoute><RankingPage /></BusinessRoute>} />
        <Route path="bureaus/:id" element={<BusinessRoute><BureauPage /></BusinessRoute>} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  )
}
