import type { ChangedBy } from '@fazhi/shared'
import { useState } from 'react'
import { isApiError } from '../api/client'
import { changedByOf } from './conflictWording'

export interface RecordConflict<T> {
  message: string
  /** Who changed the record, as the 409 names it. */
  changedBy: ChangedBy | null
  /** The record as 刷新 loaded it; null until then. */
  latest: T | null
}

interface State<T> {
  /** The record the form was opened on: another one starts afresh. */
  of: T | null
  /** The record as last refreshed: the next save is based on its version. */
  latest: T | null
  conflict: RecordConflict<T> | null
}

/**
 * The save / 409 protocol of a record edited in a drawer or modal (rectification item, ledger row,
 * account, cycle), as the entry form has it for submissions: every save sends the version the form
 * is based on, so a change made elsewhere in between answers 409 instead of being overwritten. A 409
 * keeps the drawer open with what was typed; 刷新 loads the latest record, shows what differs and
 * bases the next save on it, leaving the typed values in place until the user chooses to drop them.
 */
export function useRecordConflict<T extends { version: number }>(record: T | null, fetchLatest: () => Promise<T | null>) {
  const [stored, setState] = useState<State<T>>({ of: record, latest: null, conflict: null })
  const state: State<T> = stored.of === record ? stored : { of: record, latest: null, conflict: null }
  const [refreshing, setRefreshing] = useState(false)

  return {
    /** The version the next save sends. */
    version: (state.latest ?? record)?.version,
    conflict: state.conflict,
    refreshing,
    /** A failed save: true when it was a 409, now shown; other errors are the caller's to report. */
    caught(err: unknown): boolean {
      if (!isApiError(err, 409)) return false
      setState({ ...state, conflict: { message: err.message, changedBy: changedByOf(err), latest: null } })
      return true
    },
    async refresh() {
      if (!state.conflict) return
      setRefreshing(true)
      try {
        const fresh = await fetchLatest()
        setState({
          of: record,
          latest: fresh ?? state.latest,
          conflict: fresh
            ? { ...state.conflict, latest: fresh }
            : { message: '该记录已被删除，不能再保存。您填写的内容仍保留在表单中，可复制留存。', changedBy: null, latest: fresh },
        })
      } finally {
        setRefreshing(false)
      }
    },
    /** After the user took the latest values: the conflict is settled, the form based on the latest version. */
    clear: () => setState({ ...state, conflict: null }),
  }
}
