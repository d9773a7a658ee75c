import { Empty, Skeleton } from 'antd'
import { Suspense, type ReactNode } from 'react'
import { ErrorState } from './ErrorState'

export const NO_DATA_TEXT = '该年度暂无上报数据'

/** A white card with an optional title bar: the surface every block of a page sits on. */
export function Section({ title, extra, children }: { title?: ReactNode; extra?: ReactNode; children: ReactNode }) {
  return (
    <section className="panel">
      {title && (
        <header className="panel-head">
          <h2 className="panel-title">{title}</h2>
          {extra && <div className="panel-extra">{extra}</div>}
        </header>
      )}
      <div className="panel-body">{children}</div>
    </section>
  )
}

interface PanelProps {
  title: ReactNode
  extra?: ReactNode
  /** First load: nothing to show yet. */
  loading: boolean
  error: unknown
  onRetry?: () => void
  empty?: boolean
  emptyText?: string
  /** Data for another year is on screen while the asked year loads. */
  refreshing?: boolean
  /** Body height while loading or empty, so the page does not jump when data arrives. */
  bodyHeight?: number
  /** Rendered only once there is data: may read it without checks. */
  children: () => ReactNode
}

/** A section with the four states every data panel has: loading, error, empty and data. */
export function Panel({
  title,
  extra,
  loading,
  error,
  onRetry,
  empty = false,
  emptyText = NO_DATA_TEXT,
  refreshing = false,
  bodyHeight = 320,
  children,
}: PanelProps) {
  let body: ReactNode
  if (error && !refreshing) body = <ErrorState error={error} onRetry={onRetry} />
  else if (loading) body = <Skeleton active paragraph={{ rows: Math.max(3, Math.round(bodyHeight / 48)) }} />
  else if (empty)
    body = (
      <div className="panel-empty" style={{ minHeight: bodyHeight }}>
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} />
      </div>
    )
  else
    body = (
      <div className={refreshing ? 'panel-refreshing' : undefined}>
        <Suspense fallback={<Skeleton active />}>{children()}</Suspense>
      </div>
    )
  return (
    <Section title={title} extra={extra}>
      {body}
    </Section>
  )
}
