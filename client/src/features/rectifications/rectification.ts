import {
  defaultRectificationDeadline,
  RECTIFICATION_STAGE_LABELS,
  RECTIFICATION_STAGES,
  rectificationStage,
  type RectificationItem,
  type RectificationStage,
  type RectificationStatus,
} from '@fazhi/shared'
import type { RectificationInput } from './queries'

// Rectification items on the page: filters, counts and the drawer form's mapping. Pure.

export type RectificationTab = RectificationStage | 'all'

/** 合计, then each stage; 待销号 is the office's to-do list. */
export const RECTIFICATION_TABS: readonly { key: RectificationTab; label: string }[] = [
  { key: 'all', label: '全部' },
  ...RECTIFICATION_STAGES.map((key) => ({ key, label: RECTIFICATION_STAGE_LABELS[key] })),
]

export const RECTIFICATION_STAGE_COLORS: Record<RectificationStage, string> = {
  not_started: 'default',
  in_progress: 'processing',
  overdue: 'error',
  pending: 'warning',
  verified: 'success',
}

export const RECTIFICATION_STATUS_COLORS: Record<RectificationStatus, string> = {
  not_started: 'default',
  in_progress: 'processing',
  done: 'success',
}

type Countable = Pick<RectificationItem, 'status' | 'overdue' | 'verifiedAt'>

/** Items per tab: each item in exactly one stage. */
export function rectificationCounts(items: readonly Countable[]): Record<RectificationTab, number> {
  const counts: Record<RectificationTab, number> = { all: items.length, not_started: 0, in_progress: 0, overdue: 0, pending: 0, verified: 0 }
  for (const i of items) counts[rectificationStage(i)]++
  return counts
}

export interface RectificationFilter {
  tab: RectificationTab
  bureauId: number | null
  repeatedOnly: boolean
  search: string
}

export function filterRectifications<T extends Countable & Pick<RectificationItem, 'bureauId' | 'repeated' | 'problem' | 'measure' | 'owner'>>(
  items: readonly T[],
  f: RectificationFilter,
): T[] {
  const q = f.search.trim()
  return items.filter(
    (i) =>
      (f.tab === 'all' || rectificationStage(i) === f.tab) &&
      (f.bureauId === null || i.bureauId === f.bureauId) &&
      (!f.repeatedOnly || i.repeated) &&
      (!q || i.problem.includes(q) || i.measure.includes(q) || i.owner.includes(q)),
  )
}

/** The drawer's fields; dates as YYYY-MM-DD text, so the mapping stays free of date libraries. */
export interface RectificationFormValues {
  problem: string
  measure: string
  owner: string
  deadline: string
  status: RectificationStatus
  completedAt: string | null
  evidence: string
}

export function formValuesOfItem(item: RectificationItem | null, year: number): RectificationFormValues {
  return item
    ? {
        problem: item.problem,
        measure: item.measure,
        owner: item.owner,
        deadline: item.deadline,
        status: item.status,
        completedAt: item.completedAt,
        evidence: item.evidence ?? '',
      }
    : { problem: '', measure: '', owner: '', deadline: defaultRectificationDeadline(year), status: 'not_started', completedAt: null, evidence: '' }
}

/**
 * The API body for the form. A completion date goes only with 已完成 (the server requires it then
 * and refuses it otherwise); text is trimmed; an item keeps the report year it came from.
 */
export function inputOfForm(v: RectificationFormValues, sourceYear: number | null = null): RectificationInput {
  return {
    problem: v.problem.trim(),
    measure: v.measure.trim(),
    owner: v.owner.trim(),
    deadline: v.deadline,
    status: v.status,
    completedAt: v.status === 'done' ? v.completedAt : null,
    evidence: v.evidence.trim() || null,
    sourceYear,
  }
}

/** Why the completion date does not fit the status, or null (the server's rule, said before it refuses). */
export function completionProblem(status: RectificationStatus, completedAt: string | null): string | null {
  if (status === 'done' && !completedAt) return '状态为“已完成”时须填写完成日期'
  return null
}

/** 已完成 needs evidence for the office to verify (the server's rule, said before it refuses). */
export function evidenceProblem(status: RectificationStatus, evidence: string | null | undefined): string | null {
  if (status === 'done' && !evidence?.trim()) return '标记为“已完成”须填写整改佐证，供依法治县办核验销号'
  return null
}
