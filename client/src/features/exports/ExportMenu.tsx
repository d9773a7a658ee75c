import { DownloadOutlined, DownOutlined } from '@ant-design/icons'
import { EXPORT_TABLES, exportFileName, type ExportFormat, exportRoute } from '@fazhi/shared'
import { Button, Dropdown } from 'antd'
import type { ExportButtonProps } from './ExportButton'
import { useDownload } from './useDownload'

const FORMAT_LABELS: Record<ExportFormat, string> = { xlsx: 'Excel 表格（.xlsx）', csv: 'CSV 文本（.csv）' }

/**
 * Downloads one of the year's export files of a region (every region without one), live or of a published version, in the formats the
 * export registry lists (a menu when there are several). The server limits a bureau user to their own rows.
 */
export function ExportMenu({ kind, year, version, regionId }: ExportButtonProps) {
  const { download, pending, contextHolder } = useDownload()
  const spec = EXPORT_TABLES[kind]
  const label = `导出${spec.title}`
  const start = (format: ExportFormat) => download(format, `/api${exportRoute(kind, format)}`, { year, version, regionId: regionId ?? undefined }, exportFileName(kind, format, year, version))
  const loading = pending !== null

  return (
    <>
      {contextHolder}
      {spec.formats.length === 1 ? (
        <Button icon={<DownloadOutlined />} loading={loading} onClick={() => start(spec.formats[0])}>
          {label}
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
            {label} <DownOutlined />
          </Button>
        </Dropdown>
      )}
    </>
  )
}
