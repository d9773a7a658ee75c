import { can } from '@fazhi/shared'
import { App, Button, Result } from 'antd'
import { Link, useParams } from 'react-router-dom'
import { useCurrentUser } from '../auth/session'
import { SubmissionWorkspace } from './SubmissionWorkspace'

/** `/submissions/:id`: any bureau's report, for the office (to edit or review) and leaders (to read). */
export default function SubmissionPage() {
  const id = Number(useParams().id)
  const user = useCurrentUser()
  if (!Number.isInteger(id) || id <= 0) return <Result status="404" title="填报不存在" />
  return (
    <App component={false}>
      <SubmissionWorkspace
        key={id}
        id={id}
        headerExtra={
          can(user, 'allBureaus') && (
            <Link to="/review">
              <Button>返回审核列表</Button>
            </Link>
          )
        }
      />
    </App>
  )
}
