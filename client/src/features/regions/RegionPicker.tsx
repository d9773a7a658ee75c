import { TreeSelect } from 'antd'
import { useMemo } from 'react'
import { useCurrentUser } from '../auth/session'
import { regionTree } from '../organisation/organisation'
import { useRegion } from './useRegion'

/**
 * 地区: the region every page shows, picked from the account's own region and those below it.
 * Shown only when there is more than one to pick; an account bound to no region may clear it (全部地区).
 */
export function RegionPicker({ className }: { className?: string }) {
  const user = useCurrentUser()
  const { regionId, setRegion, choices } = useRegion()
  const tree = useMemo(() => regionTree(choices), [choices])
  if (choices.length < 2) return null
  return (
    <label className={className}>
      <span className="region-picker-label">地区</span>
      <TreeSelect
        aria-label="选择地区"
        className="region-picker"
        value={regionId ?? undefined}
        treeData={tree}
        fieldNames={{ label: 'title', value: 'key' }}
        treeDefaultExpandAll
        allowClear={user.regionId === null}
        placeholder="全部地区"
        popupMatchSelectWidth={false}
        onChange={(next: number | undefined) => setRegion(next ?? null)}
      />
    </label>
  )
}
