import { resultVersionLabel } from '@fazhi/shared'
import { Alert, Segmented, Select } from 'antd'
import type { ResultView } from './useResultView'
import { LIVE, type ResultViewChoice } from './view'

/** Up to this many versions are shown side by side; more go into a list. */
const SEGMENTS = 3

/** The switch between the live figures (实时数据) and the year's published versions. */
export function VersionSwitch({ view }: { view: ResultView }) {
  const options = [
    { value: LIVE as ResultViewChoice, label: '实时数据' },
    ...[...view.versions].reverse().map((v) => ({ value: v.version as ResultViewChoice, label: resultVersionLabel(v) })),
  ]
  const value: ResultViewChoice = view.version ?? LIVE
  return options.length <= SEGMENTS ? (
    <Segmented<ResultViewChoice> aria-label="数据版本" options={options} value={value} onChange={view.setView} />
  ) : (
    <Select<ResultViewChoice> aria-label="数据版本" options={options} value={value} onChange={view.setView} style={{ width: 230 }} />
  )
}

/** Says which figures the page shows: a published version and its title, or live figures that may still change. */
export function VersionNote({ view }: { view: ResultView }) {
  const { selected } = view
  return selected ? (
    <Alert
      className="page-alert"
      type="success"
      showIcon
      title={`当前显示${resultVersionLabel(selected)}《${selected.title}》：发布时冻结的数据，之后的审核和修改不影响这些数字。`}
    />
  ) : (
    <Alert className="page-alert" type="warning" showIcon title="当前显示实时数据：审核、重新打开和修改会随时改变这些数字，与已发布的定稿可能不同。" />
  )
}
