import { message } from 'antd'
import { useCallback, useState } from 'react'
import { apiDownload } from '../../api/client'
import { errorMessage } from '../../components/ErrorState'
import { fileNameFromDisposition, saveBlob } from './fileName'

type Query = Record<string, string | number | undefined>

let nextKey = 0

/**
 * Fetches a file from the API and saves it under the server's name. A message tells the user it is
 * being prepared, then that it has been saved or why it failed. Render `contextHolder` once.
 */
export function useDownload() {
  const [messages, contextHolder] = message.useMessage()
  const [pending, setPending] = useState<string | null>(null)

  const download = useCallback(
    async (id: string, path: string, query: Query, fallbackName: string) => {
      const key = `download-${++nextKey}`
      setPending(id)
      void messages.open({ key, type: 'loading', content: '正在生成…', duration: 0 })
      try {
        const { blob, contentDisposition } = await apiDownload(path, { query })
        const fileName = fileNameFromDisposition(contentDisposition) ?? fallbackName
        saveBlob(blob, fileName)
        void messages.open({ key, type: 'success', content: `已导出：${fileName}`, duration: 3 })
      } catch (err) {
        void messages.open({ key, type: 'error', content: `导出失败：${errorMessage(err)}`, duration: 6 })
      } finally {
        setPending(null)
      }
    },
    [messages],
  )

  return { download, pending, contextHolder }
}
