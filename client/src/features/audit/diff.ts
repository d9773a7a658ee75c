export type FieldChange = 'added' | 'removed' | 'changed' | 'same'

export interface FieldDiff {
  /** Dotted path into the record: `displayName`, `values.study.exam_pass_rate`. */
  path: string
  before: unknown
  after: unknown
  change: FieldChange
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Leaf values by dotted path; arrays and scalars are leaves, so a list reads as one value. */
function flatten(value: unknown, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (isRecord(value) && Object.keys(value).length) {
    for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}.${key}` : key, out)
  } else if (prefix) {
    out.set(prefix, value)
  } else if (value !== null && value !== undefined) {
    out.set('（值）', value)
  }
  return out
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/**
 * An audit event's before and after, field by field, in the order the fields first appear. Changed
 * fields come first when `changedFirst` is set, so a long record opens on what moved.
 */
export function diffRecords(before: unknown, after: unknown, { changedFirst = true } = {}): FieldDiff[] {
  const b = flatten(before)
  const a = flatten(after)
  const paths = [...new Set([...b.keys(), ...a.keys()])]
  const rows = paths.map((path): FieldDiff => {
    const inBefore = b.has(path)
    const inAfter = a.has(path)
    const change: FieldChange = !inBefore ? 'added' : !inAfter ? 'removed' : same(b.get(path), a.get(path)) ? 'same' : 'changed'
    return { path, before: b.get(path), after: a.get(path), change }
  })
  if (!changedFirst) return rows
  return [...rows.filter((r) => r.change !== 'same'), ...rows.filter((r) => r.change === 'same')]
}

/** A leaf value as text for the diff table. */
export function formatValue(value: unknown): string {
  if (value === undefined) return ''
  if (value === null) return 'null'
  if (typeof value === 'string') return value
  return JSON.stringify(value)
}
