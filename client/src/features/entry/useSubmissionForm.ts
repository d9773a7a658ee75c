import type { SubmissionDetail } from '@fazhi/shared'
import { useCallback, useMemo, useState } from 'react'
import { dirtyCodes, fieldOf, formValuesOf, patchField, pruneEdits, type FieldValue } from './form'

/**
 * The entry form's state: the server's submission it is based on, and the user's edits on top.
 * Without edits the form follows the latest server data. Once the user types, the base is pinned:
 * a save sends that base's version, so a change made elsewhere in between is a 409, never
 * silently overwritten. Nothing typed is dropped until it is saved or the user discards it.
 */
export function useSubmissionForm(latest: SubmissionDetail) {
  const [pinned, setPinned] = useState<SubmissionDetail | null>(null)
  const [edits, setEdits] = useState<Record<string, FieldValue>>({})
  const hasEdits = Object.keys(edits).length > 0
  const base = hasEdits && pinned ? pinned : latest

  const baseValues = useMemo(() => formValuesOf(base), [base])
  const dirty = useMemo(() => dirtyCodes(baseValues, edits), [baseValues, edits])
  const values = useMemo(() => ({ ...baseValues, ...edits }), [baseValues, edits])

  const setField = useCallback(
    (code: string, patch: Partial<FieldValue>) => {
      setPinned((p) => (hasEdits && p ? p : base))
      setEdits((prev) => ({ ...prev, [code]: patchField(prev[code] ?? fieldOf(baseValues, code), patch) }))
    },
    [base, baseValues, hasEdits],
  )

  /** Moves the form onto `fresh` (after a save, a ledger change or a chosen overwrite), keeping the edits not in it. */
  const rebase = useCallback((fresh: SubmissionDetail, drop: readonly string[] = []) => {
    const freshValues = formValuesOf(fresh)
    setPinned(fresh)
    setEdits((prev) => {
      const kept = pruneEdits(freshValues, prev)
      for (const code of drop) delete kept[code]
      return kept
    })
  }, [])

  /** Drops every edit: the form shows the latest server data again. */
  const discard = useCallback(() => {
    setPinned(null)
    setEdits({})
  }, [])

  return { base, baseValues, edits, dirty, values, setField, rebase, discard }
}
export type SubmissionForm = ReturnType<typeof useSubmissionForm>
