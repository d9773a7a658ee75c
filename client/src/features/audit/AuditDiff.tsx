import { Table, Tag, type TableColumnsType } from 'antd'
import { useMemo } from 'react'
import { diffRecords, fieldLabel, formatValue, type FieldChange, type FieldContext, type FieldDiff } from './diff'

const CHANGE_TAGS: Record<FieldChange, { label: string; color: string } | null> = {
  added: { label: '新增', color: 'green' },
  removed: { label: '删除', color: 'red' },
  changed: { label: '修改', color: 'orange' },
  same: null,
}

function Value({ value, change, side }: { value: unknown; change: FieldChange; side: 'before' | 'after' }) {
  if ((side === 'before' && change === 'added') || (side === 'after' && change === 'removed')) return <span className="text-muted">—</span>
  const className = change === 'same' ? 'audit-value' : `audit-value audit-value-${side}`
  return <code className={className}>{formatValue(value)}</code>
}

/** An event's before and after, one row per field named in Chinese; what changed comes first and is marked. */
export function AuditDiff({ before, after, context }: { before: unknown; after: unknown; context: FieldContext }) {
  const rows = useMemo(() => diffRecords(before, after), [before, after])
  if (!rows.length) return <div className="text-muted audit-diff-empty">该事件没有记录变更内容</div>
  const changed = rows.filter((r) => r.change !== 'same').length
  const columns: TableColumnsType<FieldDiff> = [
    {
      title: '字段',
      dataIndex: 'path',
      width: 260,
      render: (path: string) => (
        <span className="audit-path" title={path}>
          {fieldLabel(path, context)}
        </span>
      ),
    },
    {
      title: '变化',
      dataIndex: 'change',
      width: 72,
      render: (change: FieldChange) => {
        const tag = CHANGE_TAGS[change]
        return tag ? <Tag color={tag.color}>{tag.label}</Tag> : <span className="text-muted">未变</span>
      },
    },
    { title: '变更前', dataIndex: 'before', render: (v: unknown, row) => <Value value={v} change={row.change} side="before" /> },
    { title: '变更后', dataIndex: 'after', render: (v: unknown, row) => <Value value={v} change={row.change} side="after" /> },
  ]
  return (
    <div className="audit-diff">
      <div className="audit-diff-summary">
        {before != null && after != null ? `共 ${rows.length} 个字段，${changed} 个有变化` : `共 ${rows.length} 个字段`}
      </div>
      <Table<FieldDiff>
        size="small"
        rowKey="path"
        columns={columns}
        dataSource={rows}
        pagination={rows.length > 30 ? { pageSize: 30, showSizeChanger: false } : false}
        rowClassName={(r) => (r.change === 'same' ? 'audit-row-same' : '')}
        aria-label="变更前后对比"
      />
    </div>
  )
}
