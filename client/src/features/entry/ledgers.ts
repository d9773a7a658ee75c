import { LEDGER_TYPES, LEDGERS, type LedgerFieldDef, type LedgerType } from '@fazhi/shared'

// The ledgers (台账) as data, from their shared definitions: one form and one table serve them all.

export type LedgerField = { name: string; kind: LedgerFieldDef['kind'] | 'date'; label: string; options?: readonly string[]; width?: number }

export interface LedgerSpec {
  type: LedgerType
  label: string
  /** The word for one entry: 新增学法活动. */
  entry: string
  /** Form fields and table columns, in this order. */
  fields: readonly LedgerField[]
  /** Which indicators the ledger fills, for the hint under its table. */
  feeds: string
}

const DATE_FIELD: LedgerField = { name: 'date', label: '日期', kind: 'date', width: 120 }

export const LEDGER_SPECS: readonly LedgerSpec[] = LEDGER_TYPES.map((type) => {
  const { label, entry, feeds, fields } = LEDGERS[type]
  return { type, label, entry, feeds, fields: [DATE_FIELD, ...Object.entries(fields).map(([name, def]: [string, LedgerFieldDef]) => ({ name, ...def }))] }
})
