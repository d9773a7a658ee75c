import { LockOutlined, PlusOutlined, UnlockOutlined } from '@ant-design/icons'
import { can, type Cycle, deadlineProblem, defaultDeadlines } from '@fazhi/shared'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, DatePicker, Form, InputNumber, Modal, Popconfirm, Space, Table, Tag, Tooltip, type TableColumnsType } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useState } from 'react'
import { conflictDifferences } from '../../components/conflict'
import { RecordConflictAlert } from '../../components/ConflictAlert'
import { errorMessage } from '../../components/ErrorState'
import { useRecordConflict } from '../../components/useRecordConflict'
import { PageHeader } from '../../components/PageHeader'
import { Panel } from '../../components/Panel'
import { useCurrentUser } from '../auth/session'
import { cyclesQuery } from '../catalog/queries'
import { CYCLE_PHASES, cyclePhase, nextCycleYear } from './cycles'
import { useCycleMutations } from './queries'

/** `/cycles`: the office opens a reporting year, sets its deadlines, and locks it once judged. */
export default function CyclesPage() {
  return (
    <App component={false}>
      <CyclesBody />
    </App>
  )
}

type Editing = { mode: 'create' } | { mode: 'edit'; cycle: Cycle }

function CyclesBody() {
  const { message } = App.useApp()
  const user = useCurrentUser()
  const mayManage = can(user, 'manageCycles')
  const cycles = useQuery(cyclesQuery())
  const { setLocked } = useCycleMutations()
  const [editing, setEditing] = useState<Editing | null>(null)
  const rows = [...(cycles.data ?? [])].sort((a, b) => b.year - a.year)

  const toggleLock = async (c: Cycle) => {
    try {
      await setLocked.mutateAsync({ year: c.year, locked: !c.locked })
      message.success(c.locked ? `${c.year} 年度已解锁` : `${c.year} 年度已锁定`)
    } catch (err) {
      message.error(errorMessage(err))
    }
  }

  const columns: TableColumnsType<Cycle> = [
    { title: '年度', dataIndex: 'year', width: 120, render: (y: number) => <b>{y} 年度</b> },
    { title: '上报截止日期', dataIndex: 'dueDate', width: 160 },
    { title: '公开截止日期', dataIndex: 'publishDeadline', width: 160 },
    {
      title: '状态',
      key: 'phase',
      width: 160,
      render: (_, c) => {
        const phase = CYCLE_PHASES[cyclePhase(c)]
        return (
          <Tag color={phase.color} icon={c.locked ? <LockOutlined /> : undefined}>
            {phase.label}
          </Tag>
        )
      },
    },
    {
      title: '说明',
      key: 'hint',
      render: (_, c) => (
        <span className="text-muted">
          {c.locked ? '数据只读：填报、台账、整改事项均不能修改' : c.due ? '已过上报截止日期，核定后可锁定' : '各单位可填报、上报'}
        </span>
      ),
    },
  ]
  if (mayManage)
    columns.push({
      title: '操作',
      key: 'actions',
      width: 220,
      render: (_, c) => (
        <Space size={8}>
          <Tooltip title={c.locked ? '已锁定的年度不能修改日期，请先解锁' : undefined}>
            <Button size="small" disabled={c.locked} onClick={() => setEditing({ mode: 'edit', cycle: c })}>
              修改日期
            </Button>
          </Tooltip>
          <Popconfirm
            title={c.locked ? `解锁 ${c.year} 年度？` : `锁定 ${c.year} 年度？`}
            description={
              c.locked
                ? '解锁后各单位可再次修改该年度的填报、台账和整改事项。'
                : '锁定后该年度的填报、台账、整改事项和报告公开信息都不能再修改，排名以当前数据为准。'
            }
            okText={c.locked ? '解锁' : '锁定'}
            okButtonProps={{ danger: !c.locked }}
            onConfirm={() => toggleLock(c)}
          >
            <Button size="small" danger={!c.locked} icon={c.locked ? <UnlockOutlined /> : <LockOutlined />}>
              {c.locked ? '解锁' : '锁定'}
            </Button>
          </Popconfirm>
        </Space>
      ),
    })

  return (
    <div className="page">
      <PageHeader
        title="填报周期"
        subtitle="每个年度的上报截止日期（默认次年 3 月 1 日）和报告公开截止日期（默认次年 4 月 1 日）"
        extra={
          mayManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'create' })} disabled={!cycles.data}>
              新建年度
            </Button>
          )
        }
      />
      <Panel title="年度列表" loading={cycles.isPending} error={cycles.error} onRetry={() => cycles.refetch()} empty={rows.length === 0} emptyText="尚未设立填报周期">
        {() => <Table<Cycle> rowKey="year" size="middle" columns={columns} dataSource={rows} pagination={false} scroll={{ x: 720 }} aria-label="填报周期" />}
      </Panel>
      {editing && <CycleModal editing={editing} cycles={rows} onClose={() => setEditing(null)} />}
    </div>
  )
}

interface CycleFormValues {
  year: number
  dueDate: Dayjs
  publishDeadline: Dayjs
}

const dayText = (v: unknown) => (dayjs.isDayjs(v) ? v.format('YYYY-MM-DD') : v ? String(v) : '')
const CONFLICT_FIELDS = [
  { name: 'dueDate', label: '上报截止日期', text: dayText },
  { name: 'publishDeadline', label: '公开截止日期', text: dayText },
]

function CycleModal({ editing, cycles, onClose }: { editing: Editing; cycles: readonly Cycle[]; onClose: () => void }) {
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const { create, update } = useCycleMutations()
  const edited = editing.mode === 'create' ? null : editing.cycle
  const saveConflict = useRecordConflict(edited, async () =>
    edited ? ((await queryClient.fetchQuery({ ...cyclesQuery(), staleTime: 0 })).find((c) => c.year === edited.year) ?? null) : null,
  )
  const [form] = Form.useForm<CycleFormValues>()
  const [error, setError] = useState<string | null>(null)
  const creating = editing.mode === 'create'
  const initialYear = creating ? nextCycleYear(cycles) : editing.cycle.year
  const initial = creating ? defaultDeadlines(initialYear) : editing.cycle
  const year = Form.useWatch('year', form) ?? initialYear
  const pending = create.isPending || update.isPending

  const finish = async (v: CycleFormValues) => {
    const body = { year: v.year, dueDate: v.dueDate.format('YYYY-MM-DD'), publishDeadline: v.publishDeadline.format('YYYY-MM-DD') }
    const problem = deadlineProblem(body.year, body.dueDate, body.publishDeadline)
    if (problem) return setError(problem)
    setError(null)
    try {
      if (creating) await create.mutateAsync(body)
      else await update.mutateAsync({ ...body, version: saveConflict.version! })
      message.success(creating ? `已新建 ${body.year} 年度填报周期` : `已修改 ${body.year} 年度截止日期`)
      onClose()
    } catch (err) {
      if (creating || !saveConflict.caught(err)) setError(errorMessage(err))
    }
  }

  return (
    <Modal
      open
      title={creating ? '新建年度' : `修改 ${initialYear} 年度截止日期`}
      okText={creating ? '新建' : '保存'}
      confirmLoading={pending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {saveConflict.conflict && (
        <RecordConflictAlert
          conflict={saveConflict.conflict}
          differences={saveConflict.conflict.latest ? conflictDifferences(CONFLICT_FIELDS, saveConflict.conflict.latest, form.getFieldsValue()) : []}
          refreshing={saveConflict.refreshing}
          onRefresh={saveConflict.refresh}
          onLoadLatest={(latest) => {
            form.setFieldsValue({ dueDate: dayjs(latest.dueDate), publishDeadline: dayjs(latest.publishDeadline) })
            saveConflict.clear()
          }}
        />
      )}
      <Form<CycleFormValues>
        form={form}
        layout="vertical"
        initialValues={{ year: initialYear, dueDate: dayjs(initial.dueDate), publishDeadline: dayjs(initial.publishDeadline) }}
        onValuesChange={(changed: Partial<CycleFormValues>) => {
          // A new year moves both deadlines to their defaults for that year.
          if (creating && typeof changed.year === 'number' && changed.year >= 2000) {
            const d = defaultDeadlines(changed.year)
            form.setFieldsValue({ dueDate: dayjs(d.dueDate), publishDeadline: dayjs(d.publishDeadline) })
          }
        }}
        onFinish={finish}
      >
        <Form.Item
          name="year"
          label="年度"
          rules={[
            { required: true, message: '请填写年度' },
            {
              validator: (_, v: number) =>
                !creating || !cycles.some((c) => c.year === v) ? Promise.resolve() : Promise.reject(new Error(`${v} 年度的填报周期已存在`)),
            },
          ]}
        >
          <InputNumber<number> min={2000} max={2100} precision={0} disabled={!creating} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="dueDate" label="上报截止日期" extra={`${year} 年度报告应在次年上报`} rules={[{ required: true, message: '请选择上报截止日期' }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="publishDeadline" label="公开截止日期" extra="不能早于上报截止日期" rules={[{ required: true, message: '请选择公开截止日期' }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} />}
      </Form>
    </Modal>
  )
}
