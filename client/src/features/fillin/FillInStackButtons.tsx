import { DownloadOutlined, UploadOutlined } from '@ant-design/icons'
import { type FillInStackPreview, stackVersions } from '@fazhi/shared'
import { useQueryClient } from '@tanstack/react-query'
import { Alert, Button, Collapse, Modal, Space, Tag, Upload } from 'antd'
import { entryKeys } from '../entry/queries'
import { useDownload } from '../exports/useDownload'
import { useFillInUpload } from './useFillInUpload'
import { FillInPreviewTables } from './FillInButtons'

/**
 * The office's 离线填报 for a whole year: every bureau's template in one zip, and a zip of filled
 * templates uploaded at once, previewed file by file, saved together only when no file has an error.
 */
export function FillInStackButtons({ year, mayUpload }: { year: number; mayUpload: boolean }) {
  const queryClient = useQueryClient()
  const { download, pending, contextHolder } = useDownload()
  const path = `/api/cycles/${year}/templates`
  const { preview, busy, open, close, save } = useFillInUpload<FillInStackPreview>(path)
  const errorCount = preview?.files.reduce((n, f) => n + f.errors.length, 0) ?? 0
  const changeCount = preview?.files.reduce((n, f) => n + f.changes.length, 0) ?? 0
  const confirm = () =>
    preview &&
    save<FillInStackPreview & { saved: boolean }>({ versions: stackVersions(preview) }, async (saved) => {
      await queryClient.invalidateQueries({ queryKey: entryKeys.submissions() })
      return saved.saved ? `已保存 ${saved.files.filter((f) => f.changes.length).length} 个单位的修改` : '填报表与已保存的数据一致，未作修改'
    })

  return (
    <>
      {contextHolder}
      <Space size={8} wrap>
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
      </Space>
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
