import { RECTIFICATION_STATUS_LABELS, RECTIFICATION_STATUSES, type RectificationItem } from '@fazhi/shared'
import { Alert, App, Button, DatePicker, Descriptions, Drawer, Form, Input, Radio, Space, Tag } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useState } from 'react'
import { errorMessage } from '../../components/ErrorState'
import { useRectificationMutations } from './queries'
import { completionProblem, formValuesOfItem, inputOfForm, RECTIFICATION_STATUS_COLORS, type RectificationFormValues } from './rectification'

interface RectificationDrawerProps {
  /** null: a new item. */
  item: RectificationItem | null
  year: number
  bureauId: number | null
  bureauName?: string
  /** The office names the bureau; a bureau user's own is implied. */
  sendBureauId: boolean
  editable: boolean
  onClose: () => void
}

type DrawerForm = Omit<RectificationFormValues, 'deadline' | 'completedAt'> & { deadline: Dayjs; completedAt: Dayjs | null }

const toDay = (s: string | null) => (s ? dayjs(s) : null)
const fromDay = (d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : null)

export function RectificationDrawer({ item, year, bureauId, bureauName, sendBureauId, editable, onClose }: RectificationDrawerProps) {
  const { message } = App.useApp()
  const { create, update } = useRectificationMutations()
  const [form] = Form.useForm<DrawerForm>()
  const [error, setError] = useState<string | null>(null)
  const status = Form.useWatch('status', form) ?? item?.status ?? 'not_started'
  const initial = formValuesOfItem(item, year)
  const pending = create.isPending || update.isPending

  const finish = async (v: DrawerForm) => {
    const input = inputOfForm({ ...v, deadline: fromDay(v.deadline)!, completedAt: fromDay(v.completedAt) }, item?.sourceYear ?? null)
    setError(null)
    try {
      if (item) await update.mutateAsync({ id: item.id, fields: input })
      else await create.mutateAsync({ ...input, year, ...(sendBureauId && bureauId !== null ? { bureauId } : {}) })
      message.success(item ? '整改事项已保存' : '已新增整改事项')
      onClose()
    } catch (err) {
      setError(errorMessage(err))
    }
  }

  const title = item ? (editable ? '编辑整改事项' : '整改事项') : '新增整改事项'

  return (
    <Drawer
      open
      size={560}
      title={title}
      onClose={onClose}
      destroyOnHidden
      footer={
        editable && (
          <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
            <Button onClick={onClose}>取消</Button>
            <Button type="primary" loading={pending} onClick={() => form.submit()}>
              保存
            </Button>
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
            <Space size={4}>
              <Tag color={RECTIFICATION_STATUS_COLORS[item.status]}>{RECTIFICATION_STATUS_LABELS[item.status]}</Tag>
              {item.overdue && <Tag color="error">逾期</Tag>}
              {item.repeated && <Tag color="red">连续两年提出</Tag>}
            </Space>
          </Descriptions.Item>
        )}
      </Descriptions>
      <Form<DrawerForm>
        form={form}
        layout="vertical"
        disabled={!editable}
        initialValues={{ ...initial, deadline: toDay(initial.deadline)!, completedAt: toDay(initial.completedAt) }}
        onValuesChange={(changed: Partial<DrawerForm>) => {
          // Only a done item has a completion date: default it to today, clear it when reopened.
          if (changed.status === 'done' && !form.getFieldValue('completedAt')) form.setFieldValue('completedAt', dayjs())
          if (changed.status && changed.status !== 'done') form.setFieldValue('completedAt', null)
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
        <Form.Item name="evidence" label="整改佐证" extra={status === 'done' ? '如整改报告、制度文件、会议纪要等' : undefined} rules={[{ max: 2000, message: '不超过 2000 字' }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} />}
      </Form>
    </Drawer>
  )
}
