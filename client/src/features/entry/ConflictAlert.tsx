import type { Indicator } from '@fazhi/shared'
import { Button, Space } from 'antd'
import { ConflictAlert as SaveConflictAlert } from '../../components/ConflictAlert'
import { conflictWording } from '../../components/conflictWording'
import { useCurrentUser } from '../auth/session'
import { fieldOf, fieldText, formValuesOf, type FormValues } from './form'
import type { SaveConflict } from './useSubmissionSave'

interface ConflictAlertProps {
  conflict: SaveConflict
  /** What the form shows now, the user's edits included. */
  values: FormValues
  byCode: ReadonlyMap<string, Indicator>
  saving: boolean
  onReloadLatest: () => void
  onSaveMineAgain: () => void
}

/** A save of the submission that met someone else's change: what differs, and the two ways out. */
export function ConflictAlert({ conflict, values, byCode, saving, onReloadLatest, onSaveMineAgain }: ConflictAlertProps) {
  const latestValues = formValuesOf(conflict.latest)
  const differences = conflict.codes.map((code) => {
    const ind = byCode.get(code)!
    return { name: code, label: ind.name, latest: fieldText(ind, fieldOf(latestValues, code)), mine: fieldText(ind, fieldOf(values, code)) }
  })
  const { title, message } = conflictWording('这份填报', conflict.changedBy, useCurrentUser().id, conflict.message)
  return (
    <SaveConflictAlert
      title={title}
      message={message}
      differences={differences}
      hint="您填写的内容仍保留在表单中。可载入最新数据（放弃您的修改），或以您的填写为准重新保存。"
      actions={
        <Space orientation="vertical">
          <Button onClick={onReloadLatest}>载入最新数据</Button>
          <Button type="primary" loading={saving} onClick={onSaveMineAgain}>
            以我的为准重新保存
          </Button>
        </Space>
      }
    />
  )
}
