import type { Indicator, SubmissionDetail } from '@fazhi/shared'
import { fieldText } from '../entry/form'

/** One value as the reviewer's 需关注 list shows it: commented (批注) or flagged by a plausibility rule. */
export interface FlaggedRow {
  code: string
  name: string
  value: string
  previous: string
  messages: string[]
  /** The bureau's note; null when the value is not explained. */
  note: string | null
  /** Threads of 批注 on the value. */
  comments: number
}

/**
 * A report's values needing attention, one row per indicator: the commented ones first, then the
 * flagged ones, each group in catalog order.
 */
export function flaggedRows(
  detail: Pick<SubmissionDetail, 'flags' | 'values' | 'previousValues'>,
  indicators: readonly Indicator[],
  commentCounts: ReadonlyMap<string, number> = new Map(),
): FlaggedRow[] {
  const stored = new Map(detail.values.map((v) => [v.indicator, v]))
  const rows = indicators.flatMap((ind) => {
    const flags = detail.flags.filter((f) => f.indicator === ind.code)
    const v = stored.get(ind.code)
    const comments = commentCounts.get(ind.code) ?? 0
    if (!comments && (!flags.length || !v)) return []
    const previous = detail.previousValues[ind.code]
    return [
      {
        code: ind.code,
        name: ind.name,
        value: v ? fieldText(ind, { value: v.value, notApplicable: v.notApplicable, note: '' }) : '—',
        previous: previous === undefined ? '—' : fieldText(ind, { value: previous, notApplicable: false, note: '' }),
        messages: flags.map((f) => f.message),
        note: v?.note?.trim() || null,
        comments,
      },
    ]
  })
  return [...rows.filter((r) => r.comments > 0), ...rows.filter((r) => r.comments === 0)]
}
