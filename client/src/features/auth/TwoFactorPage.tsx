import { useQueryClient } from '@tanstack/react-query'
import { Alert } from 'antd'
import { PageHeader } from '../../components/PageHeader'
import { Section } from '../../components/Panel'
import { authKeys } from './queries'
import { useCurrentUser } from './session'
import { TotpEnrolment } from './TotpEnrolment'

/** 双因素认证 from the account menu: enrol voluntarily, or see that the account already has it. */
export default function TwoFactorPage() {
  const user = useCurrentUser()
  const queryClient = useQueryClient()
  return (
    <div className="page account-page">
      <PageHeader title="双因素认证" subtitle={`${user.displayName}（${user.username}）`} />
      <Section>
        {user.totpEnrolled ? (
          <Alert
            type="success"
            showIcon
            title="您的账户已启用双因素认证"
            description="登录时须输入手机身份验证器上的动态验证码。如手机丢失或需要更换，请使用恢复码登录，或联系安全保密管理员重置。"
          />
        ) : (
          <div className="totp-page">
            <Alert className="page-alert" type="info" showIcon title="启用后，登录时除密码外还须输入手机身份验证器上的动态验证码。" />
            <TotpEnrolment username={user.username} onDone={() => queryClient.invalidateQueries({ queryKey: authKeys.me() })} />
          </div>
        )}
      </Section>
    </div>
  )
}
