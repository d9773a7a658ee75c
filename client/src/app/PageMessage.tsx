import { Alert } from 'antd'
import type { ReactNode } from 'react'

/** A message in the middle of an otherwise empty page, for failures before any page could render. */
export function PageMessage({ title, description, action }: { title: string; description: string; action: ReactNode }) {
  return (
    <div className="page-message">
      <Alert type="error" showIcon title={title} description={description} action={action} />
    </div>
  )
}
