import type { ResultVersion } from '@fazhi/shared'

/** `?v=live` shows the live figures; `?v=2` version 2; without it, the newest published version. */
export const PARAM = 'v'
export const LIVE = 'live'
export type ResultViewChoice = number | typeof LIVE

/** Which version a `?v=` asks for among the year's versions: the newest one unless it names another, or live. */
export function chooseVersion(param: string | null, versions: readonly ResultVersion[]): ResultVersion | undefined {
  if (param === LIVE) return undefined
  return versions.find((v) => String(v.version) === param) ?? versions.at(-1)
}

