import { WORKBENCH_DEADLINE_LABELS, type WorkbenchChange, type WorkbenchDeadline } from '@fazhi/shared'
import { Badge, Empty, Tag } from 'antd'
import type { ReactNode } from 'react'
import { Link } from 'react-router-dom'
import { Section } from '../../components/Panel'
import { formatDateTime } from '../../lib/format'

/** Days to a date in words: 还剩 12 天, 今天截止, 已逾期 3 天. */
export function daysText(daysLeft: number): string {
  if (daysLeft > 0) return `还剩 ${daysLeft} 天`
  if (daysLeft === 0) return '今天截止'
  return `已逾期 ${-daysLeft} 天`
}

/** The next deadline, large: what the user should keep in mind first. */
export function DeadlineCard({ deadline }: { deadline: WorkbenchDeadline | null }) {
  return (
    <div className="workbench-deadline" data-testid="workbench-deadline">
      <div className="workbench-deadline-title">下一个截止日期</div>
      {deadline ? (
        <>
          <div className="workbench-deadline-days">{daysText(deadline.daysLeft)}</div>
          <div className="workbench-deadline-what">
            {WORKBENCH_DEADLINE_LABELS[deadline.kind]}
            {deadline.bureauName && `（${deadline.bureauName}）`}：{deadline.date}
          </div>
        </>
      ) : (
        <div className="workbench-deadline-what">本年度已无待到期的截止日期</div>
      )}
    </div>
  )
}

export interface TaskRow {
  key: string | number
  title: ReactNode
  detail?: ReactNode
  link: string
  /** Marked red: overdue. */
  alert?: boolean
}

/** A task card: its count, the first tasks as links, and a link to the page with all of them. */
export function TaskCard({ title, count, rows, more, empty }: { title: string; count: number; rows: readonly TaskRow[]; more?: { to: string; label: string }; empty: string }) {
  return (
    <Section
      title={
        <span>
          {title} <Badge count={count} showZero color={count ? '#1677ff' : '#bfbfbf'} overflowCount={999} />
        </span>
      }
      extra={more && count > 0 ? <Link to={more.to}>{more.label}</Link> : undefined}
    >
      {rows.length ? (
        <ul className="workbench-tasks" aria-label={title}>
          {rows.map((r) => (
            <li key={r.key}>
              <Link to={r.link} className="workbench-task-title">
                {r.title}
              </Link>
              {r.detail && <div className={r.alert ? 'workbench-task-detail workbench-alert' : 'workbench-task-detail'}>{r.detail}</div>}
            </li>
          ))}
        </ul>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />
      )}
      {count > rows.length && <div className="workbench-more">另有 {count - rows.length} 项</div>}
    </Section>
  )
}

/** 自上次访问以来: every listed change is new since the last visit. */
export function ChangesCard({ changes }: { changes: { since: string; items: readonly WorkbenchChange[]; total: number } }) {
  return (
    <Section title={`自上次访问以来（${formatDateTime(changes.since)} 起）`}>
      {changes.items.length ? (
        <ul className="workbench-tasks" aria-label="自上次访问以来的变化" data-testid="workbench-changes">
          {changes.items.map((c, i) => (
            <li key={`${c.at}-${i}`}>
              <Tag color="red" className="workbench-new">
                新
              </Tag>
              {c.link ? <Link to={c.link}>{c.text}</Link> : c.text}
              <div className="workbench-task-detail">{formatDateTime(c.at)}</div>
            </li>
          ))}
        </ul>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="上次访问以来没有新的变化" />
      )}
      {changes.total > changes.items.length && <div className="workbench-more">共 {changes.total} 项变化，仅列出最近 {changes.items.length} 项</div>}
    </Section>
  )
}
