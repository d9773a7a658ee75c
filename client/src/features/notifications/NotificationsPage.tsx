import { PageHeader } from '../../components/PageHeader'

/** 消息中心: the user's messages, read and unread. */
export default function NotificationsPage() {
  return <PageHeader title="消息中心" />
}
