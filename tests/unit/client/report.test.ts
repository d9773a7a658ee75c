import type { Summary } from '@fazhi/shared'
import { describe, expect, it } from 'vitest'
import {
  chaseSummary,
  heatmapHeight,
  mainRegionName,
  reportingRows,
  reportTitle,
  scoreChartHeight,
} from '../../../client/src/features/report/reportData'
import { chaseList } from '../../../server/src/features/reminders/list'
import { bureau, sampleSummary, summary, unreported } from './fixtures'

/** The reporting table's rows with the server's 催报 list of the same summary. */
const reportingRowsOf = (s: Summary) => reportingRows(s, chaseList(s.bureaus))

describe('print view title', () => {
  it('names the region most bureaus belong to', () => {
    const bureaus = [
      { regionName: '示例县', active: true },
      { regionName: '示例县', active: true },
      { regionName: '邻县', active: true },
      { regionName: '邻县', active: false },
      { regionName: '邻县', active: false },
    ]
    expect(mainRegionName(bureaus)).toBe('示例县')
    expect(mainRegionName([])).toBeNull()
    expect(reportTitle('示例县', 2025)).toBe('示例县2025年度法治政府建设情况')
    expect(reportTitle(null, 2025)).toBe('2025年度法治政府建设情况')
  })
})

describe('reporting table', () => {
  it('lists the bureaus to chase first, longest overdue first, then the rest by first submission time', () => {
    const rows = reportingRowsOf(
      summary([
        bureau({ bureauId: 1, code: 'a', firstSubmittedAt: '2026-02-20T02:00:00.000Z' }),
        bureau({ bureauId: 2, code: 'b', firstSubmittedAt: '2026-02-05T02:00:00.000Z' }),
        bureau({ bureauId: 3, code: 'c', onTime: false, daysOverdue: 5, firstSubmittedAt: '2026-03-06T02:00:00.000Z' }),
        unreported(4, 'd'),
        { ...unreported(5, 'e', 'returned'), daysOverdue: 0 },
        // In on time, but a return was answered after its deadline: late, with no days past the due date.
        bureau({ bureauId: 6, code: 'f', onTime: false, daysOverdue: 0, firstSubmittedAt: '2026-02-01T02:00:00.000Z' }),
      ]),
    )
    expect(rows.map((r) => [r.bureauId, r.chase, r.timing])).toEqual([
      [4, 'missing', '已逾期 30 天'],
      [3, 'late', '逾期 5 天上报'],
      [5, 'returned', '已退回，待重报'],
      [6, 'late', '退回后逾期重报'],
      [2, null, '按时上报'],
      [1, null, '按时上报'],
    ])
  })

  it('sums the chase list up by reason', () => {
    expect(chaseSummary(reportingRowsOf(sampleSummary()))).toBe('未填报 1 个、草稿未上报 1 个、逾期上报 1 个')
    expect(chaseSummary(reportingRowsOf(summary([bureau({ bureauId: 1, code: 'a' })])))).toBe('')
  })
})

describe('chart sizes for an A4 landscape page', () => {
  it('keeps the score chart on the first page while its bars stay readable', () => {
    expect(scoreChartHeight(3)).toBe(8 * 17 + 24)
    expect(scoreChartHeight(23)).toBe(400)
    expect(scoreChartHeight(40)).toBe(640)
  })

  it('fits the heat map on one page', () => {
    expect(heatmapHeight(28)).toBe(28 * 21 + 64)
    expect(heatmapHeight(60)).toBe(660)
  })
})
