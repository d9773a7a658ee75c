import { GRADES, type Grade, type RankingRow } from '@fazhi/shared'

export interface RankingFilter {
  /** Part of the bureau's name, short name or code. */
  search: string
  /** Bureau types to keep; empty keeps all. */
  types: readonly string[]
  /** Grades (等次) to keep; empty keeps all. A row without a grade (a version published before grades) is kept only then. */
  grades: readonly Grade[]
}

export function filterRanking(rows: readonly RankingRow[], { search, types, grades }: RankingFilter): RankingRow[] {
  const needle = search.trim().toLowerCase()
  return rows.filter(
    (r) =>
      (types.length === 0 || types.includes(r.type)) &&
      (grades.length === 0 || (r.grade !== undefined && grades.includes(r.grade))) &&
      (!needle || r.name.toLowerCase().includes(needle) || r.shortName.toLowerCase().includes(needle) || r.code.toLowerCase().includes(needle)),
  )
}

/** A grade's place when sorting, 优秀 first; no grade last. */
export const gradeOrder = (grade: Grade | null | undefined) => (grade ? GRADES.indexOf(grade) : GRADES.length)

/** The grades present in the rows, best first: the grade filter's options. */
export const gradesIn = (rows: readonly RankingRow[]): Grade[] => GRADES.filter((g) => rows.some((r) => r.grade === g))
