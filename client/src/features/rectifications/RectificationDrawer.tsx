import { chinaDateTime, RECTIFICATION_STATUS_LABELS, RECTIFICATION_STATUSES, type RectificationItem } from '@fazhi/shared'
import { useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, DatePicker, Descriptions, Drawer, Form, Input, Radio, Space, Tag } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useState } from 'react'
import { conflictDifferences, type ConflictField } from '../../components/conflict'
import { RecordConflictAlert } from '../../components/ConflictAlert'
import { errorMessage } from '../../components/ErrorState'
import { useRecordConflict } from '../../components/useRecordConflict'
import { fetchRectification, useRectificationMutations } from './queries'
import { completionProblem, evidenceProblem, formValuesOfItem, inputOfForm, type RectificationFormValues } from './rectification'
import { ReturnItemModal } from './ReturnItemModal'
import { StageTag } from './StageTag'

interface RectificationDrawerProps {
  /** null: a new item. */
  item: RectificationItem | null
  year: number
  bureauId: number | null
  bureauName?: string
  /** The office names the bureau; a bureau user's own is implied. */
  sendBureauId: boolean
  editable: boolean
  /** The office may verify (销号) a done item or send it back (退回重改). */
  canVerify: boolean
  onClose: () => void
}

type DrawerForm = Omit<RectificationFormValues, 'deadline' | 'completedAt'> & { deadline: Dayjs; completedAt: Dayjs | null }

const toDay = (s: string | null) => (s ? dayjs(s) : null)
const fromDay = (d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : null)
const dayText = (v: unknown) => (dayjs.isDayjs(v) ? v.format('YYYY-MM-DD') : v ? String(v) : '')

const CONFLICT_FIELDS: readonly ConflictField[] = [
  { name: 'problem', label: '问题' },
  { name: 'measure', label: '整改措施' },
  { name: 'owner', label: '责任部门/人' },
  { name: 'deadline', label: '整改时限', text: dayText },
  { name: 'status', label: '整改状态', text: (v) => RECTIFICATION_STATUS_LABELS[v as RectificationItem['status']] ?? '' },
  { name: 'completedAt', label: '完成日期', text: dayText },
  { name: 'evidence', label: '整改佐证' },
]

export function RectificationDrawer({ item, year, bureauId, bureauName, sendBureauId, editable: mayEdit, canVerify, onClose }: RectificationDrawerProps) {
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const { create, update, verify } = useRectificationMutations()
  const [form] = Form.useForm<DrawerForm>()
  const [error, setError] = useState<string | null>(null)
  const [returning, setReturning] = useState(false)
  const saveConflict = useRecordConflict(item, () => (item ? fetchRectification(queryClient, item) : Promise.resolve(null)))
  const status = Form.useWatch('status', form) ?? item?.status ?? 'not_started'
  const initial = formValuesOfItem(item, year)
  const verified = item?.verifiedAt != null
  // A verified item is final until the office sends it back.
  const editable = mayEdit && !verified
  const pending = create.isPending || update.isPending

  const finish = async (v: DrawerForm) => {
    const input = inputOfForm({ ...v, deadline: fromDay(v.deadline)!, completedAt: fromDay(v.completedAt) }, item?.sourceYear ?? null)
    setError(null)
    try {
      if (item) await update.mutateAsync({ id: item.id, fields: input, version: saveConflict.version! })
      else await create.mutateAsync({ ...input, year, ...(sendBureauId && bureauId !== null ? { bureauId } : {}) })
      message.success(item ? (input.status === 'done' && item.status !== 'done' ? '已保存，等待依法治县办核验销号' : '整改事项已保存') : '已新增整改事项')
      onClose()
    } catch (err) {
      if (!saveConflict.caught(err)) setError(errorMessage(err))
    }
  }

  const decide = async (approve: boolean, reason?: string) => {
    if (!item) return
    try {
      await verify.mutateAsync({ item: { id: item.id, version: saveConflict.version! }, approve, reason })
      message.success(approve ? '已通过销号' : '已退回重改')
      onClose()
    } catch (err) {
      if (!saveConflict.caught(err)) message.error(errorMessage(err))
    }
  }

  const loadLatest = (latest: RectificationItem) => {
    const v = formValuesOfItem(latest, year)
    form.setFieldsValue({ ...v, deadline: toDay(v.deadline)!, completedAt: toDay(v.completedAt) })
    saveConflict.clear()
  }

  const title = item ? (editable ? '编辑整改事项' : '整改事项') : '新增整改事项'
  const verifiable = canVerify && item !== null && item.status === 'done'

  return (
    <Drawer
      open
      size={560}
      title={title}
      onClose={onClose}
      destroyOnHidden
      footer={
        (editable || verifiable) && (
          <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
            <Button onClick={onClose}>取消</Button>
            {verifiable && (
              <Button danger onClick={() => setReturning(true)} disabled={verify.isPending}>
                退回重改
              </Button>
            )}
            {verifiable && !verified && (
              <Button type="primary" loading={verify.isPending} onClick={() => decide(true)}>
                通过销号
              </Button>
            )}
            {editable && (
              <Button type={verifiable ? 'default' : 'primary'} loading={pending} onClick={() => form.submit()}>
                保存
              </Button>
            )}
          </Space>
        )
      }
    >
      <Descriptions size="small" column={2} style={{ marginBottom: 16 }}>
        <Descriptions.Item label="单位">{bureauName ?? item?.bureauName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="年度">{year}</Descriptions.Item>
        {item?.sourceYear != null && <Descriptions.Item label="来源">{item.sourceYear} 年度报告</Descriptions.Item>}
        {item && (
          <Descriptions.Item label="状态">
            <Space size={4} wrap>
              <StageTag item={item} />
              {item.repeated && <Tag color="red">连续两年提出</Tag>}
            </Space>
          </Descriptions.Item>
        )}
        {verified && (
          <Descriptions.Item label="销号">
            {item.verifiedBy ?? '依法治县办'}于 {chinaDateTime(item.verifiedAt!)}
          </Descriptions.Item>
        )}
      </Descriptions>
      {item && item.status !== 'done' && item.returnReason && (
        <Alert className="page-alert" type="warning" showIcon title="依法治县办退回重改" description={`原因：${item.returnReason}。补充整改佐证后可再次标记为已完成。`} />
      )}
      {item && item.status === 'done' && !verified && (
        <Alert className="page-alert" type="info" showIcon title="待销号：等待依法治县办核验整改佐证" />
      )}
      {verified && mayEdit && <Alert className="page-alert" type="success" showIcon title="已销号，不能修改；如需修改，请依法治县办先退回重改" />}
      {saveConflict.conflict && (
        <RecordConflictAlert
          conflict={saveConflict.conflict}
          differences={saveConflict.conflict.latest ? conflictDifferences(CONFLICT_FIELDS, formValuesOfItem(saveConflict.conflict.latest, year), form.getFieldsValue()) : []}
          refreshing={saveConflict.refreshing}
          onRefresh={saveConflict.refresh}
          onLoadLatest={loadLatest}
        />
      )}
      <Form<DrawerForm>
        form={form}
        layout="vertical"
        disabled={!editable}
        initialValues={{ ...initial, deadline: toDay(initial.deadline)!, completedAt: toDay(initial.completedAt) }}
        onValuesChange={(changed: Partial<DrawerForm>) => {
          // Only a done item has a completion date: default it to today, clear it when reopened.
          if (changed.status === 'done' && !form.getFieldValue('completedAt')) form.setFieldValue('completedAt', dayjs())
          if (changed.status && changed.status !== 'done') form.setFieldValue('completedAt', null)
          if (changed.status) void form.validateFields(['evidence']).catch(() => undefined)
        }}
        onFinish={finish}
      >
        <Form.Item name="problem" label="问题" rules={[{ required: true, whitespace: true, message: '请填写问题' }, { max: 1000, message: '不超过 1000 字' }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={1000} placeholder="年度报告“存在的不足”中提出的问题" />
        </Form.Item>
        <Form.Item name="measure" label="整改措施" rules={[{ max: 1000, message: '不超过 1000 字' }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} />
        </Form.Item>
        <Space size={16} style={{ display: 'flex' }} align="start">
          <Form.Item name="owner" label="责任部门/人" rules={[{ max: 100, message: '不超过 100 字' }]} style={{ width: 240 }}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="deadline" label="整改时限" rules={[{ required: true, message: '请选择整改时限' }]} style={{ width: 240 }}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Space>
        <Form.Item name="status" label="整改状态" rules={[{ required: true }]}>
          <Radio.Group optionType="button" options={RECTIFICATION_STATUSES.map((s) => ({ value: s, label: RECTIFICATION_STATUS_LABELS[s] }))} />
        </Form.Item>
        {status === 'done' && (
          <Form.Item
            name="completedAt"
            label="完成日期"
            rules={[{ validator: (_, d: Dayjs | null) => (completionProblem('done', fromDay(d)) ? Promise.reject(new Error('请选择完成日期')) : Promise.resolve()) }]}
            required
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        )}
        <Form.Item
          name="evidence"
          label="整改佐证"
          required={status === 'done'}
          extra={status === 'done' ? '如整改报告、制度文件、会议纪要等；依法治县办据此核验销号' : undefined}
          rules={[
            { max: 2000, message: '不超过 2000 字' },
            { validator: (_, v: string | undefined) => (evidenceProblem(form.getFieldValue('status'), v) ? Promise.reject(new Error(evidenceProblem('done', v)!)) : Promise.resolve()) },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} />}
      </Form>
      {returning && item && (
        <ReturnItemModal
          saving={verify.isPending}
          onCancel={() => setReturning(false)}
          onReturn={async (reason) => {
            await decide(false, reason)
            setReturning(false)
          }}
        />
      )}
    </Drawer>
  )
}
