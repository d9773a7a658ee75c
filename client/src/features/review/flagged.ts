import type { Indicator, SubmissionDetail } from '@fazhi/shared'
import { fieldText } from '../entry/form'

/** One flagged value as the reviewer's 需关注 list shows it. */
export interface FlaggedRow {
  code: string
  name: string
  value: string
  previous: string
  messages: string[]
  /** The bureau's note; null when the value is not explained. */
  note: string | null
}

/** A report's flagged values, one row per indicator, in catalog order. */
export function flaggedRows(detail: Pick<SubmissionDetail, 'flags' | 'values' | 'previousValues'>, indicators: readonly Indicator[]): FlaggedRow[] {
  const stored = new Map(detail.values.map((v) => [v.indicator, v]))
  return indicators.flatMap((ind) => {
    const flags = detail.flags.filter((f) => f.indicator === ind.code)
    const v = stored.get(ind.code)
    if (!flags.length || !v) return []
    const previous = detail.previousValues[ind.code]
    return [
      {
        code: ind.code,
        name: ind.name,
        value: fieldText(ind, { value: v.value, notApplicable: v.notApplicable, note: '' }),
        previous: previous === undefined ? '—' : fieldText(ind, { value: previous, notApplicable: false, note: '' }),
        messages: flags.map((f) => f.message),
        note: v.note?.trim() || null,
      },
    ]
  })
}
