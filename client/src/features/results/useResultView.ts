import { useQuery } from '@tanstack/react-query'
import { useCallback } from 'react'
import { useSearchParams } from 'react-router-dom'
import { keepRegion } from '../regions/regions'
import { resultVersionsQuery } from './queries'
import { chooseVersion, PARAM, type ResultViewChoice } from './view'

/**
 * The figures a page shows for a year: once the year has a published version (定稿), the newest one
 * by default, else live. The choice is kept in the URL, so links and reloads keep it. `ready` is
 * false until the versions are known, so a page does not show live figures and then jump.
 */
export function useResultView(year: number | null) {
  const [params, setParams] = useSearchParams()
  const versions = useQuery({ ...resultVersionsQuery(year ?? 0), enabled: year !== null })
  const list = versions.data ?? []
  const selected = chooseVersion(params.get(PARAM), list)
  const setView = useCallback(
    (choice: ResultViewChoice) =>
      setParams((current) => {
        const updated = new URLSearchParams(current)
        updated.set(PARAM, String(choice))
        return updated
      }),
    [setParams],
  )
  return {
    /** The version to ask the API for; undefined for live figures. */
    version: selected?.version,
    selected,
    versions: list,
    ready: year !== null && !versions.isPending,
    setView,
    /** The search string that keeps this view (and the region) on another page: `?year=2025&v=2&region=3`, or `?v=2` without a year. */
    search: (y?: number) => {
      const kept = new URLSearchParams()
      if (y !== undefined) kept.set('year', String(y))
      const choice = params.get(PARAM)
      if (choice) kept.set(PARAM, choice)
      keepRegion(params, kept)
      const text = kept.toString()
      return text ? `?${text}` : ''
    },
  }
}
export type ResultView = ReturnType<typeof useResultView>
