// Whether an imported report is the bureau's own county's. Pure.

/** 西峡县 → 西峡, 某某自治县 → 某某: a place's name without its level word. */
const stem = (name: string) => name.replace(/(?:自治县|自治旗|县|区|市|旗)$/, '')

/** 南阳市西峡县 holds 西峡县 under its city; 河东区 does not hold 东区. */
const holds = (long: string, short: string) => long.endsWith(short) && /[省市州盟]$/.test(long.slice(0, -short.length))

const samePlace = (a: string, b: string) => a === b || holds(a, b) || holds(b, a) || (stem(a).length >= 2 && stem(a) === stem(b))

/**
 * Whether the county or district a report names as its own (`reported`) is the bureau's region or a
 * region above it (`regionNames`, the bureau's first). A name may carry its city (南阳市西峡县) or
 * drop its level word (西峡): both name 西峡县. 西峡县 and 示例县 differ.
 */
export function sameCounty(reported: string, regionNames: readonly string[]): boolean {
  const name = reported.trim()
  return regionNames.some((r) => samePlace(name, r.trim()))
}
