import { useQuery } from '@tanstack/react-query'
import { useCallback } from 'react'
import { useSearchParams } from 'react-router-dom'
import { cyclesQuery } from '../catalog/queries'
import { entryYear } from './form'

/**
 * The year in `?year=` for pages about the work in progress (entry, rectification): it defaults to
 * the latest open year, where the dashboards' `useYear` defaults to the latest year already due.
 */
export function useEntryYear() {
  const cycles = useQuery(cyclesQuery())
  const [params, setParams] = useSearchParams()
  const year = cycles.data ? entryYear(params.get('year'), cycles.data) : null
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
