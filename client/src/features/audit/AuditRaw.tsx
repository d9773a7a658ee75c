import { Descriptions } from 'antd'
import type { AuditEventRow } from './queries'

const pretty = (v: unknown) => (v === null || v === undefined ? 'null' : JSON.stringify(v, null, 2))

/** 原始记录: the row exactly as the log stores it (codes and JSON), as the hash chain covers it. */
export function AuditRaw({ row }: { row: AuditEventRow }) {
  const items = [
    { key: 'id', label: '记录编号', children: row.id },
    { key: 'at', label: 'at', children: row.at },
    { key: 'user', label: 'user_id / username', children: `${row.userId ?? 'null'} / ${row.username ?? 'null'}` },
    { key: 'ip', label: 'ip', children: row.ip ?? 'null' },
    { key: 'action', label: 'action', children: row.action },
    { key: 'object', label: 'object_type / object_id', children: `${row.objectType ?? 'null'} / ${row.objectId ?? 'null'}` },
    { key: 'success', label: 'success', children: String(row.success) },
    { key: 'before', label: 'before', children: <pre className="audit-raw-json">{pretty(row.before)}</pre> },
    { key: 'after', label: 'after', children: <pre className="audit-raw-json">{pretty(row.after)}</pre> },
  ]
  return <Descriptions size="small" column={1} bordered className="audit-raw mono" items={items} aria-label="原始记录" />
}
