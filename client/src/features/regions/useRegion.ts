import { can } from '@fazhi/shared'
import { useQuery } from '@tanstack/react-query'
import { useCallback, useMemo } from 'react'
import { useSearchParams } from 'react-router-dom'
import { useCurrentUser } from '../auth/session'
import { regionsQuery } from '../organisation/queries'
import { pickRegion, REGION_PARAM, regionChoices } from './regions'

/**
 * The region a page shows, kept in `?region=` so links and reloads keep it. Without one, the
 * account's own region (null: every region). `choices` are the regions the account may pick.
 */
export function useRegion() {
  const user = useCurrentUser()
  const regions = useQuery({ ...regionsQuery(), enabled: can(user, 'readBusiness') })
  const [params, setParams] = useSearchParams()
  const choices = useMemo(() => (regions.data ? regionChoices(regions.data, user.regionId) : null), [regions.data, user.regionId])
  const regionId = pickRegion(params.get(REGION_PARAM), user.regionId, choices)
  const setRegion = useCallback(
    (next: number | null) =>
      setParams((current) => {
        const updated = new URLSearchParams(current)
        if (next === null) updated.delete(REGION_PARAM)
        else updated.set(REGION_PARAM, String(next))
        return updated
      }),
    [setParams],
  )
  return { regionId, setRegion, choices: choices ?? [], regions: regions.data ?? [] }
}
