import type { ReactNode } from 'react'

interface StatCardProps {
  title: string
  value: ReactNode
  detail?: ReactNode
  footer?: ReactNode
  /** Names the figure for tests and styling, e.g. "reportingRate". */
  name?: string
}

/** A headline figure: title, big value, a line of context and an optional comparison. */
export function StatCard({ title, value, detail, footer, name }: StatCardProps) {
  return (
    <div className="stat-card" data-stat={name}>
      <div className="stat-title">{title}</div>
      <div className="stat-value">{value}</div>
      {detail && <div className="stat-detail">{detail}</div>}
      {footer}
    </div>
  )
}
