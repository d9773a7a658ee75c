import type { SummaryTotals } from '@fazhi/shared'
import { formatNumber, formatPercent, formatPointChange, formatScore, trendOf, type Trend } from '../../lib/format'

export interface KpiChange {
  trend: Trend
  /** Unsigned size of the change: 17.9 个百分点, 0.20 分, 3 项. */
  text: string
  /** Whether the change is an improvement (colours it green) or a deterioration (red). */
  better: boolean
}

export interface Kpi {
  key: 'reportingRate' | 'onTimeRate' | 'averageScore' | 'rectificationRate' | 'overdueItems'
  title: string
  value: string
  detail: string
  /** null without last year's figure to compare with. */
  change: KpiChange | null
}

function change(current: number | null, previous: number | null | undefined, higherIsBetter: boolean, text: (c: number, p: number) => string): KpiChange | null {
  if (current === null || previous === null || previous === undefined) return null
  const trend = trendOf(current - previous)
  return { trend, text: text(current, previous), better: trend === 'flat' || (trend === 'up') === higherIsBetter }
}

/** The five headline figures of a year, each compared with the year before. */
export function buildKpis(summary: SummaryTotals, previous: SummaryTotals | null | undefined): Kpi[] {
  const r = summary.rectification
  const points = formatPointChange
  return [
    {
      key: 'reportingRate',
      title: '上报率',
      value: formatPercent(summary.reportingRate),
      detail: `已上报 ${summary.reported} / ${summary.expected} 个单位`,
      change: change(summary.reportingRate, previous?.reportingRate, true, points),
    },
    {
      key: 'onTimeRate',
      title: '按时上报率',
      value: formatPercent(summary.onTimeRate),
      detail: `按时上报 ${summary.onTime} 个单位`,
      change: change(summary.onTimeRate, previous?.onTimeRate, true, points),
    },
    {
      key: 'averageScore',
      title: '平均得分',
      value: formatScore(summary.averageScore),
      detail: '已上报单位平均分（满分 100）',
      change: change(summary.averageScore, previous?.averageScore, true, (c, p) => `${Math.abs(c - p).toFixed(2)} 分`),
    },
    {
      key: 'rectificationRate',
      title: '整改完成率',
      value: formatPercent(r.completionRate),
      detail: r.total ? `已销号 ${r.done} / ${r.total} 项${r.pending ? `，待销号 ${r.pending} 项` : ''}` : '本年度无整改事项',
      change: change(r.completionRate, previous?.rectification.completionRate, true, points),
    },
    {
      key: 'overdueItems',
      title: '逾期整改事项',
      value: `${formatNumber(r.overdue)} 项`,
      detail: r.total ? `占整改事项 ${formatPercent(r.overdue / r.total)}` : '本年度无整改事项',
      change: change(r.overdue, previous?.rectification.overdue, false, (c, p) => `${formatNumber(Math.abs(c - p))} 项`),
    },
  ]
}
