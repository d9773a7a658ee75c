import type { SubmissionListRow, SubmissionStatus } from '@fazhi/shared'

export type ReviewTab = SubmissionStatus | 'all'

/** The queue's tabs: what waits for the office first. */
export const REVIEW_TABS: readonly { key: ReviewTab; label: string }[] = [
  { key: 'submitted', label: '待审核' },
  { key: 'returned', label: '已退回' },
  { key: 'approved', label: '已审核' },
  { key: 'draft', label: '填报中' },
  { key: 'all', label: '全部' },
]

export function reviewCounts(rows: readonly Pick<SubmissionListRow, 'status'>[]): Record<ReviewTab, number> {
  const counts: Record<ReviewTab, number> = { submitted: 0, returned: 0, approved: 0, draft: 0, all: rows.length }
  for (const r of rows) counts[r.status]++
  return counts
}

/** Rows of one tab whose bureau name contains the search text. */
export function filterReviewRows<T extends Pick<SubmissionListRow, 'status' | 'bureauName'>>(rows: readonly T[], tab: ReviewTab, search: string): T[] {
  const q = search.trim()
  return rows.filter((r) => (tab === 'all' || r.status === tab) && (!q || r.bureauName.includes(q)))
}
