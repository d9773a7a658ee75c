import { useQuery } from '@tanstack/react-query'
import { Button, Spin } from 'antd'
import type { ReactNode } from 'react'
import { Navigate, useLocation } from 'react-router-dom'
import { isApiError } from '../api/client'
import { errorMessage } from '../components/ErrorState'
import { meQuery } from '../features/auth/queries'
import { PageMessage } from './PageMessage'

/** Renders its children only for a signed-in user (second factor done); sends everyone else to the login page. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useQuery(meQuery())
  const location = useLocation()
  if (me.isPending) return <Spin size="large" fullscreen description="正在加载…" />
  if (isApiError(me.error, 401)) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />
  // A session opened by the password alone: the login page asks for the second factor first.
  if (me.data?.pendingFactor) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />
  if (me.isError)
    return <PageMessage title="无法连接服务器" description={errorMessage(me.error)} action={<Button onClick={() => me.refetch()}>重试</Button>} />
  return children
}
