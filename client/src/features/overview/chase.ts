import { isReported, type Summary, type SummaryStatus } from '@fazhi/shared'

/** Why a bureau is on the 催报 list. */
export type ChaseReason = 'missing' | 'draft' | 'returned' | 'late'

export const CHASE_REASONS: Record<ChaseReason, { label: string; color: string; order: number }> = {
  missing: { label: '未填报', color: 'red', order: 0 },
  returned: { label: '退回待重报', color: 'volcano', order: 1 },
  draft: { label: '草稿未上报', color: 'orange', order: 2 },
  late: { label: '逾期上报', color: 'gold', order: 3 },
}

export interface ChaseRow {
  bureauId: number
  name: string
  status: SummaryStatus
  reason: ChaseReason
  daysOverdue: number
  submittedAt: string | null
}

/** Bureaus that have not reported (missing, draft, returned) or reported after the due date, longest overdue first. */
export function chaseList(summary: Summary): ChaseRow[] {
  const rows: ChaseRow[] = []
  for (const b of summary.bureaus) {
    const reported = isReported(b.status)
    if (reported && b.onTime !== false) continue
    rows.push({
      bureauId: b.bureauId,
      name: b.name,
      status: b.status,
      reason: reported ? 'late' : (b.status as Exclude<ChaseReason, 'late'>),
      daysOverdue: b.daysOverdue,
      submittedAt: b.submittedAt,
    })
  }
  return rows.sort(
    (a, b) =>
      b.daysOverdue - a.daysOverdue || CHASE_REASONS[a.reason].order - CHASE_REASONS[b.reason].order || a.name.localeCompare(b.name, 'zh-CN'),
  )
}
