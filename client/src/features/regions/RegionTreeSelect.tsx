import type { Region } from '@fazhi/shared'
import { TreeSelect } from 'antd'
import { useMemo } from 'react'
import { regionTree } from '../organisation/organisation'

interface RegionTreeSelectProps {
  choices: readonly Region[]
  value: number | null
  /** An account bound to no region may clear the choice (全部地区). */
  clearable: boolean
  onChange: (regionId: number | null) => void
}

/** The picker's tree of regions; loaded on its own, only for accounts with regions to pick (the initial bundle budget). */
export default function RegionTreeSelect({ choices, value, clearable, onChange }: RegionTreeSelectProps) {
  const tree = useMemo(() => regionTree(choices), [choices])
  return (
    <TreeSelect
      aria-label="选择地区"
      className="region-picker"
      value={value ?? undefined}
      treeData={tree}
      fieldNames={{ label: 'title', value: 'key' }}
      treeDefaultExpandAll
      allowClear={clearable}
      placeholder="全部地区"
      popupMatchSelectWidth={false}
      onChange={(next: number | undefined) => onChange(next ?? null)}
    />
  )
}
