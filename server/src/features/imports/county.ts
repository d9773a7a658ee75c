// Whether an imported report is the bureau's own county's. Pure.

/** 西峡县 → 西峡, 某某自治县 → 某某: a place's name without its level word. */
const stem = (name: string) => name.replace(/(?:自治县|自治旗|县|区|市|旗)$/, '')

/** 南阳市西峡县 holds 西峡县 under its city; 河东区 does not hold 东区. */
const holds = (long: string, short: string) => long.endsWith(short) && /[省市州盟]$/.test(long.slice(0, -short.length))

const samePlace = (a: string, b: string) => a === b || holds(a, b) || holds(b, a) || (stem(a).length >= 1 && stem(a) === stem(b))

/**
 * Whether the county or district a report names as its own (`reported`) is another than the bureau's
 * region and every region above it (`regionNames`). A name may carry its city (南阳市西峡县) or drop
 * its level word (西峡): both name 西峡县; 西峡县 and 示例县 differ. A level word alone (县, 市, as
 * in 县市场监督管理局), or a name that starts with one (区城市, from 区城市管理局), names no place: no warning.
 */
export function isOtherCounty(reported: string, regionNames: readonly string[]): boolean {
  const name = reported.trim()
  if (stem(name).length === 0 || /^[省市州县区旗]/.test(name)) return false
  return !regionNames.some((r) => samePlace(name, r.trim()))
}
