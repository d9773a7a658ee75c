import { describe, expect, it } from 'vitest'
import { filterReviewRows, reviewCounts } from '../../../client/src/features/review/review'

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
