import { lazy, Suspense } from 'react'
import { useCurrentUser } from '../auth/session'
import { useRegion } from './useRegion'

const RegionTreeSelect = lazy(() => import('./RegionTreeSelect'))

/**
 * 地区: the region every page shows, picked from the account's own region and those below it.
 * Shown only when there is more than one to pick.
 */
export function RegionPicker({ className }: { className?: string }) {
  const user = useCurrentUser()
  const { regionId, setRegion, choices } = useRegion()
  if (choices.length < 2) return null
  return (
    <label className={className}>
      <span>地区</span>
      <Suspense fallback={null}>
        <RegionTreeSelect choices={choices} value={regionId} clearable={user.regionId === null} onChange={setRegion} />
      </Suspense>
    </label>
  )
}
