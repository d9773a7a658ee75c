import type { LeaderWorkbench as Leader } from '@fazhi/shared'
import { Link } from 'react-router-dom'
import { GradeTag } from '../../components/GradeTag'
import { Section } from '../../components/Panel'
import { RankChange } from '../../components/RankChange'
import { formatScore } from '../../lib/format'
import { KpiCards } from '../overview/KpiCards'
import { buildKpis } from '../overview/kpis'
import { ChangesCard } from './WorkbenchCards'

/** A leader's 工作台: the overview's headline figures, the top of the ranking, changes. */
export function LeaderWorkbench({ data, compare }: { data: Leader; compare: boolean }) {
  return (
    <>
      <KpiCards kpis={buildKpis(data.kpis, data.kpis.previous)} year={data.year} compare={compare} refreshing={false} />
      <div className="workbench-grid">
        <Section title={`${data.year} 年度排名前 ${data.topRanking.length} 名`} extra={<Link to={`/ranking?year=${data.year}`}>完整排名</Link>}>
          {data.topRanking.length ? (
            <ol className="workbench-tasks workbench-ranking" aria-label="排名">
              {data.topRanking.map((r) => (
                <li key={r.bureauId}>
                  <span className="workbench-rank">{r.rank}</span>
                  <Link to={`/bureaus/${r.bureauId}?year=${data.year}`}>{r.shortName || r.name}</Link>
                  <span className="workbench-rank-score">
                    {formatScore(r.score)} <RankChange rank={r.rank} change={r.rankChange} /> {r.grade && <GradeTag grade={r.grade} />}
                  </span>
                </li>
              ))}
            </ol>
          ) : (
            <div className="workbench-more">本年度尚无单位排名（已上报 {data.kpis.reported} / {data.kpis.expected}）</div>
          )}
        </Section>
        <div className="workbench-wide">
          <ChangesCard changes={data.changes} />
        </div>
      </div>
    </>
  )
}
