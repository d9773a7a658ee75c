import { CheckCircleFilled, CloseCircleFilled, LockOutlined } from '@ant-design/icons'
import { Alert, Button, Form, Input, message } from 'antd'
import { useNavigate } from 'react-router-dom'
import { errorMessage } from '../../components/ErrorState'
import { PageHeader } from '../../components/PageHeader'
import { Section } from '../../components/Panel'
import { useCurrentUser } from '../auth/session'
import './account.css'
import { passwordPolicyProblem } from '@fazhi/shared'
import { passwordRules } from './policy'
import { useChangePassword } from './queries'

interface FormValues {
  currentPassword: string
  newPassword: string
  confirmPassword: string
}

export default function ChangePasswordPage() {
  const user = useCurrentUser()
  const navigate = useNavigate()
  const [form] = Form.useForm<FormValues>()
  const newPassword = Form.useWatch('newPassword', form) ?? ''
  const change = useChangePassword()
  const [messages, contextHolder] = message.useMessage()
  const forced = user.mustChangePassword

  const submit = (values: FormValues) =>
    change.mutate(
      { currentPassword: values.currentPassword, newPassword: values.newPassword },
      {
        onSuccess: async () => {
          form.resetFields()
          void messages.success('密码已修改，其他设备上的登录已失效')
          if (forced) await navigate('/', { replace: true })
        },
      },
    )

  return (
    <div className="page account-page">
      {contextHolder}
      <PageHeader title="修改密码" subtitle={`${user.displayName}（${user.username}）`} />
      {forced && (
        <Alert
          className="page-alert"
          type="warning"
          showIcon
          title="首次登录或密码已被管理员重置，请先设置新密码"
          description="修改完成前无法使用系统的其他功能。"
        />
      )}
      <Section>
        <div className="account-layout">
          <Form<FormValues> form={form} layout="vertical" requiredMark={false} onFinish={submit} className="account-form" disabled={change.isPending}>
            {change.error && <Alert type="error" showIcon title={errorMessage(change.error)} className="page-alert" />}
            <Form.Item label="当前密码" name="currentPassword" rules={[{ required: true, message: '请输入当前密码' }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
            </Form.Item>
            <Form.Item
              label="新密码"
              name="newPassword"
              dependencies={['currentPassword']}
              rules={[
                { required: true, message: '请输入新密码' },
                {
                  validator: async (_, value: string | undefined) => {
                    const problem = value ? passwordPolicyProblem(value) : null
                    if (problem) throw new Error(problem)
                  },
                },
                ({ getFieldValue }) => ({
                  validator: async (_, value: string | undefined) => {
                    if (value && value === getFieldValue('currentPassword')) throw new Error('新密码不能与当前密码相同')
                  },
                }),
              ]}
            >
              <Input.Password prefix={<LockOutlined />} autoComplete="new-password" />
            </Form.Item>
            <Form.Item
              label="确认新密码"
              name="confirmPassword"
              dependencies={['newPassword']}
              rules={[
                { required: true, message: '请再次输入新密码' },
                ({ getFieldValue }) => ({
                  validator: async (_, value: string | undefined) => {
                    if (value && value !== getFieldValue('newPassword')) throw new Error('两次输入的新密码不一致')
                  },
                }),
              ]}
            >
              <Input.Password prefix={<LockOutlined />} autoComplete="new-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={change.isPending}>
              修改密码
            </Button>
          </Form>
          <aside className="account-policy" aria-label="密码要求">
            <h3>密码要求</h3>
            <ul>
              {passwordRules(newPassword).map((rule) => (
                <li key={rule.key} className={rule.met ? 'text-good' : undefined}>
                  {rule.met ? <CheckCircleFilled /> : <CloseCircleFilled className="text-muted" />} {rule.label}
                </li>
              ))}
            </ul>
            <p className="text-muted">修改后，本账号在其他设备上的登录将全部失效。</p>
          </aside>
        </div>
      </Section>
    </div>
  )
}
