import type { OfficeWorkbench as Office } from '@fazhi/shared'
import { StatusTag } from '../../components/StatusTag'
import { ChangesCard, daysText, DeadlineCard, TaskCard } from './WorkbenchCards'

/** The office's 工作台: reviews, returns, 销号, bureaus to chase, the next deadline, changes. */
export function OfficeWorkbench({ data }: { data: Office }) {
  const year = data.year
  return (
    <div className="workbench-grid">
      <DeadlineCard deadline={data.nextDeadline} />
      <TaskCard
        title="待审核"
        count={data.reviews.count}
        empty="没有待审核的报告"
        more={{ to: `/review?year=${year}`, label: '进入审核' }}
        rows={data.reviews.items.map((r) => ({ key: r.submissionId, title: r.bureauName, detail: `${r.resubmitted ? '重新上报' : '上报'}于 ${r.submittedAt?.slice(0, 10) ?? ''}`, link: r.link }))}
      />
      <TaskCard
        title="退回待重报"
        count={data.returned.count}
        empty="没有退回待重报的报告"
        more={{ to: `/review?year=${year}`, label: '查看全部' }}
        rows={data.returned.items.map((r) => ({
          key: r.submissionId,
          title: r.bureauName,
          detail: r.resubmitDeadline ? `重报期限 ${r.resubmitDeadline}${r.overdue ? '，已逾期' : ''}` : '未设重报期限',
          alert: r.overdue,
          link: r.link,
        }))}
      />
      <TaskCard
        title="整改待销号"
        count={data.toVerify.count}
        empty="没有待销号的整改事项"
        more={{ to: `/rectifications?year=${year}`, label: '进入整改' }}
        rows={data.toVerify.items.map((i) => ({ key: i.id, title: i.bureauName, detail: i.problem, link: `${i.link}?year=${year}` }))}
      />
      <TaskCard
        title="临近截止未上报"
        count={data.due.count}
        empty="没有临近截止未上报的单位"
        more={{ to: `/reminders?year=${year}`, label: '催报' }}
        rows={data.due.items.map((b) => ({ key: b.bureauId, title: b.name, detail: <><StatusTag status={b.status} /> {daysText(b.daysLeft)}</>, link: `${b.link}?year=${year}` }))}
      />
      <TaskCard
        title="逾期未上报"
        count={data.overdue.count}
        empty="没有逾期未上报的单位"
        more={{ to: `/reminders?year=${year}`, label: '催报' }}
        rows={data.overdue.items.map((b) => ({ key: b.bureauId, title: b.name, detail: <><StatusTag status={b.status} /> {daysText(b.daysLeft)}</>, alert: true, link: `${b.link}?year=${year}` }))}
      />
      <div className="workbench-wide">
        <ChangesCard changes={data.changes} />
      </div>
    </div>
  )
}
