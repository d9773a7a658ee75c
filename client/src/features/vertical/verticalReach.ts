import { can, type Region, regionsUnder, type User } from '@fazhi/shared'
import { useQuery } from '@tanstack/react-query'
import { regionsQuery } from '../organisation/queries'

/**
 * Whether the account reads the vertical view (纵向对比) on a page of its own: its region has regions
 * below it, so its type's bureaus stand side by side across them (a city office, 市科技局).
 */
export const readsVertical = (user: Pick<User, 'regionId'>, regions: readonly Region[]): boolean =>
  user.regionId !== null && regionsUnder(regions, user.regionId).size > 1

/** `readsVertical` for the signed-in account; false until the regions are known. */
export function useReadsVertical(user: User): boolean {
  const asks = can(user, 'readBusiness') && user.regionId !== null && !user.mustChangePassword
  const regions = useQuery({ ...regionsQuery(), enabled: asks })
  return asks && readsVertical(user, regions.data ?? [])
}
