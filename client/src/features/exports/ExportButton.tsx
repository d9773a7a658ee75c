import { DownloadOutlined } from '@ant-design/icons'
import { EXPORT_TABLES, type ExportKind } from '@fazhi/shared'
import { Button } from 'antd'
import { lazy, Suspense } from 'react'

export interface ExportButtonProps {
  kind: ExportKind
  year: number
  /** A published version's number; live figures without it. */
  version?: number
  /** The region whose rows it holds (with those below it); every region without it. */
  regionId?: number | null
}

// The menu and the download code load on their own, after the page's first screen (the initial
// bundle budget, tests/e2e/bundle.test.ts); until then the button stands in place, disabled.
const ExportMenu = lazy(() => import('./ExportMenu').then((m) => ({ default: m.ExportMenu })))

/** A button that downloads one of the year's export files (see `ExportMenu`). */
export function ExportButton(props: ExportButtonProps) {
  const placeholder = (
    <Button icon={<DownloadOutlined />} disabled>
      导出{EXPORT_TABLES[props.kind].title}
    </Button>
  )
  return (
    <Suspense fallback={placeholder}>
      <ExportMenu {...props} />
    </Suspense>
  )
}
