import { isReported, RECTIFICATION_STAGE_LABELS, type Summary, type SummaryBureau, type TrendYear } from '@fazhi/shared'
import type { ChartOption, LabelParams, TooltipParams } from '../../components/chartOption'
import { ATTAINMENT_BANDS, COLORS, PALETTE, RECTIFICATION_COLORS } from '../../lib/colors'
import { formatNumber, formatPercent, formatScore, truncateLabel, wrapLabel } from '../../lib/format'
import { NOT_APPLICABLE, STATUS_LABELS } from '../../lib/status'
import { tooltipRow, tooltipTitle } from '../../lib/tooltip'

export interface CategoryRef {
  code: string
  name: string
}

const byRankThenCode = (a: SummaryBureau, b: SummaryBureau) =>
  (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER) || a.code.localeCompare(b.code)

const axisLabel = { color: COLORS.axisText }
const splitLine = { lineStyle: { color: COLORS.gridLine } }

// ---------------------------------------------------------------- heat map

/** The heat map's rows, top to bottom: ranked bureaus by rank, then the ones that have not reported. */
export function heatmapRows(summary: Summary): SummaryBureau[] {
  return [...summary.bureaus].sort((a, b) => Number(isReported(b.status)) - Number(isReported(a.status)) || byRankThenCode(a, b))
}

// Cells without an attainment carry a marker value that the colour scale paints grey.
const MISSING_CELL = -1
const NOT_APPLICABLE_CELL = -2

/**
 * Bureaus × categories, coloured by attainment. A bureau that has not reported shows 未填报 and a
 * reported bureau's category without applicable indicators shows 不适用: both grey, never 0.
 */
export function buildHeatmapOption(rows: readonly SummaryBureau[], categories: readonly CategoryRef[]): ChartOption {
  const scored: [number, number, number][] = []
  const missing: [number, number, number][] = []
  const notApplicable: [number, number, number][] = []
  rows.forEach((bureau, y) => {
    categories.forEach((category, x) => {
      const value = bureau.categories[category.code]
      if (!isReported(bureau.status)) missing.push([x, y, MISSING_CELL])
      else if (value === null || value === undefined) notApplicable.push([x, y, NOT_APPLICABLE_CELL])
      else scored.push([x, y, value])
    })
  })

  const cellText = (p: LabelParams) => formatPercent((p.value as number[])[2], 0)
  const tooltip = (p: TooltipParams) => {
    const { value, seriesName } = p as LabelParams
    const [x, y, attainment] = value as number[]
    const text = attainment >= 0 ? formatPercent(attainment) : (seriesName ?? '')
    return tooltipTitle(rows[y].name) + tooltipRow(categories[x].name, text)
  }
  const cells = (name: string, data: [number, number, number][], label: string | ((p: LabelParams) => string), color: string) => ({
    type: 'heatmap' as const,
    name,
    data,
    itemStyle: { borderColor: '#fff', borderWidth: 2 },
    label: { show: true, formatter: label, color, fontSize: 11 },
    emphasis: { itemStyle: { borderColor: COLORS.axisText, borderWidth: 1 } },
  })

  return {
    tooltip: { trigger: 'item', formatter: tooltip },
    grid: { top: 64, left: 8, right: 16, bottom: 8 },
    xAxis: {
      type: 'category',
      position: 'top',
      data: categories.map((c) => c.name),
      axisTick: { show: false },
      axisLine: { show: false },
      // A name longer than a cell is wide runs into its neighbours: at most 4 characters a line.
      axisLabel: { ...axisLabel, interval: 0, fontSize: 12, lineHeight: 14, formatter: (name: string) => wrapLabel(name, 4) },
      splitArea: { show: false },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows.map((b) => b.shortName),
      axisTick: { show: false },
      axisLine: { show: false },
      axisLabel: { ...axisLabel, interval: 0 },
    },
    // One scale for all three series (ECharts requires every heat map series to have one).
    visualMap: {
      type: 'piecewise',
      orient: 'horizontal',
      left: 'center',
      top: 0,
      itemWidth: 14,
      itemHeight: 10,
      textStyle: { color: COLORS.axisText, fontSize: 12 },
      pieces: [
        ...ATTAINMENT_BANDS.map((b) =>
          b.min === b.max ? { value: b.min, label: b.label, color: b.color } : { gte: b.min, lt: b.max, label: b.label, color: b.color },
        ),
        { value: MISSING_CELL, label: STATUS_LABELS.missing, color: COLORS.missingFill },
        { value: NOT_APPLICABLE_CELL, label: NOT_APPLICABLE, color: COLORS.notApplicableFill },
      ],
    },
    series: [
      cells('达成度', scored, cellText, '#262626'),
      cells(STATUS_LABELS.missing, missing, STATUS_LABELS.missing, COLORS.muted),
      cells(NOT_APPLICABLE, notApplicable, NOT_APPLICABLE, COLORS.muted),
    ],
  }
}

// ---------------------------------------------------------------- score ranking bar

/** Ranked bureaus, highest score first (ties keep the official rank order). */
export function scoreRanking(summary: Summary): SummaryBureau[] {
  return summary.bureaus
    .filter((b) => b.rank !== null && b.score !== null)
    .sort((a, b) => b.score! - a.score! || byRankThenCode(a, b))
}

export function buildScoreBarOption(rows: readonly SummaryBureau[], averageScore: number | null): ChartOption {
  return {
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: TooltipParams) => {
        const p = (params as LabelParams[])[0]
        const b = rows[p.dataIndex]
        return (
          tooltipTitle(b.name) +
          tooltipRow('得分', formatScore(b.score)) +
          tooltipRow('排名', `第 ${b.rank} 名`) +
          (averageScore === null ? '' : tooltipRow('全县平均', formatScore(averageScore)))
        )
      },
    },
    grid: { top: 8, left: 8, right: 48, bottom: 8 },
    xAxis: { type: 'value', min: 0, max: 100, axisLabel, splitLine },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows.map((b) => b.shortName),
      axisTick: { show: false },
      axisLabel: { ...axisLabel, interval: 0 },
    },
    series: [
      {
        type: 'bar',
        name: '得分',
        data: rows.map((b) => ({
          value: b.score!,
          itemStyle: { color: averageScore !== null && b.score! < averageScore ? '#93b4f5' : COLORS.primary },
        })),
        barMaxWidth: 16,
        label: { show: true, position: 'right', formatter: (p: LabelParams) => formatScore(p.value as number), color: COLORS.axisText },
      },
    ],
  }
}

// ---------------------------------------------------------------- rectification

const RECTIFICATION_SERIES = [
  { key: 'notStarted', name: RECTIFICATION_STAGE_LABELS.not_started },
  { key: 'inProgress', name: RECTIFICATION_STAGE_LABELS.in_progress },
  { key: 'pending', name: RECTIFICATION_STAGE_LABELS.pending },
  { key: 'done', name: RECTIFICATION_STAGE_LABELS.verified },
  { key: 'overdue', name: RECTIFICATION_STAGE_LABELS.overdue },
] as const

/** Bureaus with rectification items, the most overdue first. */
export function rectificationRows(summary: Summary): SummaryBureau[] {
  return summary.bureaus
    .filter((b) => b.rectification.total > 0)
    .sort(
      (a, b) =>
        b.rectification.overdue - a.rectification.overdue ||
        b.rectification.total - a.rectification.total ||
        a.code.localeCompare(b.code),
    )
}

/** One stacked bar per bureau; the API's four counts are disjoint, so they add up to the total. */
export function buildRectificationOption(rows: readonly SummaryBureau[]): ChartOption {
  return {
    legend: { top: 0, itemWidth: 12, itemHeight: 12 },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: TooltipParams) => {
        const b = rows[(params as LabelParams[])[0].dataIndex]
        const r = b.rectification
        return (
          tooltipTitle(b.name) +
          RECTIFICATION_SERIES.map((s) => tooltipRow(s.name, `${r[s.key]} 项`, RECTIFICATION_COLORS[s.key])).join('') +
          tooltipRow('合计', `${r.total} 项`) +
          tooltipRow('完成率', formatPercent(r.completionRate))
        )
      },
    },
    grid: { top: 40, left: 8, right: 8, bottom: 8 },
    xAxis: {
      type: 'category',
      data: rows.map((b) => b.shortName),
      axisTick: { show: false },
      axisLabel: { ...axisLabel, interval: 0, rotate: 40, formatter: (v: string) => truncateLabel(v, 6) },
    },
    yAxis: { type: 'value', minInterval: 1, name: '事项数', nameTextStyle: { color: COLORS.muted }, axisLabel, splitLine },
    series: RECTIFICATION_SERIES.map((s) => ({
      type: 'bar' as const,
      name: s.name,
      stack: 'items',
      barMaxWidth: 22,
      itemStyle: { color: RECTIFICATION_COLORS[s.key] },
      emphasis: { focus: 'series' as const },
      data: rows.map((b) => b.rectification[s.key]),
    })),
  }
}

// ---------------------------------------------------------------- trends

const percentOrGap = (ratio: number | null | undefined) => (ratio === null || ratio === undefined ? '-' : Math.round(ratio * 1000) / 10)

/** 上报率, 按时上报率 and 整改完成率 on a percent axis; 平均得分 on its own axis. */
export function buildReportingTrendOption(years: readonly TrendYear[]): ChartOption {
  const rate = (name: string, pick: (y: TrendYear) => number | null, color: string) => ({
    type: 'line' as const,
    name,
    yAxisIndex: 0,
    data: years.map((y) => percentOrGap(pick(y))),
    itemStyle: { color },
    symbolSize: 7,
  })
  return {
    legend: { top: 0 },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v) => (typeof v === 'number' ? formatNumber(v, 2) : '—'),
    },
    grid: { top: 44, left: 8, right: 8, bottom: 8 },
    xAxis: { type: 'category', data: years.map((y) => `${y.year}`), axisLabel, axisTick: { alignWithLabel: true } },
    yAxis: [
      { type: 'value', name: '比率（%）', min: 0, max: 100, axisLabel, splitLine, nameTextStyle: { color: COLORS.muted } },
      { type: 'value', name: '平均得分', min: 0, max: 100, axisLabel, splitLine: { show: false }, nameTextStyle: { color: COLORS.muted } },
    ],
    series: [
      rate('上报率', (y) => y.reportingRate, COLORS.primary),
      rate('按时上报率', (y) => y.onTimeRate, PALETTE[3]),
      rate('整改完成率', (y) => y.rectificationCompletionRate, PALETTE[4]),
      {
        type: 'bar',
        name: '平均得分',
        yAxisIndex: 1,
        barMaxWidth: 28,
        z: 1,
        itemStyle: { color: '#dbe5fb' },
        // Labels at the foot of the bars stay clear of the rate lines above.
        label: { show: true, position: 'insideBottom', color: COLORS.primary, formatter: (p: LabelParams) => formatScore(p.value as number) },
        data: years.map((y) => y.averageScore ?? '-'),
      },
    ],
  }
}

/** The county's average attainment per category, one line each. */
export function buildCategoryTrendOption(years: readonly TrendYear[], categories: readonly CategoryRef[]): ChartOption {
  const values = years.flatMap((y) => categories.map((c) => y.categories[c.code])).filter((v): v is number => typeof v === 'number')
  // Start the axis just below the lowest value: the differences between categories are what matters.
  const floor = values.length ? Math.max(0, Math.floor(Math.min(...values) * 10) * 10 - 10) : 0
  return {
    legend: { top: 0, itemWidth: 14, itemHeight: 8 },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v) => (typeof v === 'number' ? `${v.toFixed(1)}%` : '—'),
    },
    grid: { top: 56, left: 8, right: 16, bottom: 8 },
    xAxis: { type: 'category', data: years.map((y) => `${y.year}`), axisLabel, boundaryGap: false },
    yAxis: { type: 'value', min: floor, max: 100, axisLabel: { ...axisLabel, formatter: '{value}%' }, splitLine },
    series: categories.map((c, i) => ({
      type: 'line' as const,
      name: c.name,
      data: years.map((y) => percentOrGap(y.categories[c.code])),
      itemStyle: { color: PALETTE[i % PALETTE.length] },
      symbolSize: 6,
      emphasis: { focus: 'series' as const },
    })),
  }
}
