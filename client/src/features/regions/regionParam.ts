import { type Region, regionsUnder } from '@fazhi/shared'
import { useQuery } from '@tanstack/react-query'
import { useCallback } from 'react'
import { useSearchParams } from 'react-router-dom'
import { useCurrentUser } from '../auth/session'
import { regionsQuery } from '../organisation/queries'

/** The URL's region parameter: `?region=<id>`. */
export const REGION_PARAM = 'region'

/** The region a page shows by default: the account's own, or the installation's top region (the one without a parent). */
export function defaultRegionId(regions: readonly Region[], own: number | null): number | null {
  return own ?? regions.find((r) => r.parentId === null)?.id ?? null
}

/** The regions directly below a region. */
export const regionsBelow = (regions: readonly Region[], id: number): Region[] => regions.filter((r) => r.parentId === id)

/**
 * The region the city views look at, read from `?region=` (a region outside the account's reach
 * falls back to its own), and a setter that keeps the rest of the URL.
 */
export function useRegionParam() {
  const user = useCurrentUser()
  const regions = useQuery(regionsQuery())
  const [params, setParams] = useSearchParams()
  const list = regions.data ?? []
  const own = defaultRegionId(list, user.regionId)
  const asked = Number(params.get(REGION_PARAM))
  const reachable = own === null ? new Set<number>() : regionsUnder(list, own)
  const regionId = reachable.has(asked) ? asked : own
  const setRegion = useCallback(
    (id: number) =>
      setParams((current) => {
        const updated = new URLSearchParams(current)
        updated.set(REGION_PARAM, String(id))
        return updated
      }),
    [setParams],
  )
  return { regionId, region: list.find((r) => r.id === regionId) ?? null, regions: list, setRegion, ready: !regions.isPending }
}
