import { CATEGORIES } from '@fazhi/shared'
import { describe, expect, it } from 'vitest'
import type { LabelParams } from '../../../client/src/components/chartOption'
import {
  buildCategoryTrendOption,
  buildHeatmapOption,
  buildRectificationOption,
  buildReportingTrendOption,
  buildScoreBarOption,
  heatmapRows,
  rectificationRows,
  scoreRanking,
} from '../../../client/src/features/overview/overview.options'
import { NOT_APPLICABLE, STATUS_LABELS } from '../../../client/src/lib/status'
import { bureau, sampleSummary, summary } from './fixtures'

const MISSING_LABEL = STATUS_LABELS.missing

type Cell = [number, number, number]
type AnySeries = { name?: string; type?: string; stack?: string; data?: unknown[]; label?: { formatter?: unknown } }
const seriesOf = (option: { series?: unknown }) => option.series as AnySeries[]
const byName = (option: { series?: unknown }, name: string) => seriesOf(option).find((s) => s.name === name)!

describe('attainment heat map', () => {
  const data = sampleSummary()
  const rows = heatmapRows(data)
  const option = buildHeatmapOption(rows, data.categories)

  it('has exactly one cell for every bureau × category', () => {
    const cells = seriesOf(option).flatMap((s) => (s.data as Cell[]).map(([x, y]) => `${x},${y}`))
    expect(cells).toHaveLength(data.bureaus.length * CATEGORIES.length)
    expect(new Set(cells).size).toBe(cells.length)
  })

  it('lists ranked bureaus by rank, then those that have not reported', () => {
    expect(rows.map((b) => b.code)).toEqual(['b', 'd', 'a', 'c', 'e'])
    expect((option.yAxis as { data: string[] }).data).toEqual(['b局', 'd局', 'a局', 'c局', 'e局'])
  })

  it('shows bureaus without a submitted report as 未填报 in grey, never as 0', () => {
    const scored = byName(option, '达成度').data as Cell[]
    const missing = byName(option, MISSING_LABEL)
    const missingRows = new Set((missing.data as Cell[]).map(([, y]) => rows[y].code))
    expect(missingRows).toEqual(new Set(['c', 'e']))
    expect(missing.label?.formatter).toBe('未填报')
    // The draft's own figures (0.5) must not be coloured as if reported.
    expect(scored.some(([, y]) => ['c', 'e'].includes(rows[y].code))).toBe(false)
    // The colour scale paints those cells in the grey 未填报 piece, whatever the attainment bands say.
    const pieces = (option.visualMap as { pieces: { value?: number; label: string; gte?: number }[] }).pieces
    const values = new Set((missing.data as Cell[]).map(([, , v]) => v))
    expect(values.size).toBe(1)
    const [value] = values
    expect(pieces.find((p) => p.value === value)?.label).toBe('未填报')
    expect(pieces.some((p) => p.gte !== undefined && value >= p.gte)).toBe(false)
  })

  it('marks a reported bureau’s category without applicable indicators as 不适用', () => {
    const na = (byName(option, NOT_APPLICABLE).data as Cell[]).map(([x, y]) => [x, y])
    expect(na).toEqual([[CATEGORIES.findIndex((c) => c.code === 'enforcement'), rows.findIndex((b) => b.code === 'b')]])
  })

  it('keeps attainment as a 0..1 value and labels it as a percentage', () => {
    const cell = (byName(option, '达成度').data as Cell[])[0]
    expect(cell[2]).toBeGreaterThanOrEqual(0)
    expect(cell[2]).toBeLessThanOrEqual(1)
    const formatter = byName(option, '达成度').label!.formatter as (p: LabelParams) => string
    expect(formatter({ value: [0, 0, 0.8214] } as LabelParams)).toBe('82%')
  })

  it('says 未填报 in the tooltip and escapes bureau names', () => {
    const evil = summary([bureau({ bureauId: 9, code: 'x', name: '<img src=x onerror=alert(1)>', status: 'missing', rank: null })])
    const evilRows = heatmapRows(evil)
    const tooltip = (buildHeatmapOption(evilRows, evil.categories).tooltip as { formatter: (p: unknown) => string }).formatter
    const missingCell = (byName(buildHeatmapOption(evilRows, evil.categories), MISSING_LABEL).data as Cell[])[0]
    const html = tooltip({ value: missingCell, seriesName: MISSING_LABEL })
    expect(html).toContain('未填报')
    expect(html).toContain('&lt;img')
    expect(html).not.toContain('<img')
  })
})

describe('score ranking bar', () => {
  it('holds ranked bureaus only, highest score first', () => {
    const ranked = scoreRanking(sampleSummary())
    const option = buildScoreBarOption(ranked, 85.48)
    const values = (seriesOf(option)[0].data as { value: number }[]).map((d) => d.value)
    expect(values).toEqual([95.44, 88.1, 70.04])
    expect((option.yAxis as { data: string[] }).data).toEqual(['b局', 'd局', 'a局'])
  })
})

describe('rectification stacked bar', () => {
  const data = summary([
    bureau({ bureauId: 1, code: 'a', rectification: { total: 3, notStarted: 0, inProgress: 0, pending: 1, done: 2, overdue: 0, completionRate: 0.6667 } }),
    bureau({ bureauId: 2, code: 'b', rectification: { total: 4, notStarted: 1, inProgress: 1, pending: 0, done: 0, overdue: 2, completionRate: 0 } }),
    bureau({ bureauId: 3, code: 'c' }),
  ])
  const rows = rectificationRows(data)
  const option = buildRectificationOption(rows)

  it('has the five disjoint stages as one stack (待销号 apart from 已销号)', () => {
    const series = seriesOf(option)
    expect(series.map((s) => s.name)).toEqual(['未启动', '整改中', '待销号', '已销号', '逾期'])
    expect(new Set(series.map((s) => s.stack)).size).toBe(1)
  })

  it('shows bureaus with items, the most overdue first, and stacks up to each total', () => {
    expect(rows.map((b) => b.code)).toEqual(['b', 'a'])
    const totals = rows.map((_, i) => seriesOf(option).reduce((sum, s) => sum + (s.data as number[])[i], 0))
    expect(totals).toEqual([4, 3])
  })
})

describe('trend lines', () => {
  const years = [
    { year: 2021, expected: 28, reported: 28, reportingRate: 1, onTimeRate: 0.8571, averageScore: 81.56, rectificationCompletionRate: null, categories: { lead: 0.7997, study: null } },
    { year: 2022, expected: 28, reported: 23, reportingRate: 0.8214, onTimeRate: 0.7143, averageScore: 85.48, rectificationCompletionRate: 0.6667, categories: { lead: 0.8463, study: 0.8 } },
  ]

  it('plots rates in percent and leaves a gap where a year has no figure', () => {
    const option = buildReportingTrendOption(years)
    expect(byName(option, '上报率').data).toEqual([100, 82.1])
    expect(byName(option, '整改完成率').data).toEqual(['-', 66.7])
    expect(byName(option, '平均得分').data).toEqual([81.56, 85.48])
  })

  it('draws one line per category', () => {
    const option = buildCategoryTrendOption(years, CATEGORIES)
    expect(seriesOf(option).map((s) => s.name)).toEqual(CATEGORIES.map((c) => c.name))
    expect(byName(option, '学法用法').data).toEqual(['-', 80])
  })
})
