import { DownloadOutlined, UploadOutlined } from '@ant-design/icons'
import { fillInText, type FillInCell, type FillInPreview, type FillInSaved, type SubmissionDetail } from '@fazhi/shared'
import { Alert, Button, Modal, Space, Table, Upload } from 'antd'
import { useDownload } from '../exports/useDownload'
import { useFillInUpload } from './useFillInUpload'

const cellText = (c: FillInCell) => (c.notApplicable ? '不适用' : fillInText(c.value) || '（空）')

/**
 * 离线填报 on the submission page: download the report's Excel template, upload it filled, see every
 * change and every row error, then save. Values typed on the page and not saved yet stay on it.
 */
export function FillInButtons({ submission, editable, unsavedCount, onSaved }: { submission: SubmissionDetail; editable: boolean; unsavedCount: number; onSaved: (fresh: SubmissionDetail) => void }) {
  const { download, pending, contextHolder } = useDownload()
  const path = `/api/submissions/${submission.id}/template`
  const { preview, busy, open, close, save } = useFillInUpload<FillInPreview>(path)
  const confirm = () =>
    save<FillInSaved>({ version: preview?.version ?? 0 }, (saved) => {
      onSaved(saved.submission)
      return saved.saved ? `已保存 ${saved.changes.length} 项` : '填报表与已保存的数据一致，未作修改'
    })

  return (
    <>
      {contextHolder}
      <Space size={8} wrap>
        <Button icon={<DownloadOutlined />} loading={pending === 'fill-in'} onClick={() => void download('fill-in', `${path}.xlsx`, {}, `${submission.year}年度填报模板.xlsx`)}>
          下载填报模板
        </Button>
        {editable && (
          <Upload accept=".xlsx" showUploadList={false} beforeUpload={(f) => (void open(f), false)}>
            <Button icon={<UploadOutlined />} loading={busy && !preview}>
              上传填报表
            </Button>
          </Upload>
        )}
      </Space>
      <Modal
        open={preview !== null}
        title="填报表预览"
        width={900}
        onCancel={close}
        okText="确认保存"
        cancelText="取消"
        onOk={() => void confirm()}
        okButtonProps={{ disabled: !preview || preview.errors.length > 0 || preview.changes.length === 0, loading: busy }}
      >
        {preview && <FillInPreviewTables preview={preview} />}
        {unsavedCount > 0 && (
          <Alert type="warning" showIcon style={{ marginTop: 12 }} message={`页面上还有 ${unsavedCount} 项未保存的修改：保存填报表后它们仍保留在页面上，请记得另行保存。`} />
        )}
      </Modal>
    </>
  )
}

/** What an upload would change, and what is wrong with it, row by row. */
export function FillInPreviewTables({ preview }: { preview: Pick<FillInPreview, 'changes' | 'errors'> }) {
  return (
    <div className="fill-in-preview">
      {preview.errors.length > 0 && (
        <>
          <Alert type="error" showIcon message={`有 ${preview.errors.length} 处错误，改正后重新上传；在此之前不会保存任何数据。`} style={{ marginBottom: 8 }} />
          <Table
            size="small"
            rowKey={(e) => `${e.row}-${e.indicator ?? ''}-${e.message}`}
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={preview.errors}
            columns={[
              { title: '行号', dataIndex: 'row', width: 64, render: (row: number) => (row === 0 ? '整个文件' : row) },
              { title: '指标', dataIndex: 'indicator', render: (code?: string) => code ?? '—' },
              { title: '问题', dataIndex: 'message' },
            ]}
          />
        </>
      )}
      {preview.changes.length === 0 ? (
        preview.errors.length === 0 && <Alert type="info" showIcon message="填报表与已保存的数据一致，没有需要保存的修改。" />
      ) : (
        <Table
          size="small"
          style={{ marginTop: 8 }}
          rowKey="indicator"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={preview.changes}
          columns={[
            { title: '行号', dataIndex: 'row', width: 64 },
            { title: '指标', dataIndex: 'name' },
            { title: '原值 → 新值', key: 'value', render: (_, c) => `${cellText(c.before)} → ${cellText(c.after)}${c.unit ? ` ${c.unit}` : ''}` },
            { title: '备注', key: 'note', render: (_, c) => c.after.note ?? '' },
          ]}
        />
      )}
    </div>
  )
}
