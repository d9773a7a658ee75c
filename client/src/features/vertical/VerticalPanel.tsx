import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { Select } from 'antd'
import { useState } from 'react'
import { Panel } from '../../components/Panel'
import { verticalQuery } from './queries'
import { VerticalView } from './VerticalView'

/**
 * `regionId`: the page's region (null: every region); `initialType`: the type shown first (a city
 * bureau's own), without it the server's first comparable one.
 */
export default function VerticalPanel({ year, regionId, initialType = null }: { year: number; regionId: number | null; initialType?: string | null }) {
  const [picked, setPicked] = useState<string | null>(initialType)
  const comparison = useQuery({ ...verticalQuery(year, regionId, picked), placeholderData: keepPreviousData })
  const types = comparison.data?.types ?? []
  const type = comparison.data?.type ?? null
  return (
    <Panel
      title="同类单位跨地区对比"
      extra={
        <Select
          aria-label="选择单位类型"
          value={type ?? undefined}
          onChange={setPicked}
          options={types.map((t) => ({ value: t, label: t }))}
          style={{ width: 200 }}
          showSearch
        />
      }
      loading={comparison.isPending}
      error={comparison.error}
      onRetry={() => comparison.refetch()}
      empty={type === null || !comparison.data?.rows.length}
      emptyText={type === null ? '暂无跨地区的同类单位' : '该年度暂无上报数据'}
    >
      {() => <VerticalView data={comparison.data!} />}
    </Panel>
  )
}
