import { FileSearchOutlined, UploadOutlined } from '@ant-design/icons'
import { COUNTY_MISMATCH, type ImportedReport } from '@fazhi/shared'
import { useQuery } from '@tanstack/react-query'
import { App, Button, Space, Upload } from 'antd'
import { isApiError } from '../../api/client'
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
  const { message, modal } = App.useApp()
  const latest = useQuery(latestImportQuery(year, bureauId))
  const upload = useUploadReport(year, bureauId)

  const send = (file: File, confirmCounty: boolean) =>
    upload.mutate(
      { file, confirmCounty },
      {
        onSuccess: (report) => onOpen(report),
        onError: (err) => {
          // A report of another county: nothing was saved; the user decides whether it is imported.
          if (isApiError(err, 409) && err.code === COUNTY_MISMATCH)
            return void modal.confirm({
              title: '报告所属地区与本单位不一致',
              content: `${err.message}。请确认上传的是本单位的报告；确认后仍按本单位导入。`,
              okText: '确认导入',
              cancelText: '取消',
              onOk: () => send(file, true),
            })
          message.error(errorMessage(err))
        },
      },
    )

  const start = (file: File) => {
    if (!ACCEPTED.test(file.name)) return void message.error('仅支持 .docx 或 .txt 格式的年度报告')
    if (file.size > MAX_REPORT_BYTES) return void message.error('文件超过 10 MB，请压缩图片或另存为纯文本后再导入')
    send(file, false)
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
