import { useQuery } from '@tanstack/react-query'
import { Empty, Skeleton } from 'antd'
import { ErrorState } from '../../components/ErrorState'
import { PageHeader } from '../../components/PageHeader'
import { useCurrentUser } from '../auth/session'
import { bureausQuery } from '../catalog/queries'
import { useYear } from '../catalog/useYear'
import { YearSelect } from '../catalog/YearSelect'
import { useRegion } from '../regions/useRegion'
import VerticalPanel from './VerticalPanel'

/**
 * 纵向对比: one bureau type across the regions below the account's (every county 科技局 of the city).
 * A city bureau starts on its own type; the office picks among the types.
 */
export default function VerticalPage() {
  const user = useCurrentUser()
  const { year, setYear, cycles } = useYear()
  const { regionId } = useRegion()
  const bureaus = useQuery({ ...bureausQuery(), enabled: user.bureauId !== null })
  const ownType = bureaus.data?.find((b) => b.id === user.bureauId)?.type ?? null

  let body
  if (cycles.isPending || (user.bureauId !== null && bureaus.isPending)) body = <Skeleton active paragraph={{ rows: 8 }} />
  else if (cycles.isError) body = <ErrorState error={cycles.error} onRetry={() => cycles.refetch()} />
  else if (year === null) body = <Empty description="尚未设置填报年度" />
  else body = <VerticalPanel key={regionId ?? 'all'} year={year} regionId={regionId} initialType={ownType} />

  return (
    <div className="page">
      <PageHeader
        title="纵向对比"
        subtitle="同类单位在各下级地区的上报、得分与分类指标达成度"
        extra={<YearSelect cycles={cycles.data ?? []} value={year} onChange={setYear} />}
      />
      {body}
    </div>
  )
}
