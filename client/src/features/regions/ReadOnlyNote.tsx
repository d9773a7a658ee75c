import { LockOutlined } from '@ant-design/icons'
import { READ_ONLY_NOTE } from './regions'

/** Stands where a change to a bureau of a region the account only reads would be. */
export function ReadOnlyNote() {
  return (
    <span className="text-muted">
      <LockOutlined /> {READ_ONLY_NOTE}
    </span>
  )
}
