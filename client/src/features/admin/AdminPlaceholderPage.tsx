import { ToolOutlined } from '@ant-design/icons'
import { ROLE_LABELS } from '@fazhi/shared'
import { Result } from 'antd'
import { useCurrentUser } from '../auth/session'

/** System administrators and auditors have no business pages; their own pages are still to come. */
export default function AdminPlaceholderPage() {
  const user = useCurrentUser()
  return (
    <Result
      icon={<ToolOutlined />}
      title="系统管理功能建设中"
      subTitle={`您当前以“${ROLE_LABELS[user.role]}”身份登录。用户、权限与安全审计等管理页面正在建设中，敬请期待。`}
    />
  )
}
