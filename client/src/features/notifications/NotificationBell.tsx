import { BellOutlined } from '@ant-design/icons'
import { useQuery } from '@tanstack/react-query'
import { Badge } from 'antd'
import { Link } from 'react-router-dom'
import { unreadCountQuery } from './queries'
import './notifications.css'

/** The header's link to the message centre, with the unread count. */
export function NotificationBell() {
  const unread = useQuery(unreadCountQuery()).data ?? 0
  const label = unread ? `消息中心（${unread} 条未读）` : '消息中心（无未读消息）'
  return (
    <Link to="/notifications" className="notification-bell" aria-label={label} title={label}>
      <Badge count={unread} size="small" overflowCount={99}>
        <BellOutlined className="notification-bell-icon" />
      </Badge>
    </Link>
  )
}
