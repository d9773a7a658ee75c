import { can } from '@fazhi/shared'
import { useQueries, useQuery } from '@tanstack/react-query'
import { Alert } from 'antd'
import { Link } from 'react-router-dom'
import { useCurrentUser } from '../auth/session'
import { cyclesQuery } from '../catalog/queries'
import { remindersQuery } from './queries'
import { reminderMessage, type BureauReminder } from './remind'

/**
 * A bureau user's deadline banner: shown when a report is due within 14 days or overdue. Without
 * `year`, every open (unlocked) year is checked, for the bureau's landing page.
 */
export default function ReminderBanner({ year, showLink = true }: { year?: number; showLink?: boolean }) {
  const user = useCurrentUser()
  const ownBureau = !can(user, 'allBureaus')
  const cycles = useQuery({ ...cyclesQuery(), enabled: year === undefined })
  const years = year !== undefined ? [year] : (cycles.data ?? []).filter((c) => !c.locked).map((c) => c.year)
  const results = useQueries({
    queries: years.map((y) => ({ ...remindersQuery(y), enabled: ownBureau })),
  })
  if (!ownBureau) return null
  const banners = results
    .map((r) => r.data)
    .filter((r): r is BureauReminder => r?.scope === 'bureau')
    .map((r) => ({ r, message: reminderMessage(r) }))
    .filter((b) => b.message !== null)
  return (
    <>
      {banners.map(({ r, message }) => (
        <Alert
          key={r.year}
          className="page-alert"
          type={message!.type}
          showIcon
          title={message!.text}
          action={
            showLink ? (
              <Link to={`/entry?year=${r.year}`}>
                <span>去填报</span>
              </Link>
            ) : undefined
          }
        />
      ))}
    </>
  )
}
