import { isDateInYear, LEDGER_TEXT_MAX } from '@fazhi/shared'
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons'
import { useQuery } from '@tanstack/react-query'
import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Table, type TableColumnsType } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useState, type ReactNode } from 'react'
import { RecordEvidenceButton } from '../evidence/RecordEvidenceButton'
import { conflictDifferences } from '../../components/conflict'
import { RecordConflictAlert } from '../../components/ConflictAlert'
import { errorMessage, ErrorState } from '../../components/ErrorState'
import { useRecordConflict } from '../../components/useRecordConflict'
import { formatNumber } from '../../lib/format'
import type { LedgerSpec } from './ledgers'
import { ledgerQuery, useLedgerMutations, type LedgerFields } from './queries'

type Row = { id: number; version: number } & Record<string, string | number>

interface LedgerPanelProps {
  spec: LedgerSpec
  year: number
  bureauId: number
  editable: boolean
  /** A change rolls up into the submission: the page reloads it. */
  onChanged: () => Promise<void>
  /** A row's 批注 (marker and threads), in a column of its own. */
  renderRowComments?: (rowId: number) => ReactNode
}

/** One ledger's table with add, edit and delete. */
export function LedgerPanel({ spec, year, bureauId, editable, onChanged, renderRowComments }: LedgerPanelProps) {
  const { message } = App.useApp()
  const list = useQuery(ledgerQuery(spec.type, year, bureauId))
  const { create, update, remove, fetchRow } = useLedgerMutations(spec.type, year, bureauId)
  const [editing, setEditing] = useState<Row | 'new' | null>(null)

  const columns: TableColumnsType<Row> = spec.fields.map((f) => ({
    title: f.label,
    dataIndex: f.name,
    width: f.width,
    align: f.kind === 'count' ? 'right' : undefined,
    ellipsis: f.kind === 'text',
    sorter: f.kind === 'date' ? (a: Row, b: Row) => String(a.date).localeCompare(String(b.date)) : undefined,
    defaultSortOrder: f.kind === 'date' ? 'descend' : undefined,
    render: f.kind === 'count' ? (v: number) => formatNumber(v) : undefined,
  }))
  columns.push({
    title: '佐证材料',
    key: 'evidence',
    width: 112,
    render: (_, row) => <RecordEvidenceButton target={{ ledgerType: spec.type, ledgerId: row.id }} editable={editable} />,
  })
  if (renderRowComments) columns.push({ title: '批注', key: 'comments', width: 88, render: (_, row) => renderRowComments(row.id) })
  if (editable)
    columns.push({
      title: '操作',
      key: 'actions',
      width: 156,
      render: (_, row) => (
        <Space size={4}>
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(row)}>
            编辑
          </Button>
          <Popconfirm
            title={`删除这条${spec.entry}？`}
            description="删除后台账汇总值会随之更新。"
            okText="删除"
            okButtonProps={{ danger: true }}
            onConfirm={async () => {
              try {
                await remove.mutateAsync(row)
                await onChanged()
                message.success('已删除')
              } catch (err) {
                message.error(errorMessage(err))
              }
            }}
          >
            <Button type="link" size="small" danger icon={<DeleteOutlined />}>
              删除
            </Button>
          </Popconfirm>
        </Space>
      ),
    })

  const submit = async (fields: LedgerFields, version: number | undefined) => {
    if (editing === 'new') await create.mutateAsync(fields)
    else if (editing) await update.mutateAsync({ id: editing.id, fields, version: version! })
    await onChanged()
    message.success(editing === 'new' ? '已新增，台账汇总值已更新' : '已保存，台账汇总值已更新')
    setEditing(null)
  }

  return (
    <div>
      <div className="ledger-toolbar">
        <span className="ledger-feeds">{spec.feeds}</span>
        {editable && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            新增{spec.entry}
          </Button>
        )}
      </div>
      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <Table<Row>
          size="small"
          rowKey="id"
          loading={list.isPending}
          columns={columns}
          dataSource={(list.data ?? []) as unknown as Row[]}
          pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
          locale={{ emptyText: `本年度暂无${spec.entry}记录` }}
          aria-label={spec.label}
        />
      )}
      {editing && (
        <LedgerModal
          spec={spec}
          year={year}
          initial={editing === 'new' ? null : editing}
          fetchLatest={() => (editing === 'new' ? Promise.resolve(null) : fetchRow(editing.id) as Promise<Row | null>)}
          onCancel={() => setEditing(null)}
          onSubmit={submit}
        />
      )}
    </div>
  )
}

interface LedgerModalProps {
  spec: LedgerSpec
  year: number
  initial: Row | null
  fetchLatest: () => Promise<Row | null>
  onCancel: () => void
  onSubmit: (fields: LedgerFields, version: number | undefined) => Promise<void>
}

const dayText = (v: unknown) => (dayjs.isDayjs(v) ? v.format('YYYY-MM-DD') : v ? String(v) : '')

function LedgerModal({ spec, year, initial, fetchLatest, onCancel, onSubmit }: LedgerModalProps) {
  const [form] = Form.useForm()
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const saveConflict = useRecordConflict(initial, fetchLatest)
  const valuesOf = (row: Row | null) =>
    Object.fromEntries(
      spec.fields.map((f) => {
        const v = row?.[f.name]
        if (f.kind === 'date') return [f.name, v ? dayjs(String(v)) : null]
        if (f.kind === 'count') return [f.name, v ?? 0]
        return [f.name, v ?? undefined]
      }),
    )
  const initialValues = valuesOf(initial)
  const conflictFields = spec.fields.map((f) => ({ name: f.name, label: f.label, text: f.kind === 'date' ? dayText : undefined }))

  const finish = async (raw: Record<string, unknown>) => {
    const fields: LedgerFields = {}
    for (const f of spec.fields) {
      const v = raw[f.name]
      fields[f.name] = f.kind === 'date' ? (v as Dayjs).format('YYYY-MM-DD') : f.kind === 'text' ? String(v).trim() : (v as string | number)
    }
    setSaving(true)
    setError(null)
    try {
      await onSubmit(fields, saveConflict.version)
    } catch (err) {
      if (!saveConflict.caught(err)) setError(errorMessage(err))
    } finally {
      setSaving(false)
    }
  }

  return (
    <Modal
      open
      title={`${initial ? '编辑' : '新增'}${spec.entry}`}
      okText="保存"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onCancel}
      destroyOnHidden
    >
      {saveConflict.conflict && (
        <RecordConflictAlert
          conflict={saveConflict.conflict}
          differences={saveConflict.conflict.latest ? conflictDifferences(conflictFields, saveConflict.conflict.latest, form.getFieldsValue()) : []}
          refreshing={saveConflict.refreshing}
          onRefresh={saveConflict.refresh}
          onLoadLatest={(latest) => {
            form.setFieldsValue(valuesOf(latest))
            saveConflict.clear()
          }}
        />
      )}
      <Form form={form} layout="vertical" initialValues={initialValues} onFinish={finish} requiredMark>
        {spec.fields.map((f) => (
          <Form.Item
            key={f.name}
            name={f.name}
            label={f.label}
            rules={[
              { required: true, message: `${f.kind === 'date' || f.kind === 'select' ? '请选择' : '请填写'}${f.label}` },
              ...(f.kind === 'text' ? [{ whitespace: true, message: `请填写${f.label}` }, { max: LEDGER_TEXT_MAX, message: `不超过 ${LEDGER_TEXT_MAX} 字` }] : []),
              ...(f.kind === 'date'
                ? [
                    {
                      validator: (_: unknown, v: Dayjs | null) =>
                        !v || isDateInYear(v.format('YYYY-MM-DD'), year) ? Promise.resolve() : Promise.reject(new Error(`日期应在 ${year} 年内`)),
                    },
                  ]
                : []),
            ]}
          >
            {f.kind === 'date' ? (
              <DatePicker style={{ width: '100%' }} defaultPickerValue={dayjs(`${year}-01-01`)} disabledDate={(d) => d.year() !== year} />
            ) : f.kind === 'select' ? (
              <Select options={f.options!.map((o) => ({ value: o, label: o }))} placeholder={`请选择${f.label}`} />
            ) : f.kind === 'count' ? (
              <InputNumber<number> min={0} max={999_999} precision={0} style={{ width: '100%' }} />
            ) : (
              <Input maxLength={LEDGER_TEXT_MAX} placeholder={`请填写${f.label}`} />
            )}
          </Form.Item>
        ))}
        {error && <div className="ind-error">{error}</div>}
      </Form>
    </Modal>
  )
}
