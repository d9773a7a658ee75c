import { endOfDueDate, type RectificationState, rectificationStageAt, type RectificationSummary, round } from '@fazhi/shared'

/**
 * The span of time in which a figure that depends on "now" stays the same: it holds for
 * `from < now ≤ until` (ms). Every such figure in the dashboard flips when now passes the end of a
 * day (China time): an item's deadline, a cycle's due date, each further day a report is late.
 */
export interface TimeWindow {
  from: number
  until: number
}

export const always = (): TimeWindow => ({ from: -Infinity, until: Infinity })
export const holds = (w: TimeWindow, now: number) => w.from < now && now <= w.until

/** Narrows `w` by a figure that changes once now > `threshold`. */
export function narrowAt(w: TimeWindow, threshold: number, now: number): void {
  if (threshold < now) w.from = Math.max(w.from, threshold)
  else w.until = Math.min(w.until, threshold)
}

export function intersect(w: TimeWindow, other: TimeWindow): void {
  w.from = Math.max(w.from, other.from)
  w.until = Math.min(w.until, other.until)
}

const DAY_MS = 86_400_000

/** Narrows `w` by `daysOverdue(dueDate, now)`, which steps up by one at the end of every day past the due date. */
export function narrowByDaysLate(w: TimeWindow, dueDate: string, now: number): void {
  const due = endOfDueDate(dueDate).getTime()
  if (now <= due) return narrowAt(w, due, now)
  const days = Math.ceil((now - due) / DAY_MS)
  intersect(w, { from: due + (days - 1) * DAY_MS, until: due + days * DAY_MS })
}

export type RectificationInput = RectificationState

/**
 * 整改 counts of one bureau-year at `now`, and the window in which they hold (the open items'
 * deadlines). Only verified items (已销号) are done; items waiting for verification are `pending`.
 */
export function summariseRectification(items: readonly RectificationInput[], now: Date): RectificationSummary & { window: TimeWindow } {
  const s = { total: items.length, notStarted: 0, inProgress: 0, pending: 0, done: 0, overdue: 0 }
  const window = always()
  // The stages are disjoint so they stack: overdue items are not also counted as not started / in progress.
  for (const it of items) {
    const stage = rectificationStageAt(it, now)
    if (it.status !== 'done') narrowAt(window, endOfDueDate(it.deadline).getTime(), now.getTime())
    if (stage === 'verified') s.done++
    else if (stage === 'pending') s.pending++
    else if (stage === 'overdue') s.overdue++
    else if (stage === 'in_progress') s.inProgress++
    else s.notStarted++
  }
  return { ...s, completionRate: s.total ? round(s.done / s.total, 4) : null, window }
}
