import type { Key, ReactNode } from 'react'

export interface PrintColumn<T> {
  title: ReactNode
  align?: 'left' | 'right' | 'center'
  width?: number | string
  render: (row: T, index: number) => ReactNode
}

interface PrintTableProps<T> {
  columns: PrintColumn<T>[]
  rows: readonly T[]
  rowKey: (row: T) => Key
  rowClassName?: (row: T) => string | undefined
  /** A closing row, e.g. totals; given one cell per column. */
  footer?: ReactNode[]
  label: string
}

/** A plain table for paper: its header repeats on every page and no row is split across pages. */
export function PrintTable<T>({ columns, rows, rowKey, rowClassName, footer, label }: PrintTableProps<T>) {
  return (
    <table className="report-table" aria-label={label}>
      <thead>
        <tr>
          {columns.map((c, i) => (
            <th key={i} style={{ textAlign: c.align ?? 'left', width: c.width }}>
              {c.title}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => (
          <tr key={rowKey(row)} className={rowClassName?.(row)}>
            {columns.map((c, i) => (
              <td key={i} style={{ textAlign: c.align ?? 'left' }}>
                {c.render(row, index)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
      {footer && (
        <tfoot>
          <tr>
            {footer.map((cell, i) => (
              <td key={i} style={{ textAlign: columns[i]?.align ?? 'left' }}>
                {cell}
              </td>
            ))}
          </tr>
        </tfoot>
      )}
    </table>
  )
}
