import { FileSearchOutlined, UploadOutlined } from '@ant-design/icons'
import type { ImportedReport } from '@fazhi/shared'
import { useQuery } from '@tanstack/react-query'
import { App, Button, Space, Upload } from 'antd'
import { errorMessage } from '../../components/ErrorState'
import { latestImportQuery, MAX_REPORT_BYTES, REPORT_ACCEPT, useUploadReport } from './queries'

interface ImportReportButtonProps {
  year: number
  bureauId: number
  /** Opens the review of a report just imported, or of the last one. */
  onOpen: (report: ImportedReport) => void
}

const ACCEPTED = /\.(docx|txt)$/i

/** 导入年度报告 (.docx/.txt), and 查看上次导入 when there is one. */
export function ImportReportButton({ year, bureauId, onOpen }: ImportReportButtonProps) {
  const { message } = App.useApp()
  const latest = useQuery(latestImportQuery(year, bureauId))
  const upload = useUploadReport(year, bureauId)

  const start = (file: File) => {
    if (!ACCEPTED.test(file.name)) return void message.error('仅支持 .docx 或 .txt 格式的年度报告')
    if (file.size > MAX_REPORT_BYTES) return void message.error('文件超过 10 MB，请压缩图片或另存为纯文本后再导入')
    upload.mutate(file, {
      onSuccess: (report) => onOpen(report),
      onError: (err) => message.error(errorMessage(err)),
    })
  }

  return (
    <Space size={8}>
      {latest.data && (
        <Button icon={<FileSearchOutlined />} onClick={() => onOpen(latest.data!)}>
          查看上次导入
        </Button>
      )}
      <Upload
        accept={REPORT_ACCEPT}
        showUploadList={false}
        beforeUpload={(file) => {
          start(file)
          return Upload.LIST_IGNORE
        }}
      >
        <Button type="primary" ghost icon={<UploadOutlined />} loading={upload.isPending}>
          {upload.isPending ? '正在识别报告…' : '导入年度报告'}
        </Button>
      </Upload>
    </Space>
  )
}
