import { lazy, Suspense } from 'react'
import type { ResultView } from './useResultView'

// The controls load on their own, and only for a year that has a published version: the first
// screen of a year without one does not carry them (the initial bundle budget, tests/e2e/bundle.test.ts).
const VersionSwitch = lazy(() => import('./ResultViewControls').then((m) => ({ default: m.VersionSwitch })))
const VersionNote = lazy(() => import('./ResultViewControls').then((m) => ({ default: m.VersionNote })))

/** The switch between the live figures (实时数据) and the year's published versions; nothing before the first publication. */
export function ResultViewSwitch({ view }: { view: ResultView }) {
  if (!view.versions.length) return null
  return (
    <Suspense fallback={null}>
      <VersionSwitch view={view} />
    </Suspense>
  )
}

/** Says which figures the page shows: a published version and its title, or live figures that may still change. */
export function ResultViewNote({ view }: { view: ResultView }) {
  if (!view.versions.length) return null
  return (
    <Suspense fallback={null}>
      <VersionNote view={view} />
    </Suspense>
  )
}
