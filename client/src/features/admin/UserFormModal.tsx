import { bindsBureau, BUREAU_STATUS_LABELS, bureauStatus, changesAccess, ROLE_LABELS, ROLES, type AdminUser, type Bureau, type Role } from '@fazhi/shared'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, Button, Form, Input, InputNumber, Modal, Select, Space, Switch, message } from 'antd'
import { useEffect, useMemo, useState } from 'react'
import { conflictDifferences, type ConflictField } from '../../components/conflict'
import { RecordConflictAlert } from '../../components/ConflictAlert'
import { errorMessage } from '../../components/ErrorState'
import { useRecordConflict } from '../../components/useRecordConflict'
import { passwordPolicyProblem } from '@fazhi/shared'
import { bureausQuery } from '../catalog/queries'
import { useCreateUser, usersQuery, useUpdateUser } from './queries'
import { generatePassword } from './users'

interface FormValues {
  username: string
  displayName: string
  role: Role
  bureauId: number | null
  password: string
  active: boolean
}

const USER_FORM = 'user-form'
const CONFLICT_FIELDS: readonly ConflictField[] = [
  { name: 'displayName', label: '姓名' },
  { name: 'role', label: '角色', text: (v) => ROLE_LABELS[v as Role] ?? '' },
  { name: 'bureauId', label: '所属单位编号' },
  { name: 'active', label: '账号状态', text: (v) => (v ? '启用' : '停用') },
]
const ROLE_OPTIONS = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }))

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

/** The bureau a bureau account is bound to: picked from the directory, or typed as its id if that cannot load. */
function BureauField() {
  const bureaus = useQuery(bureausQuery())
  const options = useMemo(
    () =>
      [...(bureaus.data ?? [])]
        .sort((a: Bureau, b: Bureau) => Number(b.active) - Number(a.active) || a.code.localeCompare(b.code))
        .map((b) => {
          const status = bureauStatus(b)
          return { value: b.id, label: status === 'existing' ? b.name : `${b.name}（${BUREAU_STATUS_LABELS[status]}）`, search: `${b.name} ${b.shortName} ${b.code}` }
        }),
    [bureaus.data],
  )
  const rules = [{ required: true, message: '单位用户须绑定所属单位' }]
  if (bureaus.isError)
    return (
      <Form.Item label="所属单位编号（ID）" name="bureauId" rules={rules} extra={`单位列表无法加载（${errorMessage(bureaus.error)}），请输入单位的数字编号。`}>
        <InputNumber min={1} precision={0} style={{ width: '100%' }} />
      </Form.Item>
    )
  return (
    <Form.Item label="所属单位" name="bureauId" rules={rules}>
      <Select
        showSearch={{ optionFilterProp: 'search' }}
        loading={bureaus.isPending}
        placeholder="选择单位（可输入名称搜索）"
        options={options}
      />
    </Form.Item>
  )
}

interface UserFormModalProps {
  open: boolean
  /** The user to edit; none to create one. */
  user: AdminUser | null
  /** The signed-in administrator may not demote or deactivate themselves. */
  isSelf: boolean
  onClose: () => void
}

export function UserFormModal({ open, user, isSelf, onClose }: UserFormModalProps) {
  const [form] = Form.useForm<FormValues>()
  const role = Form.useWatch('role', form)
  const bureauId = Form.useWatch('bureauId', form)
  const active = Form.useWatch('active', form)
  const create = useCreateUser()
  const update = useUpdateUser()
  const mutation = user ? update : create
  const [messages, contextHolder] = message.useMessage()
  const queryClient = useQueryClient()
  const saveConflict = useRecordConflict(user, async () => (await queryClient.fetchQuery({ ...usersQuery(), staleTime: 0 })).find((u) => u.id === user?.id) ?? null)
  const showLatest = (latest: AdminUser) => {
    form.setFieldsValue({ displayName: latest.displayName, role: latest.role, bureauId: latest.bureauId, active: latest.active })
    saveConflict.clear()
  }

  useEffect(() => {
    if (!open) return
    create.reset()
    update.reset()
    form.resetFields()
    form.setFieldsValue(
      user
        ? { username: user.username, displayName: user.displayName, role: user.role, bureauId: user.bureauId, active: user.active }
        : { role: 'bureau', bureauId: null, active: true },
    )
    // Resetting the mutations is only wanted when the dialog opens.
  }, [open, user, form])

  const submit = (values: FormValues) => {
    const boundBureauId = bindsBureau(values.role) ? values.bureauId : null
    if (user)
      update.mutate(
        { id: user.id, body: { displayName: values.displayName, role: values.role, bureauId: boundBureauId, active: values.active, version: saveConflict.version! } },
        { onSuccess: (saved) => (void messages.success(`已保存用户 ${saved.username}`), onClose()), onError: (err) => void saveConflict.caught(err) },
      )
    else
      create.mutate(
        { username: values.username.trim(), displayName: values.displayName, role: values.role, bureauId: boundBureauId, password: values.password },
        { onSuccess: (saved) => (void messages.success(`已创建用户 ${saved.username}，首次登录须修改密码`), onClose()) },
      )
  }

  const sessionEnding =
    !!user && changesAccess(user, { role, bureauId: bindsBureau(role) ? (bureauId ?? null) : null, active: active ?? user.active })

  return (
    <>
      {contextHolder}
      <Modal
        open={open}
        title={user ? `编辑用户：${user.username}` : '新建用户'}
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
          <Form.Item label="角色" name="role" rules={[{ required: true, message: '请选择角色' }]}>
            <Select options={ROLE_OPTIONS} disabled={isSelf} />
          </Form.Item>
          {bindsBureau(role) && <BureauField />}
          {user ? (
            <Form.Item label="账号状态" name="active" valuePropName="checked">
              <Switch checkedChildren="启用" unCheckedChildren="停用" disabled={isSelf} />
            </Form.Item>
          ) : (
            <InitialPasswordField label="初始密码" formName={USER_FORM} />
          )}
          {isSelf && <Alert type="info" showIcon title="不能修改自己的角色或停用自己的账号。" />}
          {!isSelf && sessionEnding && <Alert type="warning" showIcon title="修改角色、所属单位或停用账号后，该用户的登录会话将立即失效。" />}
        </Form>
      </Modal>
    </>
  )
}
