import { RECTIFICATION_STATUS_LABELS } from './constants'
import { isOverdue } from './deadlines'

/**
 * Where a rectification item stands (整改进度), one stage per item so the counts add up to the total.
 * An item the bureau marked 已完成 waits for the office (待销号) until the office verifies it (已销号);
 * only verified items count as done in 整改完成率. Overdue is "not done and past its deadline": an
 * item marked done and waiting for verification is not overdue.
 */
export const RECTIFICATION_STAGES = ['not_started', 'in_progress', 'overdue', 'pending', 'verified'] as const
export type RectificationStage = (typeof RECTIFICATION_STAGES)[number]

export const RECTIFICATION_STAGE_LABELS: Record<RectificationStage, string> = {
  not_started: RECTIFICATION_STATUS_LABELS.not_started,
  in_progress: RECTIFICATION_STATUS_LABELS.in_progress,
  overdue: RECTIFICATION_STATUS_LABELS.overdue,
  pending: '待销号',
  verified: '已销号',
}

/** What the office's send-back (退回重改) is called on screens and in exports. */
export const RECTIFICATION_RETURNED_LABEL = '退回重改'

export interface RectificationState {
  status: string
  deadline: string
  verifiedAt: string | null
}

/** The office has verified the item (销号): the one meaning of "done" in 整改完成率. */
export const isVerified = (item: Pick<RectificationState, 'status' | 'verifiedAt'>) => item.status === 'done' && item.verifiedAt !== null

/** An item's stage, given whether it is overdue (the API's `overdue`, or `isOverdue` at a moment). */
export function rectificationStage(item: Pick<RectificationState, 'status' | 'verifiedAt'> & { overdue: boolean }): RectificationStage {
  if (item.status === 'done') return item.verifiedAt === null ? 'pending' : 'verified'
  if (item.overdue) return 'overdue'
  return item.status === 'in_progress' ? 'in_progress' : 'not_started'
}

/** An item's stage at `now`. */
export const rectificationStageAt = (item: RectificationState, now: Date) => rectificationStage({ ...item, overdue: isOverdue(item.status, item.deadline, now) })

/** An item's stage as a label; an open item the office sent back says so, with the reason. */
export function rectificationStageText(item: RectificationState & { returnReason: string | null }, now: Date): string {
  const label = RECTIFICATION_STAGE_LABELS[rectificationStageAt(item, now)]
  return item.status !== 'done' && item.returnReason ? `${label}（${RECTIFICATION_RETURNED_LABEL}：${item.returnReason}）` : label
}
