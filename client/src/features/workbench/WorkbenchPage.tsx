import { useQuery } from '@tanstack/react-query'
import { Empty, Skeleton } from 'antd'
import { ErrorState } from '../../components/ErrorState'
import { PageHeader } from '../../components/PageHeader'
import { useYear } from '../catalog/useYear'
import { YearSelect } from '../catalog/YearSelect'
import { entryYear } from '../entry/form'
import { useRegion } from '../regions/useRegion'
import { BureauWorkbench } from './BureauWorkbench'
import { LeaderWorkbench } from './LeaderWorkbench'
import { OfficeWorkbench } from './OfficeWorkbench'
import { workbenchQuery } from './queries'
import { useMarkSeenOnLeave } from './useMarkSeen'
import './workbench.css'

/** 工作台: each role's tasks for the working year and what changed since the last visit. */
export default function WorkbenchPage() {
  const { year, setYear, cycles } = useYear(entryYear)
  const { regionId } = useRegion()
  const workbench = useQuery({ ...workbenchQuery(year ?? 0, regionId), enabled: year !== null })
  useMarkSeenOnLeave(workbench.data?.changes.asOf)
  const data = workbench.data

  let body
  if (cycles.isPending || (year !== null && workbench.isPending)) body = <Skeleton active paragraph={{ rows: 8 }} />
  else if (cycles.isError) body = <ErrorState error={cycles.error} onRetry={() => cycles.refetch()} />
  else if (year === null) body = <Empty description="尚未设置填报年度" />
  else if (workbench.isError) body = <ErrorState error={workbench.error} onRetry={() => workbench.refetch()} />
  else if (data?.scope === 'office') body = <OfficeWorkbench data={data} />
  else if (data?.scope === 'bureau') body = <BureauWorkbench data={data} />
  else if (data?.scope === 'leader') body = <LeaderWorkbench data={data} compare={cycles.data.find((c) => c.year === year)?.due ?? false} />

  return (
    <div className="page workbench">
      <PageHeader title="工作台" subtitle="待办事项、下一个截止日期和上次访问以来的变化" extra={<YearSelect cycles={cycles.data ?? []} value={year} onChange={setYear} />} />
      {body}
    </div>
  )
}
