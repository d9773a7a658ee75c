// A save that met someone else's change (409): what differs between the latest record and what the user typed. Pure.

export interface ConflictField {
  name: string
  label: string
  /** How a value reads on screen; default: as text, empty for none. */
  text?: (value: unknown) => string
}

export interface ConflictDifference {
  name: string
  label: string
  latest: string
  mine: string
}

const plain = (v: unknown) => (v === null || v === undefined ? '' : String(v).trim())

/** The fields where the latest record and the typed values read differently. */
export function conflictDifferences(fields: readonly ConflictField[], latest: object, mine: object): ConflictDifference[] {
  const valueOf = (record: object, name: string) => (record as Record<string, unknown>)[name]
  return fields.flatMap((f) => {
    const text = f.text ?? plain
    const [l, m] = [text(valueOf(latest, f.name)), text(valueOf(mine, f.name))]
    return l === m ? [] : [{ name: f.name, label: f.label, latest: l || '（空）', mine: m || '（空）' }]
  })
}
