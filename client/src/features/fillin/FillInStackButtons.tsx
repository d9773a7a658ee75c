import { DownloadOutlined, UploadOutlined } from '@ant-design/icons'
import { type FillInStackPreview, stackVersions } from '@fazhi/shared'
import { useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Collapse, Modal, Tag, Upload } from 'antd'
import { useState } from 'react'
import { apiUpload, isApiError } from '../../api/client'
import { errorMessage } from '../../components/ErrorState'
import { entryKeys } from '../entry/queries'
import { useDownload } from '../exports/useDownload'
import { FillInPreviewTables } from './FillInButtons'

/**
 * The office's 离线填报 for a whole year: every bureau's template in one zip, and a zip of filled
 * templates uploaded at once, previewed file by file, saved together only when no file has an error.
 */
export function FillInStackButtons({ year, mayUpload }: { year: number; mayUpload: boolean }) {
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const { download, pending, contextHolder } = useDownload()
  const [file, setFile] = useState<File | null>(null)
  const [preview, setPreview] = useState<FillInStackPreview | null>(null)
  const [busy, setBusy] = useState(false)
  const path = `/api/cycles/${year}/templates`
  const send = (f: File, query: Record<string, string | number>) => {
    const form = new FormData()
    form.append('file', f)
    return apiUpload<FillInStackPreview>(path, form, { query })
  }
  const errorCount = preview?.files.reduce((n, f) => n + f.errors.length, 0) ?? 0
  const changeCount = preview?.files.reduce((n, f) => n + f.changes.length, 0) ?? 0

  const open = async (f: File) => {
    setBusy(true)
    try {
      setPreview(await send(f, { dryRun: 1 }))
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
  const confirm = async () => {
    if (!file || !preview) return
    setBusy(true)
    let stale = false
    try {
      const saved = await send(file, { versions: stackVersions(preview) })
      await queryClient.invalidateQueries({ queryKey: entryKeys.submissions() })
      message.success(saved.saved ? `已保存 ${saved.files.filter((f) => f.changes.length).length} 个单位的修改` : '填报表与已保存的数据一致，未作修改')
      close()
    } catch (err) {
      message.error(`未保存：${errorMessage(err)}`)
      stale = isApiError(err, 409)
    } finally {
      setBusy(false)
    }
    // A report changed since the preview: the same file is previewed again against the values stored now.
    if (stale) await open(file)
  }

  return (
    <>
      {contextHolder}
      <Button icon={<DownloadOutlined />} loading={pending === 'stack'} onClick={() => void download('stack', `${path}.zip`, {}, `${year}年度填报模板.zip`)}>
        批量下载模板
      </Button>
      {mayUpload && (
        <Upload accept=".zip,.xlsx" showUploadList={false} beforeUpload={(f) => (void open(f), false)}>
          <Button icon={<UploadOutlined />} loading={busy && !preview}>
            批量上传
          </Button>
        </Upload>
      )}
      <Modal
        open={preview !== null}
        title={`批量上传预览：${preview?.files.length ?? 0} 个文件，${changeCount} 项修改`}
        width={960}
        onCancel={close}
        okText="确认保存"
        cancelText="取消"
        onOk={() => void confirm()}
        okButtonProps={{ disabled: errorCount > 0 || changeCount === 0, loading: busy }}
      >
        {errorCount > 0 && <Alert type="error" showIcon style={{ marginBottom: 8 }} message={`有 ${errorCount} 处错误：任何一个文件有错误时，所有文件都不会保存。`} />}
        <Collapse
          size="small"
          defaultActiveKey={preview?.files.filter((f) => f.errors.length).map((f) => f.file)}
          items={preview?.files.map((f) => ({
            key: f.file,
            label: (
              <span>
                {f.bureauName ?? f.file}{' '}
                {f.errors.length > 0 ? <Tag color="red">{f.errors.length} 处错误</Tag> : <Tag color={f.changes.length ? 'blue' : 'default'}>{f.changes.length} 项修改</Tag>}
              </span>
            ),
            children: <FillInPreviewTables preview={f} />,
          }))}
        />
      </Modal>
    </>
  )
}
