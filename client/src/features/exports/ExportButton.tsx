import { DownloadOutlined, DownOutlined } from '@ant-design/icons'
import { Button, Dropdown } from 'antd'
import { useDownload } from './useDownload'

export type ExportKind = 'summary' | 'ranking' | 'rectifications' | 'reporting'
type ExportFormat = 'xlsx' | 'csv'

const EXPORTS: Record<ExportKind, { label: string; title: (year: number) => string; formats: readonly ExportFormat[] }> = {
  summary: { label: '导出汇总表', title: (y) => `${y}年度法治政府建设情况汇总表`, formats: ['xlsx'] },
  ranking: { label: '导出排名', title: (y) => `${y}年度排名`, formats: ['xlsx', 'csv'] },
  rectifications: { label: '导出整改台账', title: (y) => `${y}年度整改台账`, formats: ['xlsx', 'csv'] },
  reporting: { label: '导出上报情况', title: (y) => `${y}年度上报情况`, formats: ['xlsx', 'csv'] },
}

const FORMAT_LABELS: Record<ExportFormat, string> = { xlsx: 'Excel 表格（.xlsx）', csv: 'CSV 文本（.csv）' }

/**
 * Downloads one of the year's export files. The server limits a bureau user to their own rows; the
 * summary workbook is Excel only, the single tables offer Excel or CSV.
 */
export function ExportButton({ kind, year }: { kind: ExportKind; year: number }) {
  const { download, pending, contextHolder } = useDownload()
  const spec = EXPORTS[kind]
  const start = (format: ExportFormat) =>
    download(format, `/api/exports/${kind}.${format}`, { year }, `${spec.title(year)}.${format}`)
  const loading = pending !== null

  return (
    <>
      {contextHolder}
      {spec.formats.length === 1 ? (
        <Button icon={<DownloadOutlined />} loading={loading} onClick={() => start(spec.formats[0])}>
          {spec.label}
        </Button>
      ) : (
        <Dropdown
          disabled={loading}
          trigger={['click']}
          menu={{
            items: spec.formats.map((format) => ({ key: format, label: FORMAT_LABELS[format] })),
            onClick: ({ key }) => start(key as ExportFormat),
          }}
        >
          <Button icon={<DownloadOutlined />} loading={loading}>
            {spec.label} <DownOutlined />
          </Button>
        </Dropdown>
      )}
    </>
  )
}
