import type { AdminUser } from '@fazhi/shared'
import { Alert, Form, Modal, message } from 'antd'
import { useEffect } from 'react'
import { errorMessage } from '../../components/ErrorState'
import { useResetPassword } from './queries'
import { InitialPasswordField } from './UserFormModal'

const RESET_FORM = 'reset-password-form'

export function ResetPasswordModal({ user, onClose }: { user: AdminUser | null; onClose: () => void }) {
  const [form] = Form.useForm<{ password: string }>()
  const reset = useResetPassword()
  const [messages, contextHolder] = message.useMessage()

  useEffect(() => {
    if (!user) return
    reset.reset()
    form.resetFields()
  }, [user, form])

  return (
    <>
      {contextHolder}
      <Modal
        open={user !== null}
        title={user ? `重置密码：${user.displayName}（${user.username}）` : ''}
        okText="重置密码"
        okButtonProps={{ danger: true }}
        cancelText="取消"
        onOk={() => form.submit()}
        onCancel={onClose}
        confirmLoading={reset.isPending}
        destroyOnHidden
        forceRender
      >
        <Form
          form={form}
          layout="vertical"
          requiredMark={false}
          name={RESET_FORM}
          onFinish={({ password }) =>
            user &&
            reset.mutate(
              { id: user.id, password },
              { onSuccess: () => (void messages.success(`已重置 ${user.username} 的密码，其登录会话已全部失效`), onClose()) },
            )
          }
        >
          <Alert type="warning" showIcon className="page-alert" title="重置后该用户的所有登录会话立即失效；用户须用新密码登录并再次修改。账户若已锁定，须由安全保密管理员解锁。" />
          {reset.error && <Alert type="error" showIcon title={errorMessage(reset.error)} className="page-alert" />}
          <InitialPasswordField label="新的初始密码" formName={RESET_FORM} />
        </Form>
      </Modal>
    </>
  )
}
