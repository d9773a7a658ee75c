import { NEVER_RETURNED_MESSAGE, NO_SNAPSHOT_MESSAGE, type SubmissionChanges, valueChanges, type ValueState } from '@fazhi/shared'
import type { CatalogRepository } from '../catalog/repository'
import type { FilesRepository } from '../files/repository'
import type { ReturnSnapshot, SubmissionRow, SubmissionsRepository, ValueRow } from './repository'

/** The values a return keeps: what the report said when it went back to the bureau. */
export const returnSnapshotOf = (rows: readonly Pick<ValueRow, 'code' | 'value' | 'notApplicable' | 'note'>[]): ReturnSnapshot =>
  Object.fromEntries(rows.map((r) => [r.code, { value: r.value, notApplicable: r.notApplicable, note: r.note }]))

/**
 * 自退回以来的修改: a report's values and evidence files now against its latest return's snapshot.
 * A report never returned, or returned before returns kept a snapshot, answers why there is no comparison.
 */
export function returnChanges(deps: {
  repo: Pick<SubmissionsRepository, 'lastReturn' | 'values'>
  catalog: Pick<CatalogRepository, 'indicatorsForYear'>
  evidence: Pick<FilesRepository, 'changedSince'>
}) {
  return async (s: SubmissionRow): Promise<SubmissionChanges> => {
    const last = await deps.repo.lastReturn(s.id)
    const none = { values: [], files: { added: [], removed: [] } }
    if (!last) return { returnedAt: null, unavailable: NEVER_RETURNED_MESSAGE, ...none }
    if (!last.snapshot) return { returnedAt: last.at, unavailable: NO_SNAPSHOT_MESSAGE, ...none }
    const indicators = await deps.catalog.indicatorsForYear(s.year)
    const booleans = new Set(indicators.filter((i) => i.kind === 'boolean').map((i) => i.code))
    const states = (snapshot: ReturnSnapshot): Record<string, ValueState> =>
      Object.fromEntries(
        Object.entries(snapshot).map(([code, v]) => [code, { ...v, value: v.value !== null && booleans.has(code) ? v.value >= 1 : v.value }]),
      )
    return {
      returnedAt: last.at,
      unavailable: null,
      values: valueChanges(indicators, states(last.snapshot), states(returnSnapshotOf(await deps.repo.values(s.id)))),
      files: await deps.evidence.changedSince(s.id, last.at),
    }
  }
}
