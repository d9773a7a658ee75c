import { EVIDENCE_ACCEPT, type EvidenceFile, formatBytes, isPreviewable } from '@fazhi/shared'
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons'
import { App, Button, Modal, Popconfirm, Space, Tag, Upload } from 'antd'
import { type ReactNode, useState } from 'react'
import { isApiError } from '../../api/client'
import { pickProblem } from './pick'
import { type EvidenceTarget, fileUrl, useEvidenceMutations } from './queries'
import './evidence.css'

interface Props {
  files: readonly EvidenceFile[]
  target: EvidenceTarget
  editable: boolean
  /** The scheme asks for evidence here (需佐证材料): the tag shows while no file is attached. */
  required?: boolean
  /** What shows under a file: the reviewers' comments on it, where the file belongs to a report. */
  renderFileExtra?: (file: EvidenceFile) => ReactNode
}

/** 佐证材料 of one value, ledger row or rectification item: the list (预览, 下载, 删除) and 上传佐证. */
export function EvidenceFiles({ files, target, editable, required = false, renderFileExtra }: Props) {
  const { message } = App.useApp()
  const { upload, remove } = useEvidenceMutations()
  const [preview, setPreview] = useState<EvidenceFile | null>(null)
  const [uploading, setUploading] = useState(0)
  const live = files.filter((f) => f.deletedAt === null)

  const send = async (file: File) => {
    setUploading((n) => n + 1)
    try {
      await upload.mutateAsync({ target, file })
      message.success(`已上传：${file.name}`)
    } catch (err) {
      message.error(isApiError(err) ? err.message : `上传失败：${file.name}`)
    } finally {
      setUploading((n) => n - 1)
    }
  }

  return (
    <div className="evidence">
      <Space size={[8, 4]} wrap className="evidence-head">
        <PaperClipOutlined aria-hidden />
        <span className="evidence-title">佐证材料</span>
        {required && live.length === 0 && <Tag color="orange">需佐证</Tag>}
        {editable && (
          <Upload
            accept={EVIDENCE_ACCEPT}
            multiple
            showUploadList={false}
            beforeUpload={(file) => {
              const problem = pickProblem(file)
              if (problem) message.error(`${file.name}：${problem}`)
              else void send(file)
              return false
            }}
          >
            <Button size="small" icon={<UploadOutlined />} loading={uploading > 0}>
              {uploading > 0 ? '上传中…' : '上传佐证'}
            </Button>
          </Upload>
        )}
      </Space>
      {files.length > 0 && (
        <ul className="evidence-list">
          {files.map((f) => (
            <li key={f.id} className={f.deletedAt ? 'evidence-deleted' : undefined}>
              <span className="evidence-name" title={f.name}>
                {f.name}
              </span>
              <span className="evidence-meta">{formatBytes(f.size)}</span>
              {f.deletedAt ? (
                <Tag>已删除</Tag>
              ) : (
                <Space size={4} wrap>
                  {isPreviewable(f.type) && (
                    <Button size="small" type="link" onClick={() => setPreview(f)}>
                      预览
                    </Button>
                  )}
                  <Button size="small" type="link" href={fileUrl(f.id)}>
                    下载
                  </Button>
                  {editable && (
                    <Popconfirm
                      title={`删除「${f.name}」？`}
                      okText="删除"
                      cancelText="取消"
                      onConfirm={() =>
                        remove.mutateAsync(f.id).then(
                          () => message.success('已删除'),
                          (err: unknown) => message.error(isApiError(err) ? err.message : '删除失败'),
                        )
                      }
                    >
                      <Button size="small" type="link" danger>
                        删除
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              )}
              {renderFileExtra && <div className="evidence-extra">{renderFileExtra(f)}</div>}
            </li>
          ))}
        </ul>
      )}
      <Modal open={preview !== null} title={preview?.name} footer={null} width="min(960px, 96vw)" onCancel={() => setPreview(null)} destroyOnHidden>
        {preview &&
          (preview.type === 'application/pdf' ? (
            <iframe className="evidence-preview" title={preview.name} src={fileUrl(preview.id, true)} />
          ) : (
            <img className="evidence-preview-image" alt={preview.name} src={fileUrl(preview.id, true)} />
          ))}
      </Modal>
    </div>
  )
}
