import { LockOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, Button, Input, Spin } from 'antd'
import { lazy, Suspense, useState, type FormEvent } from 'react'
import { Navigate, useLocation } from 'react-router-dom'
import { errorMessage } from '../../components/ErrorState'
import { authKeys, meQuery, useLogin } from './queries'
import { homePath } from './session'

// Most logins never see these steps: they load only when the password leaves the second factor pending.
const SecondFactorStep = lazy(() => import('./SecondFactorStep').then((m) => ({ default: m.SecondFactorStep })))
const TotpEnrolment = lazy(() => import('./TotpEnrolment').then((m) => ({ default: m.TotpEnrolment })))

/** Only paths inside the app are followed after login. */
const safeReturnPath = (from: unknown) =>
  typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') && !from.startsWith('/login') ? from : null

// Two fields need no form library: the checks are "filled in", the server judges the rest.
export default function LoginPage() {
  const location = useLocation()
  const queryClient = useQueryClient()
  const me = useQuery(meQuery())
  const login = useLogin()
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [submitted, setSubmitted] = useState(false)
  /** Why the second step ended without a session (a lockout): shown above the password form. */
  const [notice, setNotice] = useState<string | null>(null)
  const returnTo = safeReturnPath((location.state as { from?: unknown } | null)?.from)
  const session = me.data

  // Signed in already, or just now: a successful login puts the user into the `me` query.
  if (session && !session.pendingFactor) return <Navigate to={returnTo ?? homePath(session)} replace />
  const readSession = () => queryClient.invalidateQueries({ queryKey: authKeys.me() })
  const sessionLost = (message: string) => {
    setNotice(message)
    void queryClient.resetQueries({ queryKey: authKeys.me() })
  }

  const usernameMissing = submitted && !username.trim()
  const passwordMissing = submitted && !password
  const submit = (e: FormEvent) => {
    e.preventDefault()
    setSubmitted(true)
    setNotice(null)
    if (username.trim() && password) login.mutate({ username: username.trim(), password })
  }

  return (
    <main className="login-page">
      <div className={session?.pendingFactor === 'enrol' ? 'login-card login-card-wide' : 'login-card'}>
        <div className="login-header">
          <SafetyCertificateOutlined className="login-logo" />
          <h1 className="login-title">法治督察看板</h1>
          <p className="login-subtitle">县委依法治县办 · 法治政府建设督察</p>
        </div>
        {session?.pendingFactor === 'verify' ? (
          <Suspense fallback={<Spin className="login-step-spin" />}>
            <SecondFactorStep onSessionLost={sessionLost} />
          </Suspense>
        ) : session?.pendingFactor === 'enrol' ? (
          <>
            <h2 className="login-step-title">设置双因素认证</h2>
            <p className="login-step-hint">按本县安全设置，您的账户须启用双因素认证后才能登录。</p>
            <Suspense fallback={<Spin className="login-step-spin" />}>
              <TotpEnrolment username={session.username} onDone={readSession} />
            </Suspense>
          </>
        ) : (
          <>
            {(notice ?? login.error) && <Alert type="error" showIcon title={notice ?? errorMessage(login.error)} className="login-error" />}
            <form onSubmit={submit} noValidate>
              <div className="login-field">
                <Input
                  size="large"
                  prefix={<UserOutlined />}
                  placeholder="用户名"
                  autoComplete="username"
                  autoFocus
                  value={username}
                  onChange={(e) => setUsername(e.target.value)}
                  status={usernameMissing ? 'error' : undefined}
                  aria-invalid={usernameMissing}
                />
                {usernameMissing && <div className="login-field-error">请输入用户名</div>}
              </div>
              <div className="login-field">
                <Input.Password
                  size="large"
                  prefix={<LockOutlined />}
                  placeholder="密码"
                  autoComplete="current-password"
                  value={password}
                  onChange={(e) => setPassword(e.target.value)}
                  status={passwordMissing ? 'error' : undefined}
                  aria-invalid={passwordMissing}
                />
                {passwordMissing && <div className="login-field-error">请输入密码</div>}
              </div>
              <Button type="primary" htmlType="submit" size="large" block loading={login.isPending}>
                登录
              </Button>
            </form>
          </>
        )}
      </div>
      <footer className="login-footer">依据《法治政府建设与责任落实督察工作规定》开展年度督察</footer>
    </main>
  )
}
