import type { BureauWorkbench as Bureau } from '@fazhi/shared'
import { GradeTag } from '../../components/GradeTag'
import { Section } from '../../components/Panel'
import { RankChange } from '../../components/RankChange'
import { StatusTag } from '../../components/StatusTag'
import { formatScore } from '../../lib/format'
import { ChangesCard, daysText, DeadlineCard, TaskCard, type TaskRow } from './WorkbenchCards'

/** The bureau's rank and score at a glance: the ranking page's figures for it. */
function StandingCard({ standing, year }: { standing: Bureau['standing']; year: number }) {
  return (
    <Section title={`${year} 年度得分与排名`}>
      <div className="workbench-standing" data-testid="workbench-standing">
        <div>
          <div className="stat-title">得分</div>
          <div className="stat-value">{formatScore(standing.score)}</div>
        </div>
        <div>
          <div className="stat-title">排名</div>
          <div className="stat-value">{standing.rank === null ? '未排名' : `${standing.rank} / ${standing.ranked}`}</div>
          {standing.rank !== null && <RankChange rank={standing.rank} change={standing.rankChange} />}
        </div>
        {standing.grade && (
          <div>
            <div className="stat-title">等次</div>
            <GradeTag grade={standing.grade} />
          </div>
        )}
      </div>
    </Section>
  )
}

/** A bureau's 工作台: its own tasks (fill, answer, resubmit, rectification), its standing, changes. */
export function BureauWorkbench({ data }: { data: Bureau }) {
  const tasks: TaskRow[] = []
  if (data.fill)
    tasks.push({
      key: 'fill',
      title: `填报 ${data.year} 年度报告`,
      detail: <><StatusTag status={data.fill.status} /> 截止 {data.fill.dueDate}，{daysText(data.fill.daysLeft)}</>,
      alert: data.fill.daysLeft < 0,
      link: data.fill.link,
    })
  if (data.resubmit)
    tasks.push({
      key: 'resubmit',
      title: '修改后重新上报',
      detail: data.resubmit.resubmitDeadline ? `重报期限 ${data.resubmit.resubmitDeadline}${data.resubmit.overdue ? '，已逾期' : ''}` : '报告已被退回',
      alert: data.resubmit.overdue,
      link: data.resubmit.link,
    })
  if (data.answer) tasks.push({ key: 'answer', title: '回复依法治县办的批注', detail: `${data.answer.count} 条批注待回复`, link: data.answer.link })
  return (
    <div className="workbench-grid">
      <DeadlineCard deadline={data.nextDeadline} />
      <TaskCard title="本单位待办" count={tasks.length} empty="没有待办的填报事项" rows={tasks} />
      <StandingCard standing={data.standing} year={data.year} />
      <TaskCard
        title="整改事项待完成"
        count={data.rectifications.count}
        empty="没有待完成的整改事项"
        more={{ to: `/rectifications?year=${data.year}`, label: '进入整改' }}
        rows={data.rectifications.items.map((i) => ({
          key: i.id,
          title: i.problem,
          detail: `整改期限 ${i.deadline}${i.overdue ? '，已逾期' : ''}`,
          alert: i.overdue,
          link: `${i.link}?year=${data.year}`,
        }))}
      />
      <div className="workbench-wide">
        <ChangesCard changes={data.changes} />
      </div>
    </div>
  )
}
