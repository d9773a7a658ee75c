import type { Indicator } from '@fazhi/shared'
import { Alert, Button, Space } from 'antd'
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

/** A save that met someone else's change: what differs, and the two ways out. */
export function ConflictAlert({ conflict, values, byCode, saving, onReloadLatest, onSaveMineAgain }: ConflictAlertProps) {
  const latestValues = formValuesOf(conflict.latest)
  return (
    <Alert
      className="page-alert"
      type="warning"
      showIcon
      title="保存冲突：他人已修改了这份填报"
      description={
        <>
          <div>{conflict.message}</div>
          {conflict.codes.length > 0 && (
            <ul className="conflict-fields">
              {conflict.codes.map((code) => {
                const ind = byCode.get(code)!
                return (
                  <li key={code}>
                    {ind.name}：最新为 {fieldText(ind, fieldOf(latestValues, code))}，您填写的是 {fieldText(ind, fieldOf(values, code))}
                  </li>
                )
              })}
            </ul>
          )}
          <div>您填写的内容仍保留在表单中。可载入最新数据（放弃您的修改），或以您的填写为准重新保存。</div>
        </>
      }
      action={
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
