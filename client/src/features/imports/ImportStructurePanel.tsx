import { useQuery } from '@tanstack/react-query'
import { Tag } from 'antd'
import { Panel } from '../../components/Panel'
import { formatDateTime } from '../../lib/format'
import { missingSections } from './proposals'
import { latestImportQuery } from './queries'
import { StructureCheck } from './StructureCheck'

/**
 * The bureau-year's last imported annual report: does it cover the five required contents, and
 * how many problems it raises (and repeats). Loaded lazily by the bureau page.
 */
export default function ImportStructurePanel({ bureauId, year }: { bureauId: number; year: number }) {
  const latest = useQuery(latestImportQuery(year, bureauId))
  const report = latest.data
  const missing = report ? missingSections(report.sections) : []
  const repeated = report ? report.problems.filter((p) => p.repeatedFrom).length : 0
  return (
    <Panel
      title="年度报告结构检查"
      extra={report && <span className="panel-hint">{report.fileName} · {formatDateTime(report.createdAt)} 导入</span>}
      loading={latest.isPending}
      error={latest.error}
      onRetry={() => latest.refetch()}
      empty={!report}
      emptyText={`${year} 年度尚未导入年度报告`}
      bodyHeight={120}
    >
      {() => (
        <>
          <StructureCheck sections={report!.sections} />
          <div className="page-tags">
            {missing.length ? (
              <Tag color="red">缺少 {missing.length} 项必备内容</Tag>
            ) : (
              <Tag color="green">必备内容齐全</Tag>
            )}
            <span>报告提出问题 {report!.problems.length} 项</span>
            {repeated > 0 && <Tag color="red">其中连续两年提出 {repeated} 项</Tag>}
            {report!.reportedYear !== null && report!.reportedYear !== year && <Tag color="gold">报告所述年度为 {report!.reportedYear} 年</Tag>}
          </div>
        </>
      )}
    </Panel>
  )
}
