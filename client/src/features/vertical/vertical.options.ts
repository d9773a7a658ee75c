import type { ChartOption, LabelParams, TooltipParams } from '../../components/chartOption'
import { COLORS, PALETTE } from '../../lib/colors'
import { formatPercent } from '../../lib/format'
import { tooltipRow, tooltipTitle } from '../../lib/tooltip'
import type { CategoryRef } from '../overview/overview.options'
import type { Vertical, VerticalResponse } from '@fazhi/shared'

/** A row with the bureau's details (status, categories), not only its rank and score. */
export const isWholeRow = (row: VerticalResponse['rows'][number]): row is Vertical['rows'][number] => 'status' in row

const categoryOf = (row: VerticalResponse['rows'][number], code: string) => (isWholeRow(row) ? row.categories[code] : undefined)

/** Category attainment of one bureau type, one bar per region; regions without data (or not to be read) leave a gap. */
export function buildVerticalOption(data: VerticalResponse, categories: readonly CategoryRef[]): ChartOption {
  return {
    legend: { top: 0 },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: TooltipParams) => {
        const items = params as LabelParams[]
        const category = categories[items[0].dataIndex]
        return (
          tooltipTitle(category.name) +
          data.rows
            .map((r, i) => tooltipRow(r.regionName, formatPercent(categoryOf(r, category.code) ?? null), PALETTE[i % PALETTE.length]))
            .join('')
        )
      },
    },
    grid: { top: 40, left: 8, right: 8, bottom: 8 },
    xAxis: { type: 'category', data: categories.map((c) => c.name), axisLabel: { color: COLORS.axisText, hideOverlap: true } },
    yAxis: {
      type: 'value',
      min: 0,
      max: 100,
      axisLabel: { color: COLORS.axisText, formatter: '{value}%' },
      splitLine: { lineStyle: { color: COLORS.gridLine } },
    },
    series: data.rows.map((r, i) => ({
      type: 'bar' as const,
      name: r.regionName,
      barMaxWidth: 18,
      itemStyle: { color: PALETTE[i % PALETTE.length] },
      data: categories.map((c) => {
        const v = categoryOf(r, c.code)
        return v === null || v === undefined ? '-' : Math.round(v * 1000) / 10
      }),
    })),
  }
}
