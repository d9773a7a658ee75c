import type { Cycle } from '@fazhi/shared'

/** The year a dashboard opens on: the latest one whose due date has passed, else the latest one. */
export function defaultYear(cycles: readonly Cycle[]): number | null {
  const years = (list: readonly Cycle[]) => list.map((c) => c.year)
  const due = years(cycles.filter((c) => c.due))
  if (due.length) return Math.max(...due)
  return cycles.length ? Math.max(...years(cycles)) : null
}

/** The year in the URL when it names a known cycle, otherwise the default year. */
export function resolveYear(param: string | null, cycles: readonly Cycle[]): number | null {
  const asked = param === null ? NaN : Number(param)
  return cycles.some((c) => c.year === asked) ? asked : defaultYear(cycles)
}
