import { lazy, Suspense } from 'react'

const ImportStructurePanel = lazy(() => import('./ImportStructurePanel'))

/**
 * The bureau page's 年度报告结构检查 panel, loaded on its own: the bureau page's chunk does not
 * carry the import feature (and the schema library it brings).
 */
export function LatestImportCheck({ bureauId, year }: { bureauId: number; year: number }) {
  return (
    <Suspense fallback={null}>
      <ImportStructurePanel bureauId={bureauId} year={year} />
    </Suspense>
  )
}
