import { useQuery } from '@tanstack/react-query'
import { useCallback } from 'react'
import { useSearchParams } from 'react-router-dom'
import type { Cycle } from '@fazhi/shared'
import { cyclesQuery } from './queries'
import { resolveYear } from './years'

/**
 * The reporting year a page shows, kept in `?year=` so links and reloads keep it. Without one,
 * `pick` chooses: dashboards default to the latest year already due, work pages to the open one.
 */
export function useYear(pick: (param: string | null, cycles: readonly Cycle[]) => number | null = resolveYear) {
  const cycles = useQuery(cyclesQuery())
  const [params, setParams] = useSearchParams()
  const year = cycles.data ? pick(params.get('year'), cycles.data) : null
  const setYear = useCallback(
    (next: number) =>
      setParams((current) => {
        const updated = new URLSearchParams(current)
        updated.set('year', String(next))
        return updated
      }),
    [setParams],
  )
  return { year, setYear, cycles }
}
