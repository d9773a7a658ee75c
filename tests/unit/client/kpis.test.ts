import type { Summary } from '@fazhi/shared'
import { describe, expect, it } from 'vitest'
import { buildKpis } from '../../../client/src/features/overview/kpis'
import { summary } from './fixtures'

describe('headline figures', () => {
  const current = summary([], {
    reportingRate: 0.8214,
    onTimeRate: 0.7143,
    averageScore: 85.48,
    reported: 23,
    expected: 28,
    rectification: { total: 39, notStarted: 0, inProgress: 0, pending: 0, done: 26, overdue: 13, completionRate: 0.6667 },
  })
  const previous = summary([], {
    reportingRate: 1,
    onTimeRate: 0.9286,
    averageScore: 85.28,
    rectification: { total: 40, notStarted: 0, inProgress: 2, pending: 0, done: 30, overdue: 8, completionRate: 0.75 },
  })
  const kpi = (key: string, prev: Summary | null = previous) => buildKpis(current, prev).find((k) => k.key === key)!

  it('shows rates as percentages with one decimal', () => {
    expect(kpi('reportingRate').value).toBe('82.1%')
    expect(kpi('reportingRate').detail).toBe('已上报 23 / 28 个单位')
    expect(kpi('rectificationRate').value).toBe('66.7%')
  })

  it('compares rates with last year in percentage points', () => {
    expect(kpi('reportingRate').change).toEqual({ trend: 'down', text: '17.9 个百分点', better: false })
    expect(kpi('averageScore').change).toEqual({ trend: 'up', text: '0.20 分', better: true })
  })

  it('counts more overdue items as a deterioration', () => {
    expect(kpi('overdueItems').value).toBe('13 项')
    expect(kpi('overdueItems').change).toEqual({ trend: 'up', text: '5 项', better: false })
  })

  it('has no comparison without last year', () => {
    expect(kpi('reportingRate', null).change).toBeNull()
  })
})
