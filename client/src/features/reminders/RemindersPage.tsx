import { CopyOutlined } from '@ant-design/icons'
import { can, regionActedOn } from '@fazhi/shared'
import { useQuery } from '@tanstack/react-query'
import { Alert, App, Button, Space } from 'antd'
import { ErrorState } from '../../components/ErrorState'
import { PageHeader } from '../../components/PageHeader'
import { Panel } from '../../components/Panel'
import { StatCard } from '../../components/StatCard'
import { useCurrentUser } from '../auth/session'
import { useYear } from '../catalog/useYear'
import { YearSelect } from '../catalog/YearSelect'
import { ExportButton } from '../exports/ExportButton'
import { ChaseList } from '../overview/OverviewTables'
import { ReadOnlyNote } from '../regions/ReadOnlyNote'
import { useRegion } from '../regions/useRegion'
import { chaseTallies } from './chase'
import { ChaseButton } from './ChaseButton'
import { ChaseHistoryPanel } from './ChaseHistoryPanel'
import { chaseHistoryQuery, remindersQuery } from './queries'
import { copyText, rosterText, type CountyReminders } from './remind'

/**
 * `/reminders?year=`: 催报 — bureaus that have not reported, and those that reported late; the office
 * chases the former (一键催报), and the record of every chase (催报记录) shows what reached whom.
 */
export default function RemindersPage() {
  return (
    <App component={false}>
      <RemindersBody />
    </App>
  )
}

function RemindersBody() {
  const { message } = App.useApp()
  const user = useCurrentUser()
  const { year, setYear, cycles } = useYear()
  const { regionId } = useRegion()
  const reminders = useQuery({ ...remindersQuery(year ?? 0, regionId), enabled: year !== null })
  const county = reminders.data?.scope === 'county' ? (reminders.data as CountyReminders) : null
  const history = useQuery({ ...chaseHistoryQuery(year ?? 0), enabled: year !== null && can(user, 'allBureaus') })
  const chases = history.data ? chaseTallies(history.data.records) : undefined
  const rows = county?.chase ?? []
  const overdue = county ? county.outstanding.filter((b) => b.daysOverdue > 0).length : 0

  const copy = async () => {
    if (!county) return
    if (await copyText(rosterText(county))) message.success('催报名单已复制，可粘贴到通知或工作群')
    else message.error('复制失败，请手动选择文字复制')
  }

  return (
    <div className="page">
      <PageHeader
        title="催报"
        subtitle={county ? `${county.year} 年度报告上报截止日期：${county.dueDate}` : '未上报和逾期上报的单位'}
        extra={
          <Space size={8} wrap>
            {year !== null && <ExportButton kind="reporting" year={year} regionId={regionId} />}
            {year !== null && <ExportButton kind="chase" year={year} regionId={regionId} />}
            <YearSelect cycles={cycles.data ?? []} value={year} onChange={setYear} />
          </Space>
        }
      />
      {cycles.isError && <ErrorState error={cycles.error} onRetry={() => cycles.refetch()} />}
      {county && (
        <div className="stat-grid" style={{ gridTemplateColumns: 'repeat(3, minmax(0, 1fr))' }}>
          <StatCard name="outstanding" title="尚未上报" value={county.outstanding.length} detail="未填报、草稿或退回待重报的单位" />
          <StatCard name="overdue" title="逾期未报" value={<span className={overdue ? 'text-bad' : undefined}>{overdue}</span>} detail="已过截止日期仍未上报" />
          <StatCard name="late" title="逾期上报" value={county.late.length} detail="截止日期之后才上报" />
        </div>
      )}
      {county && county.outstanding.length > 0 && overdue === 0 && (
        <Alert className="page-alert" type="info" showIcon title={`尚未到上报截止日期（${county.dueDate}），以下单位还未上报`} />
      )}
      {county && county.late.length > 0 && (
        <Alert className="page-alert" type="info" showIcon title={`${county.late.length} 个单位逾期上报：已经上报，一键催报不再向其发送`} />
      )}
      <Panel
        title="催报名单"
        extra={
          <Space size={8} wrap>
            {/* A city office reads a county's list; that county's office chases it. */}
            {county && can(user, 'chaseBureaus') && (regionId === null || regionActedOn(user, regionId) ? <ChaseButton reminders={county} /> : <ReadOnlyNote />)}
            <Button icon={<CopyOutlined />} onClick={copy} disabled={!county}>
              复制名单
            </Button>
          </Space>
        }
        loading={reminders.isPending && year !== null}
        error={reminders.error}
        onRetry={() => reminders.refetch()}
        empty={rows.length === 0}
        emptyText="各单位均已按时上报"
      >
        {() => <ChaseList rows={rows} year={year!} chases={chases} />}
      </Panel>
      {year !== null && can(user, 'allBureaus') && <ChaseHistoryPanel year={year} />}
    </div>
  )
}
