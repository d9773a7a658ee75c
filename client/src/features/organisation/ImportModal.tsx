import { InboxOutlined } from '@ant-design/icons'
import type { BureauImportPreview, BureauImportRow } from '@fazhi/shared'
import { Alert, App, Button, Modal, Space, Table, Tag, Upload, type TableColumnsType } from 'antd'
import { useState } from 'react'
import { errorMessage } from '../../components/ErrorState'
import { useOrganisationMutations } from './queries'

const ACTIONS: Record<NonNullable<BureauImportRow['action']>, { label: string; color: string }> = {
  create: { label: '新增', color: 'green' },
  update: { label: '修改', color: 'blue' },
  unchanged: { label: '无变化', color: 'default' },
}

const columns: TableColumnsType<BureauImportRow> = [
  { title: '行', dataIndex: 'row', width: 56 },
  { title: '单位编码', dataIndex: 'code', width: 110 },
  { title: '单位名称', dataIndex: 'name', width: 200 },
  {
    title: '导入结果',
    key: 'action',
    width: 96,
    render: (_, r) => (r.action ? <Tag color={ACTIONS[r.action].color}>{ACTIONS[r.action].label}</Tag> : <Tag color="red">有错误</Tag>),
  },
  {
    title: '说明',
    key: 'detail',
    render: (_, r) =>
      r.errors.length ? (
        <ul className="org-import-errors">
          {r.errors.map((e) => (
            <li key={e.column}>
              「{e.column}」：{e.message}
            </li>
          ))}
        </ul>
      ) : r.changes.length ? (
        `修改：${r.changes.join('、')}`
      ) : null,
  },
]

/** 从Excel导入: upload the sheet, read its preview (row errors highlighted), then confirm the import. */
export function ImportModal({ onClose }: { onClose: () => void }) {
  const { message } = App.useApp()
  const { importBureaus } = useOrganisationMutations()
  const [file, setFile] = useState<File | null>(null)
  const [preview, setPreview] = useState<BureauImportPreview | null>(null)
  const [error, setError] = useState<string | null>(null)

  const check = async (chosen: File) => {
    setFile(chosen)
    setPreview(null)
    setError(null)
    try {
      setPreview(await importBureaus.mutateAsync({ file: chosen, commit: false }))
    } catch (err) {
      setError(errorMessage(err))
    }
  }

  const commit = async () => {
    if (!file) return
    setError(null)
    try {
      const done = await importBureaus.mutateAsync({ file, commit: true })
      message.success(`已导入：新增 ${done.created} 个单位，修改 ${done.updated} 个单位`)
      onClose()
    } catch (err) {
      setError(errorMessage(err))
    }
  }

  const changes = preview ? preview.created + preview.updated : 0
  return (
    <Modal
      open
      title="从Excel导入单位"
      width={880}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Space wrap>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" disabled={!preview || preview.errorCount > 0 || changes === 0} loading={importBureaus.isPending && !!preview} onClick={commit}>
            确认导入
          </Button>
        </Space>
      }
    >
      <Upload.Dragger
        accept=".xlsx"
        maxCount={1}
        showUploadList={false}
        beforeUpload={(chosen) => {
          void check(chosen)
          return false
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{file ? `已选择：${file.name}（点击或拖入以更换）` : '点击或将 .xlsx 文件拖到此处'}</p>
        <p className="ant-upload-hint">请使用“下载模板”得到的表格：按单位编码匹配，新编码为新增单位。</p>
      </Upload.Dragger>
      {error && <Alert className="org-import-alert" type="error" showIcon title={error} />}
      {preview && (
        <>
          <Alert
            className="org-import-alert"
            type={preview.errorCount ? 'error' : changes ? 'success' : 'info'}
            showIcon
            title={
              preview.errorCount
                ? `共 ${preview.errorCount} 处错误，请修改表格后重新上传；有错误时不会导入任何数据。`
                : changes
                  ? `将新增 ${preview.created} 个、修改 ${preview.updated} 个单位（${preview.unchanged} 个无变化）。确认后一次导入。`
                  : '表格与现有单位一致，没有需要导入的变化。'
            }
          />
          <Table<BureauImportRow>
            rowKey="row"
            size="small"
            columns={columns}
            dataSource={preview.rows}
            rowClassName={(r) => (r.errors.length ? 'org-import-row-error' : '')}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            scroll={{ x: 720 }}
            aria-label="导入预览"
          />
        </>
      )}
    </Modal>
  )
}
