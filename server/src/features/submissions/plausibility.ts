import { carryCodes, plausibilityFlags, type PlausibilityFlag } from '@fazhi/shared'
import type { CatalogRepository } from '../catalog/repository'
import type { SubmissionRow, SubmissionsRepository, ValueRow } from './repository'

type Deps = { repo: Pick<SubmissionsRepository, 'reportedValues' | 'valuesWithPrevious'>; catalog: Pick<CatalogRepository, 'indicatorsForYear' | 'settingsForYear'> }

/** 校验规则 on stored submissions: the shared rule (`plausibilityFlags`) fed from the database. */
export function submissionPlausibility({ repo, catalog }: Deps) {
  /** The bureau's reported values of the year before `year`, under `year`'s codes: what the year-over-year check compares with. */
  const previousValuesOf = async (bureauId: number, year: number): Promise<Record<string, number>> =>
    carryCodes(await repo.reportedValues(bureauId, year - 1), (await catalog.settingsForYear(year)).codeMap)

  return {
    previousValues: previousValuesOf,

    /** A submission's flags, and last year's values they compare with (the entry form checks live against them). */
    async of(s: SubmissionRow, rows: readonly Pick<ValueRow, 'code' | 'value' | 'note'>[]): Promise<{ previousValues: Record<string, number>; flags: PlausibilityFlag[] }> {
      const previousValues = await previousValuesOf(s.bureauId, s.year)
      const values = new Map(rows.map((v) => [v.code, v]))
      return { previousValues, flags: plausibilityFlags(await catalog.indicatorsForYear(s.year), values, previousValues) }
    },

    /** How many values of each listed submission are flagged, by submission id. */
    async counts(filter: Parameters<SubmissionsRepository['valuesWithPrevious']>[0]): Promise<Map<number, number>> {
      const bySubmission = new Map<number, { year: number; bureauId: number; values: Map<string, { value: number; note: string | null }>; previous: Record<string, number> }>()
      for (const r of await repo.valuesWithPrevious(filter)) {
        let entry = bySubmission.get(r.submissionId)
        if (!entry) bySubmission.set(r.submissionId, (entry = { year: r.year, bureauId: r.bureauId, values: new Map(), previous: {} }))
        entry.values.set(r.code, { value: r.value!, note: r.note })
        if (r.previous !== null) entry.previous[r.code] = r.previous
      }
      const indicatorsOf = new Map<number, Awaited<ReturnType<CatalogRepository['indicatorsForYear']>>>()
      const codeMapOf = new Map<number, { from: string; to: string }[]>()
      const counts = new Map<number, number>()
      for (const [id, { year, bureauId, values, previous }] of bySubmission) {
        if (!indicatorsOf.has(year)) indicatorsOf.set(year, await catalog.indicatorsForYear(year))
        if (!codeMapOf.has(year)) codeMapOf.set(year, (await catalog.settingsForYear(year)).codeMap)
        // The join compares like codes; a year that renamed codes reads last year's values through its map.
        const codeMap = codeMapOf.get(year)!
        const compared = codeMap.length ? carryCodes(await repo.reportedValues(bureauId, year - 1), codeMap) : previous
        counts.set(id, plausibilityFlags((await indicatorsOf.get(year))!, values, compared).length)
      }
      return counts
    },
  }
}
export type SubmissionPlausibility = ReturnType<typeof submissionPlausibility>
