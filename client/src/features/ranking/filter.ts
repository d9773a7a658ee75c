import type { RankingRow } from '@fazhi/shared'

export interface RankingFilter {
  /** Part of the bureau's name, short name or code. */
  search: string
  /** Bureau types to keep; empty keeps all. */
  types: readonly string[]
}

export function filterRanking(rows: readonly RankingRow[], { search, types }: RankingFilter): RankingRow[] {
  const needle = search.trim().toLowerCase()
  return rows.filter(
    (r) =>
      (types.length === 0 || types.includes(r.type)) &&
      (!needle || r.name.toLowerCase().includes(needle) || r.shortName.toLowerCase().includes(needle) || r.code.toLowerCase().includes(needle)),
  )
}
