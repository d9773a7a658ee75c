import { passwordPolicyProblem, type AdminUser } from '@fazhi/shared'
import { useQueryClient } from '@tanstack/react-query'
import { Alert, Button, Form, Input, Modal, Space, message } from 'antd'
import { useEffect, useState } from 'react'
import { conflictDifferences, type ConflictField } from '../../components/conflict'
import { RecordConflictAlert } from '../../components/ConflictAlert'
import { errorMessage } from '../../components/ErrorState'
import { useRecordConflict } from '../../components/useRecordConflict'
import { useCreateUser, usersQuery, useUpdateUser } from './queries'
import { generatePassword } from './users'

interface FormValues {
  username: string
  displayName: string
  password: string
}

const USER_FORM = 'user-form'
const CONFLICT_FIELDS: readonly ConflictField[] = [{ name: 'displayName', label: '姓名' }]

/** The password field shared by "create user" and "reset password": policy-checked, with a generator. */
export function InitialPasswordField({ label, formName }: { label: string; formName: string }) {
  const form = Form.useFormInstance()
  // A generated password is shown, so that the administrator can pass it on.
  const [visible, setVisible] = useState(false)
  return (
    // The label belongs to the input (antd ids a field "<form name>_<field name>").
    <Form.Item label={label} required htmlFor={`${formName}_password`} extra="用户首次登录时须修改此密码。">
      <Space.Compact block>
        <Form.Item
          name="password"
          noStyle
          rules={[
            { required: true, message: '请输入初始密码' },
            {
              validator: async (_, value: string | undefined) => {
                const problem = value ? passwordPolicyProblem(value) : null
                if (problem) throw new Error(problem)
              },
            },
          ]}
        >
          <Input.Password
            autoComplete="new-password"
            placeholder="至少 8 位，含大写、小写、数字、其他字符中的三类"
            visibilityToggle={{ visible, onVisibleChange: setVisible }}
          />
        </Form.Item>
        <Button
          onClick={() => {
            form.setFieldsValue({ password: generatePassword() })
            void form.validateFields(['password'])
            setVisible(true)
          }}
        >
          随机生成
        </Button>
      </Space.Compact>
    </Form.Item>
  )
}

interface UserFormModalProps {
  open: boolean
  /** The account whose name to edit; none to create one. */
  user: AdminUser | null
  onClose: () => void
}

/**
 * The sysadmin's account form: a new account (username, name, initial password; no role, which the
 * 安全保密管理员 grants) or a new name for an existing one.
 */
export function UserFormModal({ open, user, onClose }: UserFormModalProps) {
  const [form] = Form.useForm<FormValues>()
  const create = useCreateUser()
  const update = useUpdateUser()
  const mutation = user ? update : create
  const [messages, contextHolder] = message.useMessage()
  const queryClient = useQueryClient()
  const saveConflict = useRecordConflict(user, async () => (await queryClient.fetchQuery({ ...usersQuery(), staleTime: 0 })).find((u) => u.id === user?.id) ?? null)
  const showLatest = (latest: AdminUser) => {
    form.setFieldsValue({ displayName: latest.displayName })
    saveConflict.clear()
  }

  useEffect(() => {
    if (!open) return
    create.reset()
    update.reset()
    form.resetFields()
    if (user) form.setFieldsValue({ username: user.username, displayName: user.displayName })
    // Resetting the mutations is only wanted when the dialog opens.
  }, [open, user, form])

  const submit = (values: FormValues) => {
    if (user)
      update.mutate(
        { id: user.id, body: { displayName: values.displayName, version: saveConflict.version! } },
        { onSuccess: (saved) => (void messages.success(`已保存用户 ${saved.username}`), onClose()), onError: (err) => void saveConflict.caught(err) },
      )
    else
      create.mutate(
        { username: values.username.trim(), displayName: values.displayName, password: values.password },
        { onSuccess: (saved) => (void messages.success(`已创建账户 ${saved.username}，待安全保密管理员授予角色后方可登录`), onClose()) },
      )
  }

  return (
    <>
      {contextHolder}
      <Modal
        open={open}
        title={user ? `编辑姓名：${user.username}` : '新建账户'}
        okText={user ? '保存' : '创建'}
        cancelText="取消"
        onOk={() => form.submit()}
        onCancel={onClose}
        confirmLoading={mutation.isPending}
        destroyOnHidden
        forceRender
        width={520}
      >
        <Form<FormValues> form={form} layout="vertical" requiredMark={false} onFinish={submit} name={USER_FORM}>
          {saveConflict.conflict ? (
            <RecordConflictAlert
              conflict={saveConflict.conflict}
              differences={saveConflict.conflict.latest ? conflictDifferences(CONFLICT_FIELDS, saveConflict.conflict.latest, form.getFieldsValue()) : []}
              refreshing={saveConflict.refreshing}
              onRefresh={saveConflict.refresh}
              onLoadLatest={showLatest}
            />
          ) : (
            mutation.error && <Alert type="error" showIcon title={errorMessage(mutation.error)} className="page-alert" />
          )}
          <Form.Item
            label="用户名"
            name="username"
            rules={user ? [] : [
              { required: true, message: '请输入用户名' },
              { pattern: /^[a-zA-Z0-9_.-]{2,32}$/, message: '用户名为 2–32 位字母、数字、下划线、点或连字符' },
            ]}
          >
            <Input disabled={!!user} autoComplete="off" placeholder="登录用，如 zhangsan" />
          </Form.Item>
          <Form.Item label="姓名" name="displayName" rules={[{ required: true, whitespace: true, message: '请输入姓名' }, { max: 64, message: '姓名不超过 64 个字' }]}>
            <Input placeholder="显示名称，如 科技局法治联络员" />
          </Form.Item>
          {!user && (
            <>
              <InitialPasswordField label="初始密码" formName={USER_FORM} />
              <Alert type="info" showIcon title="三员分立：新账户没有角色，须由安全保密管理员授予角色后方可登录。" />
            </>
          )}
        </Form>
      </Modal>
    </>
  )
}
