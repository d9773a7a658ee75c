import { Alert, Button } from 'antd'
import type { ReactNode } from 'react'
import { useCurrentUser } from '../features/auth/session'
import type { ConflictDifference } from './conflict'
import { conflictWording } from './conflictWording'
import type { RecordConflict } from './useRecordConflict'

interface ConflictAlertProps {
  title: string
  /** The server's 409 message: who changed the record, and when. */
  message: string
  differences?: readonly ConflictDifference[]
  hint: ReactNode
  actions: ReactNode
}

/** A save that met someone else's change: the server's word, what differs, and the ways out. */
export function ConflictAlert({ title, message, differences = [], hint, actions }: ConflictAlertProps) {
  return (
    <Alert
      className="page-alert"
      type="warning"
      showIcon
      title={title}
      description={
        <>
          <div>{message}</div>
          {differences.length > 0 && (
            <ul className="conflict-fields">
              {differences.map((d) => (
                <li key={d.name}>
                  {d.label}：最新为 {d.latest}，您填写的是 {d.mine}
                </li>
              ))}
            </ul>
          )}
          <div>{hint}</div>
        </>
      }
      action={actions}
    />
  )
}

interface RecordConflictAlertProps<T> {
  conflict: RecordConflict<T>
  /** Between the refreshed record and the typed values. */
  differences: readonly ConflictDifference[]
  refreshing: boolean
  onRefresh: () => void
  /** Drops the typed values for the latest ones. */
  onLoadLatest: (latest: T) => void
}

/** A record's save conflict (see `useRecordConflict`): 刷新 first, then keep the typed values or take the latest. */
export function RecordConflictAlert<T>({ conflict, differences, refreshing, onRefresh, onLoadLatest }: RecordConflictAlertProps<T>) {
  const { latest } = conflict
  const { title, message } = conflictWording('这条记录', conflict.changedBy, useCurrentUser().id, conflict.message)
  return (
    <ConflictAlert
      title={title}
      message={message}
      differences={latest ? differences : []}
      hint={
        latest
          ? differences.length
            ? '已载入最新版本，您填写的内容仍保留在表单中：再次保存将以您的填写为准，或载入最新数据（放弃您的修改）。'
            : '已载入最新版本，与您填写的内容一致，可以再次保存。'
          : '您填写的内容仍保留在表单中。请点“刷新”查看最新数据与您填写的不同之处。'
      }
      actions={
        latest ? (
          <Button onClick={() => onLoadLatest(latest)}>载入最新数据</Button>
        ) : (
          <Button type="primary" loading={refreshing} onClick={onRefresh}>
            刷新
          </Button>
        )
      }
    />
  )
}
