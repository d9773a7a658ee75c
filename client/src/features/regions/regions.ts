// The region a page shows: its choices, the `?region=` it is kept in, and the query parameter it becomes.
import { type Region, regionActedOn, regionsUnder } from '@fazhi/shared'

/** `?region=5`: the pages show region 5 and the regions below it. */
export const REGION_PARAM = 'region'

/** The regions an account may pick: its own region's subtree, or every region when it is bound to none. */
export function regionChoices(regions: readonly Region[], userRegionId: number | null): Region[] {
  if (userRegionId === null) return [...regions]
  const under = regionsUnder(regions, userRegionId)
  return regions.filter((r) => under.has(r.id))
}

/**
 * The region a `?region=` asks for, when it is one of the choices; otherwise the account's own
 * (null: every region). Until the regions are known (`choices` null), a well-formed parameter is taken as it is.
 */
export function pickRegion(param: string | null, userRegionId: number | null, choices: readonly Region[] | null): number | null {
  const asked = param !== null && /^[1-9]\d*$/.test(param) ? Number(param) : null
  if (asked === null) return userRegionId
  if (choices === null) return asked
  return choices.some((r) => r.id === asked) ? asked : userRegionId
}

/** The `?region=` a link keeps, when the URL has one. */
export function keepRegion(current: URLSearchParams, next: URLSearchParams): URLSearchParams {
  const region = current.get(REGION_PARAM)
  if (region) next.set(REGION_PARAM, region)
  return next
}

/**
 * The region a bureau's figures are compared within: the page's region when the bureau lies in it
 * (or below it), else every region (null), so a link to a bureau elsewhere still opens.
 */
export function comparedWithin(regions: readonly Region[], regionId: number | null, bureauRegionId: number | undefined): number | null {
  if (regionId === null || bureauRegionId === undefined) return null
  return regionsUnder(regions, regionId).has(bureauRegionId) ? regionId : null
}

/**
 * Whether the account's rights reach a bureau for changes (`regionActedOn`). While the bureau's region
 * is not known, only an account bound to no region acts on it: a change is never offered and then withdrawn.
 */
export const actsOnRegionOf = (user: { regionId: number | null }, bureauRegionId: number | undefined): boolean =>
  bureauRegionId === undefined ? user.regionId === null : regionActedOn(user, bureauRegionId)

/** What a page says where the changes to a bureau it only reads would be. */
export const READ_ONLY_NOTE = '只读：该单位不属于本级管理'

const WHOLE_OF: Record<Region['level'], string> = { province: '全省', city: '全市', county: '全县' }

/** How a page names the area it covers: 全市 for a city, 全省 for a province, 全县 for a county or every region. */
export function wholeOf(regions: readonly Region[], regionId: number | null): string {
  const region = regionId === null ? undefined : regions.find((r) => r.id === regionId)
  return WHOLE_OF[region?.level ?? 'county']
}
