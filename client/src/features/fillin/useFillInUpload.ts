import { App } from 'antd'
import { useState } from 'react'
import { apiUpload, isApiError } from '../../api/client'
import { errorMessage } from '../../components/ErrorState'

/**
 * An uploaded fill-in (one template, or the office's stack) as both buttons handle it: previewed
 * (`?dryRun=1`), then saved with the versions the preview read. When a report changed since the
 * preview (409), the same file is previewed again against the values stored now.
 */
export function useFillInUpload<P>(path: string) {
  const { message } = App.useApp()
  const [file, setFile] = useState<File | null>(null)
  const [preview, setPreview] = useState<P | null>(null)
  const [busy, setBusy] = useState(false)
  const send = <T>(f: File, query: Record<string, string | number>) => {
    const form = new FormData()
    form.append('file', f)
    return apiUpload<T>(path, form, { query })
  }

  const open = async (f: File) => {
    setBusy(true)
    try {
      setPreview(await send<P>(f, { dryRun: 1 }))
      setFile(f)
    } catch (err) {
      message.error(`无法读取：${errorMessage(err)}`)
    } finally {
      setBusy(false)
    }
  }

  const close = () => {
    setPreview(null)
    setFile(null)
  }

  /** Saves the previewed file with `query`; `done` turns the answer into the success message. */
  const save = async <S>(query: Record<string, string | number>, done: (saved: S) => string | Promise<string>) => {
    if (!file || !preview) return
    setBusy(true)
    let stale = false
    try {
      message.success(await done(await send<S>(file, query)))
      close()
    } catch (err) {
      message.error(`未保存：${errorMessage(err)}`)
      stale = isApiError(err, 409)
    } finally {
      setBusy(false)
    }
    if (stale) await open(file)
  }

  return { file, preview, busy, open, close, save }
}
