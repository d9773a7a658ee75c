import { CHASE_REASON_CODES, type ChaseReason } from '@fazhi/shared'

export type { ChaseReason, ChaseRow } from '@fazhi/shared'

/** How each reason of the server's 催报 list (GET /api/reminders) is shown. */
export const CHASE_REASONS: Record<ChaseReason, { label: string; color: string }> = {
  missing: { label: '未填报', color: 'red' },
  returned: { label: '退回待重报', color: 'volcano' },
  draft: { label: '草稿未上报', color: 'orange' },
  late: { label: '逾期上报', color: 'gold' },
}

/** Reasons in the server's order: the furthest from a report first. */
export const compareChaseReasons = (a: ChaseReason, b: ChaseReason) => CHASE_REASON_CODES.indexOf(a) - CHASE_REASON_CODES.indexOf(b)
