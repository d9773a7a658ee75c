import type { Cycle } from '@fazhi/shared'
import { Select } from 'antd'

interface YearSelectProps {
  cycles: readonly Cycle[]
  value: number | null
  onChange: (year: number) => void
}

/** Picks the reporting year; years still open for reporting are marked. */
export function YearSelect({ cycles, value, onChange }: YearSelectProps) {
  const options = [...cycles]
    .sort((a, b) => b.year - a.year)
    .map((c) => ({ value: c.year, label: c.due ? `${c.year} 年度` : `${c.year} 年度（填报中）` }))
  return (
    <Select
      aria-label="选择年度"
      value={value ?? undefined}
      options={options}
      onChange={onChange}
      style={{ width: 188 }}
      loading={!cycles.length}
    />
  )
}
