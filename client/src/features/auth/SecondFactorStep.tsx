import { KeyOutlined, SafetyOutlined } from '@ant-design/icons'
import { Alert, Button, Input } from 'antd'
import { useState, type FormEvent } from 'react'
import { isApiError } from '../../api/client'
import { errorMessage } from '../../components/ErrorState'
import { useLogout, useTotpVerify } from './queries'
import { totpDigits } from './totp'

/**
 * The login's second step: the 6-digit code of the authenticator app, or a recovery code. A lockout
 * (423) or a session that ended meanwhile sends the user back to the password with `onSessionLost`.
 */
export function SecondFactorStep({ onSessionLost }: { onSessionLost: (message: string) => void }) {
  const verify = useTotpVerify()
  const logout = useLogout()
  const [recovery, setRecovery] = useState(false)
  const [code, setCode] = useState('')
  const [submitted, setSubmitted] = useState(false)
  const complete = recovery ? code.trim().length > 0 : code.length === 6
  const missing = submitted && !complete

  const submit = (e: FormEvent) => {
    e.preventDefault()
    setSubmitted(true)
    if (!complete) return
    verify.mutate(code.trim(), {
      onError: (err) => {
        if (isApiError(err, 423) || isApiError(err, 401)) onSessionLost(errorMessage(err))
      },
    })
  }
  const switchInput = () => {
    setRecovery(!recovery)
    setCode('')
    setSubmitted(false)
    verify.reset()
  }

  return (
    <>
      <h2 className="login-step-title">{recovery ? '使用恢复码登录' : '输入动态验证码'}</h2>
      <p className="login-step-hint">{recovery ? '输入保存的任一恢复码，每个恢复码只能使用一次。' : '打开手机上的身份验证器应用，输入显示的 6 位验证码。'}</p>
      {verify.error && <Alert type="error" showIcon title={errorMessage(verify.error)} className="login-error" />}
      <form onSubmit={submit} noValidate>
        <div className="login-field">
          <Input
            key={recovery ? 'recovery' : 'totp'}
            size="large"
            prefix={recovery ? <KeyOutlined /> : <SafetyOutlined />}
            placeholder={recovery ? '恢复码' : '6 位验证码'}
            aria-label={recovery ? '恢复码' : '验证码'}
            inputMode={recovery ? 'text' : 'numeric'}
            autoComplete={recovery ? 'off' : 'one-time-code'}
            autoFocus
            value={code}
            onChange={(e) => setCode(recovery ? e.target.value : totpDigits(e.target.value))}
            status={missing ? 'error' : undefined}
            aria-invalid={missing}
          />
          {missing && <div className="login-field-error">{recovery ? '请输入恢复码' : '请输入 6 位验证码'}</div>}
        </div>
        <Button type="primary" htmlType="submit" size="large" block loading={verify.isPending}>
          验证并登录
        </Button>
      </form>
      <div className="login-links">
        <Button type="link" size="small" onClick={switchInput}>
          {recovery ? '使用动态验证码' : '使用恢复码'}
        </Button>
        <Button type="link" size="small" onClick={() => logout.mutate()} loading={logout.isPending}>
          返回登录
        </Button>
      </div>
    </>
  )
}
