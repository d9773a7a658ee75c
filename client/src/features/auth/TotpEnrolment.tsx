import { CopyOutlined, DownloadOutlined } from '@ant-design/icons'
import { chinaDateTime } from '@fazhi/shared'
import { Alert, Button, Checkbox, Input, message, Spin } from 'antd'
import { useEffect, useRef, useState, type FormEvent } from 'react'
import { errorMessage } from '../../components/ErrorState'
import { saveBlob } from '../exports/fileName'
import { useTotpEnrol, useTotpEnrolment } from './queries'
import { recoveryCodesFileName, recoveryCodesText, secretGroups, totpDigits } from './totp'
import './totp.css'

/**
 * 设置双因素认证: scan the QR code (or type the secret), confirm with a code, then keep the recovery
 * codes, which are shown only here. `onDone` runs once the user confirms they saved them.
 */
export function TotpEnrolment({ username, onDone }: { username: string; onDone: () => void }) {
  const enrolment = useTotpEnrolment()
  const enrol = useTotpEnrol()
  // Once per page: StrictMode runs the effect twice, and a second secret would replace the one shown.
  const requested = useRef(false)
  const { mutate: requestEnrolment } = enrolment
  useEffect(() => {
    if (requested.current) return
    requested.current = true
    requestEnrolment()
  }, [requestEnrolment])
  const [code, setCode] = useState('')
  const [submitted, setSubmitted] = useState(false)

  if (enrol.data) return <RecoveryCodesStep username={username} codes={enrol.data.recoveryCodes} onDone={onDone} />
  if (enrolment.isError) return <Alert type="error" showIcon title={errorMessage(enrolment.error)} />
  if (!enrolment.data) return <Spin className="totp-spin" description="正在生成二维码…" />

  const { qr, secret } = enrolment.data
  const incomplete = submitted && code.length !== 6
  const submit = (e: FormEvent) => {
    e.preventDefault()
    setSubmitted(true)
    if (code.length === 6) enrol.mutate(code)
  }
  return (
    <div className="totp-enrolment">
      <ol className="totp-steps">
        <li>
          用手机上的身份验证器应用（如 Microsoft Authenticator、Google Authenticator、腾讯身份验证器）扫描下方二维码。
          <img className="totp-qr" src={qr} alt="双因素认证二维码" width={200} height={200} />
        </li>
        <li>
          无法扫描时，在应用中选择“输入设置密钥”，账户填写 <strong>{username}</strong>，密钥为（基于时间）：
          <code className="totp-secret" aria-label="密钥">
            {secretGroups(secret)}
          </code>
        </li>
        <li>输入应用显示的 6 位验证码，完成设置。</li>
      </ol>
      {enrol.error && <Alert type="error" showIcon title={errorMessage(enrol.error)} className="login-error" />}
      <form onSubmit={submit} noValidate>
        <div className="login-field">
          <Input
            size="large"
            placeholder="6 位验证码"
            aria-label="验证码"
            inputMode="numeric"
            autoComplete="one-time-code"
            autoFocus
            value={code}
            onChange={(e) => setCode(totpDigits(e.target.value))}
            status={incomplete ? 'error' : undefined}
            aria-invalid={incomplete}
          />
          {incomplete && <div className="login-field-error">请输入 6 位验证码</div>}
        </div>
        <Button type="primary" htmlType="submit" size="large" block loading={enrol.isPending}>
          启用双因素认证
        </Button>
      </form>
    </div>
  )
}

function RecoveryCodesStep({ username, codes, onDone }: { username: string; codes: string[]; onDone: () => void }) {
  const [saved, setSaved] = useState(false)
  const [messages, contextHolder] = message.useMessage()
  const text = recoveryCodesText(username, codes, chinaDateTime(new Date()))
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text)
      void messages.success('恢复码已复制')
    } catch {
      void messages.error('无法复制，请下载或手动抄写恢复码')
    }
  }
  return (
    <div className="totp-enrolment">
      {contextHolder}
      <Alert
        type="success"
        showIcon
        title="双因素认证已启用，请保存恢复码"
        description="手机丢失或无法使用身份验证器时，可用任一恢复码代替动态验证码登录，每个只能使用一次。恢复码只显示这一次。"
      />
      <ul className="totp-recovery-codes" aria-label="恢复码">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <div className="totp-actions">
        <Button icon={<CopyOutlined />} onClick={copy}>
          复制
        </Button>
        <Button icon={<DownloadOutlined />} onClick={() => saveBlob(new Blob([text], { type: 'text/plain;charset=utf-8' }), recoveryCodesFileName(username))}>
          下载
        </Button>
      </div>
      <Checkbox className="totp-saved" checked={saved} onChange={(e) => setSaved(e.target.checked)}>
        我已妥善保存恢复码
      </Checkbox>
      <Button type="primary" size="large" block disabled={!saved} onClick={onDone}>
        继续
      </Button>
    </div>
  )
}
