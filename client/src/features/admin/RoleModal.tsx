import { bindsBureau, bindsRegion, BUREAU_STATUS_LABELS, bureauStatus, changesAccess, ROLE_LABELS, ROLES, type AdminUser, type Bureau, type Role } from '@fazhi/shared'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, Form, InputNumber, Modal, Select, TreeSelect, message } from 'antd'
import { useEffect, useMemo } from 'react'
import { conflictDifferences, type ConflictField } from '../../components/conflict'
import { RecordConflictAlert } from '../../components/ConflictAlert'
import { errorMessage } from '../../components/ErrorState'
import { useRecordConflict } from '../../components/useRecordConflict'
import { bureausQuery } from '../catalog/queries'
import { regionTreeOptions } from '../organisation/organisation'
import { regionsQuery } from '../organisation/queries'
import { ALL_REGIONS, grantOf, NO_ROLE, type RoleChoice } from './users'
import { useGrantRole, usersQuery } from './queries'

/** An office or leader account's region is a region's id or `ALL_REGIONS` (全部地区: bound to none). */
type FormValues = { [K in keyof RoleChoice]: Exclude<RoleChoice[K], undefined> }

const roleText = (v: unknown) => (v === NO_ROLE || v === null ? '未授权' : (ROLE_LABELS[v as Role] ?? ''))
const CONFLICT_FIELDS: readonly ConflictField[] = [
  { name: 'role', label: '角色', text: roleText },
  { name: 'bureauId', label: '所属单位编号' },
  { name: 'regionId', label: '所属地区编号', text: (v) => (v === ALL_REGIONS ? '全部地区' : String(v ?? '')) },
]
const ROLE_OPTIONS = [...ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] })), { value: NO_ROLE, label: '不授予角色（撤销）' }]
const formValuesOf = (u: AdminUser): FormValues => ({ role: u.role ?? NO_ROLE, bureauId: u.bureauId, regionId: u.regionId ?? ALL_REGIONS })

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
      <Select showSearch={{ optionFilterProp: 'search' }} loading={bureaus.isPending} placeholder="选择单位（可输入名称搜索）" options={options} />
    </Form.Item>
  )
}

/** The region an office or leader account reads (and the office acts on): the whole installation or one region and those below it. */
function RegionField() {
  const regions = useQuery(regionsQuery())
  const options = useMemo(() => [{ value: ALL_REGIONS, title: '全部地区（整个系统）', children: [] }, ...regionTreeOptions(regions.data ?? [])], [regions.data])
  return (
    <Form.Item
      label="所属地区"
      name="regionId"
      rules={[{ required: true, message: '请选择所属地区' }]}
      extra={regions.isError ? `地区列表无法加载（${errorMessage(regions.error)}），只能选择全部地区。` : '查看该地区及其下级地区；法治办只审核、催报本级地区的单位。'}
    >
      <TreeSelect treeData={options} treeDefaultExpandAll loading={regions.isPending} placeholder="选择地区" />
    </Form.Item>
  )
}

/** The 安全保密管理员 grants, changes or revokes an account's role and its bureau or region binding (never its own). */
export function RoleModal({ user, onClose }: { user: AdminUser | null; onClose: () => void }) {
  const [form] = Form.useForm<FormValues>()
  const role = Form.useWatch('role', form)
  const bureauId = Form.useWatch('bureauId', form)
  const regionId = Form.useWatch('regionId', form)
  const grant = useGrantRole()
  const [messages, contextHolder] = message.useMessage()
  const queryClient = useQueryClient()
  const saveConflict = useRecordConflict(user, async () => (await queryClient.fetchQuery({ ...usersQuery(), staleTime: 0 })).find((u) => u.id === user?.id) ?? null)
  const chosen = grantOf({ role, bureauId, regionId })

  useEffect(() => {
    if (!user) return
    grant.reset()
    form.resetFields()
    form.setFieldsValue(formValuesOf(user))
    // Resetting the mutation is only wanted when the dialog opens.
  }, [user, form])

  const submit = (values: FormValues) => {
    grant.mutate(
      { id: user!.id, body: { ...grantOf(values), version: saveConflict.version! } },
      {
        onSuccess: (saved) => (void messages.success(saved.role ? `已授予 ${saved.username}「${ROLE_LABELS[saved.role]}」` : `已撤销 ${saved.username} 的角色`), onClose()),
        onError: (err) => void saveConflict.caught(err),
      },
    )
  }
  const sessionEnding = !!user && changesAccess(user, { ...chosen, active: user.active })

  return (
    <>
      {contextHolder}
      <Modal
        open={!!user}
        title={user ? `授予/变更角色：${user.username}（${user.displayName}）` : ''}
        okText="保存"
        cancelText="取消"
        onOk={() => form.submit()}
        onCancel={onClose}
        confirmLoading={grant.isPending}
        destroyOnHidden
        forceRender
        width={520}
      >
        <Form<FormValues> form={form} layout="vertical" requiredMark={false} onFinish={submit} name="role-form">
          {saveConflict.conflict ? (
            <RecordConflictAlert
              conflict={saveConflict.conflict}
              differences={saveConflict.conflict.latest ? conflictDifferences(CONFLICT_FIELDS, formValuesOf(saveConflict.conflict.latest), form.getFieldsValue()) : []}
              refreshing={saveConflict.refreshing}
              onRefresh={saveConflict.refresh}
              onLoadLatest={(latest) => {
                form.setFieldsValue(formValuesOf(latest))
                saveConflict.clear()
              }}
            />
          ) : (
            grant.error && <Alert type="error" showIcon title={errorMessage(grant.error)} className="page-alert" />
          )}
          <Form.Item label="角色" name="role" rules={[{ required: true, message: '请选择角色' }]}>
            <Select options={ROLE_OPTIONS} />
          </Form.Item>
          {bindsBureau(chosen.role) && <BureauField />}
          {bindsRegion(chosen.role) && <RegionField />}
          {sessionEnding && <Alert type="warning" showIcon title="变更角色、所属单位或所属地区后，该用户的登录会话将立即失效。" />}
        </Form>
      </Modal>
    </>
  )
}
