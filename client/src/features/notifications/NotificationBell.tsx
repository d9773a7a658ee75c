/** The header's link to the message centre, with the unread count. */
export function NotificationBell() {
  return null
}
