import { can, lowersSecondFactor, SECOND_FACTOR_MODE_LABELS, SECOND_FACTOR_MODES, type SecondFactorMode } from '@fazhi/shared'
import { useQuery } from '@tanstack/react-query'
import { Alert, Button, message, Modal, Radio, Spin } from 'antd'
import { useState } from 'react'
import { ErrorState, errorMessage } from '../../components/ErrorState'
import { PageHeader } from '../../components/PageHeader'
import { Section } from '../../components/Panel'
import { useCurrentUser } from '../auth/session'
import { securitySettingsQuery, useSaveSecuritySettings } from './queries'
import './security.css'

const MODE_DESCRIPTIONS: Record<SecondFactorMode, string> = {
  off: '所有账户仅凭密码即可登录（演示数据的默认设置）。已自愿启用双因素认证的账户登录时仍须输入验证码。',
  privileged: '依法治县办、系统管理员、安全保密管理员、安全审计员登录时须使用双因素认证；领导和单位用户可自愿启用。',
  all: '所有账户登录时均须使用双因素认证。',
}

/** 安全设置: whether logging in needs the second factor, for which accounts (office and the 安全保密管理员). */
export default function SecuritySettingsPage() {
  const user = useCurrentUser()
  const settings = useQuery(securitySettingsQuery())
  const save = useSaveSecuritySettings()
  /** The user's choice until it is saved. */
  const [choice, setChoice] = useState<SecondFactorMode | null>(null)
  const [modal, modalHolder] = Modal.useModal()
  const [messages, messageHolder] = message.useMessage()

  if (settings.isPending) return <Spin size="large" className="page-spin" />
  if (settings.isError) return <ErrorState error={settings.error} onRetry={() => settings.refetch()} />

  const current = settings.data.secondFactor
  const chosen = choice ?? current
  /** The office may only raise the requirement; lowering it is the 安全保密管理员's. */
  const mayLower = can(user, 'lowerSecondFactor')
  const store = () =>
    save.mutate(
      { secondFactor: chosen },
      {
        onSuccess: () => {
          setChoice(null)
          void messages.success('安全设置已保存')
        },
      },
    )
  const submit = () => {
    if (chosen !== 'off' || current === 'off') return store()
    void modal.confirm({
      title: '确定关闭双因素认证？',
      content: '关闭后，未启用双因素认证的账户仅凭密码即可登录，不再满足等保三级“采用两种或两种以上组合的鉴别技术”的要求。',
      okText: '关闭双因素认证',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: store,
    })
  }

  return (
    <div className="page security-page">
      {modalHolder}
      {messageHolder}
      <PageHeader title="安全设置" subtitle="登录时的双因素认证（动态验证码）" />
      <Section title="双因素认证">
        {save.error && <Alert type="error" showIcon title={errorMessage(save.error)} className="page-alert" />}
        <Radio.Group className="security-modes" value={chosen} onChange={(e) => setChoice(e.target.value as SecondFactorMode)} aria-label="双因素认证">
          {SECOND_FACTOR_MODES.map((mode) => (
            <Radio key={mode} value={mode} className="security-mode" disabled={!mayLower && lowersSecondFactor(current, mode)}>
              <div className="security-mode-label">{SECOND_FACTOR_MODE_LABELS[mode]}</div>
              <div className="security-mode-description">{MODE_DESCRIPTIONS[mode]}</div>
            </Radio>
          ))}
        </Radio.Group>
        {chosen === 'off' && (
          <Alert
            className="page-alert"
            type="warning"
            showIcon
            title="关闭双因素认证会降低账户安全"
            description="等保三级要求管理类账户采用两种或两种以上组合的鉴别技术，建议至少选择“管理类账户必须”。"
          />
        )}
        {!mayLower && current !== 'off' && <p className="security-note">依法治县办只能提高要求；降低要求须由安全保密管理员操作。</p>}
        <p className="security-note">
          提高要求后立即生效：须使用而尚未设置双因素认证的账户（包括您自己）将退出登录，下次登录时须先扫码完成设置。
        </p>
        <Button type="primary" onClick={submit} loading={save.isPending} disabled={chosen === current}>
          保存
        </Button>
      </Section>
    </div>
  )
}
