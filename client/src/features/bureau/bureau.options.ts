import type { BureauOverview } from '@fazhi/shared'
import type { ChartOption, LabelParams, TooltipParams } from '../../components/chartOption'
import { COLORS, PALETTE } from '../../lib/colors'
import { formatPercent, formatScore } from '../../lib/format'
import { tooltipRow, tooltipTitle } from '../../lib/tooltip'

type RankHistory = BureauOverview['rankHistory']
type CategoryAttainment = BureauOverview['categories']

/** Rank over the years, 1st at the top; unranked years leave a gap. */
export function buildRankHistoryOption(history: RankHistory): ChartOption {
  const ranks = history.map((h) => h.rank).filter((r): r is number => r !== null)
  return {
    tooltip: {
      trigger: 'axis',
      formatter: (params: TooltipParams) => {
        const h = history[(params as LabelParams[])[0].dataIndex]
        return (
          tooltipTitle(`${h.year} 年度`) +
          tooltipRow('排名', h.rank === null ? '未排名' : `第 ${h.rank} 名`) +
          tooltipRow('得分', formatScore(h.score))
        )
      },
    },
    grid: { top: 28, left: 8, right: 8, bottom: 8 },
    xAxis: { type: 'category', data: history.map((h) => `${h.year}`), axisLabel: { color: COLORS.axisText }, axisTick: { alignWithLabel: true } },
    yAxis: {
      type: 'value',
      inverse: true,
      min: 1,
      // Room below the lowest rank, on a round number.
      max: Math.ceil((Math.max(0, ...ranks) + 1) / 5) * 5,
      minInterval: 1,
      name: '名次',
      nameLocation: 'start',
      nameTextStyle: { color: COLORS.muted },
      axisLabel: { color: COLORS.axisText },
      splitLine: { lineStyle: { color: COLORS.gridLine } },
    },
    series: [
      {
        type: 'line',
        name: '排名',
        data: history.map((h) => h.rank ?? '-'),
        symbolSize: 8,
        itemStyle: { color: COLORS.primary },
        label: { show: true, position: 'top', formatter: (p: LabelParams) => `第 ${p.value} 名`, color: COLORS.axisText },
      },
    ],
  }
}

/** Categories the bureau is scored on: a category without applicable indicators has no vertex. */
export const radarCategories = (categories: CategoryAttainment) => categories.filter((c) => c.attainment !== null)

/** Category attainment of the bureau against the county average, both in percent. */
export function buildRadarOption(categories: CategoryAttainment, bureauName: string): ChartOption {
  const shown = radarCategories(categories)
  const percent = (v: number | null) => (v === null ? 0 : Math.round(v * 1000) / 10)
  return {
    legend: { bottom: 0, data: [bureauName, '全县平均'] },
    tooltip: {
      trigger: 'item',
      formatter: (params: TooltipParams) => {
        const p = params as LabelParams
        const pick = p.dataIndex === 0 ? (c: CategoryAttainment[number]) => c.attainment : (c: CategoryAttainment[number]) => c.countyAverage
        return tooltipTitle(p.name ?? '') + shown.map((c) => tooltipRow(c.name, formatPercent(pick(c)))).join('')
      },
    },
    radar: {
      center: ['50%', '48%'],
      radius: '68%',
      indicator: shown.map((c) => ({ name: c.name, max: 100, min: 0 })),
      axisName: { color: COLORS.axisText },
      splitLine: { lineStyle: { color: COLORS.gridLine } },
      splitArea: { areaStyle: { color: ['#fff', '#f8fafc'] } },
    },
    series: [
      {
        type: 'radar',
        symbolSize: 5,
        data: [
          {
            name: bureauName,
            value: shown.map((c) => percent(c.attainment)),
            itemStyle: { color: COLORS.primary },
            areaStyle: { color: 'rgba(29, 78, 216, 0.18)' },
          },
          {
            name: '全县平均',
            value: shown.map((c) => percent(c.countyAverage)),
            itemStyle: { color: PALETTE[1] },
            lineStyle: { type: 'dashed' },
          },
        ],
      },
    ],
  }
}
