import { describe, expect, it } from 'vitest'
import { flaggedRows } from '../../../client/src/features/review/flagged'
import { filterReviewRows, reviewCounts } from '../../../client/src/features/review/review'
import { CATALOG_INDICATORS } from './fixtures'

describe('review queue', () => {
  const rows = [
    { status: 'submitted' as const, bureauName: '示例县科技局' },
    { status: 'submitted' as const, bureauName: '示例县教育局' },
    { status: 'approved' as const, bureauName: '示例县财政局' },
    { status: 'returned' as const, bureauName: '示例县商务局' },
  ]

  it('counts each tab and filters by status and bureau name', () => {
    expect(reviewCounts(rows)).toEqual({ submitted: 2, returned: 1, approved: 1, draft: 0, all: 4 })
    expect(filterReviewRows(rows, 'submitted', '').map((r) => r.bureauName)).toEqual(['示例县科技局', '示例县教育局'])
    expect(filterReviewRows(rows, 'all', '财政').map((r) => r.bureauName)).toEqual(['示例县财政局'])
  })
})

describe('需关注: the flagged values of a report', () => {
  const indicators = CATALOG_INDICATORS
  const value = (indicator: string, v: number, note: string | null) => ({ indicator, value: v, note, source: 'manual' as const, notApplicable: false, updatedAt: '2026-02-10T02:00:00.000Z', updatedBy: null })

  it('one row per flagged indicator in catalog order, with the value, last year, every message and the note', () => {
    const rows = flaggedRows(
      {
        values: [value('oversight.litigation_lost', 96, '  '), value('lead.topic_meetings', 96, '含支部会议'), value('publicity.events', 8, null)],
        previousValues: { 'lead.topic_meetings': 2 },
        flags: [
          { indicator: 'oversight.litigation_lost', kind: 'range', message: '败诉超出', noted: false },
          { indicator: 'lead.topic_meetings', kind: 'range', message: '会议超出', noted: true },
          { indicator: 'lead.topic_meetings', kind: 'yoy', message: '是上年的 48 倍', noted: true },
        ],
      },
      indicators,
    )
    expect(rows).toEqual([
      { code: 'lead.topic_meetings', name: '党组(党委)会议专题研究法治建设次数', value: '96 次', previous: '2 次', messages: ['会议超出', '是上年的 48 倍'], note: '含支部会议', comments: 0 },
      { code: 'oversight.litigation_lost', name: '行政诉讼败诉件数', value: '96 件', previous: '—', messages: ['败诉超出'], note: null, comments: 0 },
    ])
  })

  it('lists the commented values (批注) first, flagged or not, then the flagged ones', () => {
    const rows = flaggedRows(
      {
        values: [value('lead.topic_meetings', 96, null), value('publicity.events', 8, null)],
        previousValues: {},
        flags: [{ indicator: 'lead.topic_meetings', kind: 'range', message: '会议超出', noted: false }],
      },
      indicators,
      new Map([['publicity.events', 2]]),
    )
    expect(rows.map((r) => [r.code, r.comments, r.messages])).toEqual([
      ['publicity.events', 2, []],
      ['lead.topic_meetings', 0, ['会议超出']],
    ])
  })
})
