import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons'
import { Skeleton } from 'antd'
import { StatCard } from '../../components/StatCard'
import { COLORS } from '../../lib/colors'
import type { Kpi, KpiChange } from './kpis'

function Change({ change, previousYear }: { change: KpiChange | null; previousYear: number }) {
  if (!change) return <div className="stat-change stat-change-none">无上年数据可比</div>
  if (change.trend === 'flat') return <div className="stat-change stat-change-none">与 {previousYear} 年度持平</div>
  const up = change.trend === 'up'
  return (
    <div className="stat-change" style={{ color: change.better ? COLORS.good : COLORS.bad }}>
      {up ? <ArrowUpOutlined /> : <ArrowDownOutlined />} 较 {previousYear} 年度{up ? '上升' : '下降'} {change.text}
    </div>
  )
}

interface KpiCardsProps {
  kpis: Kpi[] | null
  /** The year the figures belong to. */
  year: number
  /** Off while a year is still open: its figures are not final, a change would mislead. */
  compare: boolean
  /** Another year's figures are on screen while the picked one loads. */
  refreshing: boolean
}

export function KpiCards({ kpis, year, compare, refreshing }: KpiCardsProps) {
  return (
    <div className={refreshing ? 'stat-grid panel-refreshing' : 'stat-grid'}>
      {kpis
        ? kpis.map((kpi) => (
            <StatCard
              key={kpi.key}
              name={kpi.key}
              title={kpi.title}
              value={kpi.value}
              detail={kpi.detail}
              footer={compare ? <Change change={kpi.change} previousYear={year - 1} /> : <div className="stat-change stat-change-none">填报进行中</div>}
            />
          ))
        : Array.from({ length: 5 }, (_, i) => (
            <div key={i} className="stat-card">
              <Skeleton active paragraph={{ rows: 2 }} title={false} />
            </div>
          ))}
    </div>
  )
}
