import type { ChangedBy, SubmissionDetail, SubmissionValueInput } from '@fazhi/shared'
import { useQueryClient } from '@tanstack/react-query'
import { App } from 'antd'
import { useState } from 'react'
import { isApiError } from '../../api/client'
import { changedByOf } from '../../components/conflictWording'
import { errorMessage } from '../../components/ErrorState'
import { conflictingCodes, formValuesOf, pruneEdits, saveErrors, saveValuesOf, type FieldValue } from './form'
import { invalidateSubmission, saveSubmission, submissionQuery } from './queries'
import type { SubmissionForm } from './useSubmissionForm'

export interface SaveConflict {
  message: string
  /** Who changed the submission, as the 409 names it. */
  changedBy: ChangedBy | null
  latest: SubmissionDetail
  /** The fields changed both by the user and, since the form's version, by someone else. */
  codes: string[]
}

/**
 * Saving the form. Every save sends the version the form is based on, so a change made elsewhere
 * in between answers 409 instead of being overwritten. A conflict keeps what was typed and offers
 * the latest version: load it, or save the user's values again on top of it.
 */
export function useSubmissionSave(latest: SubmissionDetail, form: SubmissionForm, onInvalid: (code: string) => void) {
  const { message, modal } = App.useApp()
  const queryClient = useQueryClient()
  const [conflict, setConflict] = useState<SaveConflict | null>(null)
  const [saving, setSaving] = useState(false)
  const fetchLatest = () => queryClient.fetchQuery({ ...submissionQuery(latest.id), staleTime: 0 })
  const unsavedEdits = () => Object.fromEntries(form.dirty.map((c) => [c, form.edits[c]]))

  /** After the user's own change elsewhere (ledger, publication, review): take the new version, keep what is typed. */
  const adopt = async (fresh?: SubmissionDetail) => {
    const next = fresh ?? (await fetchLatest())
    await invalidateSubmission(queryClient, next)
    form.rebase(next)
  }

  /** Saves `toSave` on `version`; a 409 becomes the conflict prompt, with the typed values kept. */
  const save = async (version: number, toSave: Record<string, FieldValue>) => {
    const codes = Object.keys(toSave)
    const errors = saveErrors(toSave, codes, latest.ledgerValues)
    if (errors.size) {
      message.error(`有 ${errors.size} 项需要补充说明，未保存`)
      onInvalid([...errors.keys()][0])
      return false
    }
    setSaving(true)
    try {
      const fresh = await saveSubmission(latest.id, version, saveValuesOf(toSave, codes))
      await invalidateSubmission(queryClient, fresh)
      form.rebase(fresh)
      setConflict(null)
      message.success('已保存')
      return true
    } catch (err) {
      if (isApiError(err, 409)) {
        const fresh = await fetchLatest().catch(() => null)
        if (fresh && fresh.editable)
          setConflict({ message: err.message, changedBy: changedByOf(err), latest: fresh, codes: conflictingCodes(form.baseValues, formValuesOf(fresh), toSave) })
        else modal.error({ title: '无法保存', content: `${err.message}。您填写的内容仍保留在页面上，可复制留存。` })
      } else message.error(errorMessage(err))
      return false
    } finally {
      setSaving(false)
    }
  }

  const saveNow = () => save(form.base.version, unsavedEdits())

  /** The conflict's way out that drops the user's edits. */
  const reloadLatest = () => {
    if (!conflict) return
    queryClient.setQueryData(submissionQuery(latest.id).queryKey, conflict.latest)
    form.discard()
    setConflict(null)
    message.info('已载入最新数据')
  }

  /** The conflict's way out that keeps them: saved again on the latest version. */
  const saveMineAgain = async () => {
    if (!conflict) return
    const fresh = conflict.latest
    const kept = pruneEdits(formValuesOf(fresh), unsavedEdits())
    form.rebase(fresh)
    if (!Object.keys(kept).length) {
      setConflict(null)
      message.info('您的修改与最新数据一致，无需再保存')
      return
    }
    await save(fresh.version, kept)
  }

  /** Accepted import proposals: saved at once on the form's version, replacing any typed value for them. */
  const applyImport = async (toWrite: SubmissionValueInput[]) => {
    try {
      const fresh = await saveSubmission(latest.id, form.base.version, toWrite)
      await invalidateSubmission(queryClient, fresh)
      form.rebase(
        fresh,
        toWrite.map((v) => v.indicator),
      )
      return true
    } catch (err) {
      if (isApiError(err, 409)) {
        await adopt().catch(() => undefined)
        message.error(`${err.message}。已载入最新数据（您填写的内容仍保留），请重新采纳。`)
      } else message.error(errorMessage(err))
      return false
    }
  }

  return { conflict, saving, adopt, saveNow, reloadLatest, saveMineAgain, applyImport }
}
