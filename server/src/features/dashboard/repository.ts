import { type Grade, REPORTED_STATUSES, type SubmissionStatus } from '@fazhi/shared'
import { and, eq, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { preparedOf } from '../../db/prepared'
import { legalityReviews, publicityEvents, studySessions } from '../../db/schema'
import { CATEGORY_COLUMNS, scoreStore } from './scores'

/** A bureau of a year's board with its pre-aggregated bureau-year row (all nulls when it has none). */
export interface BoardSourceRow {
  id: number
  code: string
  name: string
  short_name: string
  type: string
  region_id: number
  region_name: string
  has_enforcement: number
  category: string | null
  active_from: number
  active_until: number | null
  successor_id: number | null
  bureau_version: number
  dirty: number | null
  status: SubmissionStatus | null
  submitted_at: string | null
  first_submitted_at: string | null
  late_resubmissions: number
  score: number | null
  completion: number | null
  fill_rate: number | null
  cat_lead: number | null
  cat_study: number | null
  cat_review: number | null
  cat_publicity: number | null
  cat_disclosure: number | null
  cat_enforcement: number | null
  cat_oversight: number | null
  cat_rectification: number | null
  bonus: number | null
  deduction: number | null
  grade_cap: Grade | null
  rect_total: number | null
  rect_not_started: number | null
  rect_in_progress: number | null
  rect_pending: number | null
  rect_done: number | null
  rect_overdue: number | null
  valid_from: number | null
  valid_until: number | null
}

/** A ranked bureau-year of the whole county, with what the ranking rule and the veto need. */
export interface RankedRow {
  bureauId: number
  code: string
  status: SubmissionStatus
  score: number
  completion: number
  gradeCap: Grade | null
  validFrom: number | null
  validUntil: number | null
}

const BOARD_COLUMNS = `b.id, b.code, b.name, b.short_name, b.type, b.region_id, r.name as region_name, CAST(b.has_enforcement AS integer) as has_enforcement,
  b.category, b.active_from, b.active_until, b.successor_id, b.version as bureau_version,
  CAST(c.dirty AS integer) as dirty, c.status, c.submitted_at, c.first_submitted_at, c.late_resubmissions, c.score, c.completion, c.fill_rate, ${Object.values(CATEGORY_COLUMNS).map((col) => `c.${col}`).join(', ')},
  c.bonus, c.deduction, c.grade_cap, c.rect_total, c.rect_not_started, c.rect_in_progress, c.rect_pending, c.rect_done, c.rect_overdue, c.valid_from, c.valid_until`

/**
 * Board rows are read as arrays and shaped here, by the positions the statement itself gives each
 * column name (a missing name fails when the statement is prepared): better-sqlite3 builds a keyed
 * object per row far more slowly than V8 builds a literal (a province's 5,000 rows: 38 → 24 ms CPU,
 * measured; filling an object name by name in a loop took 95 ms).
 */
function boardRowsShaped(columns: readonly string[]): (a: unknown[]) => BoardSourceRow {
  const positions = new Map(columns.map((name, i) => [name, i]))
  const at = (name: keyof BoardSourceRow) => {
    const i = positions.get(name)
    if (i === undefined) throw new Error(`board statement has no column ${name}`)
    return i
  }
  const [id, code, name, shortName, type, regionId, regionName, hasEnforcement, dirty, status, submittedAt, firstSubmittedAt, lateResubmissions, score, completion, fillRate] = (
    ['id', 'code', 'name', 'short_name', 'type', 'region_id', 'region_name', 'has_enforcement', 'dirty', 'status', 'submitted_at', 'first_submitted_at', 'late_resubmissions', 'score', 'completion', 'fill_rate'] as const
  ).map(at)
  const [category, activeFrom, activeUntil, successorId, bureauVersion, bonus, deduction, gradeCap] = (
    ['category', 'active_from', 'active_until', 'successor_id', 'bureau_version', 'bonus', 'deduction', 'grade_cap'] as const
  ).map(at)
  const [lead, study, review, publicity, disclosure, enforcement, oversight, rectification] = (
    ['cat_lead', 'cat_study', 'cat_review', 'cat_publicity', 'cat_disclosure', 'cat_enforcement', 'cat_oversight', 'cat_rectification'] as const
  ).map(at)
  const [rectTotal, rectNotStarted, rectInProgress, rectPending, rectDone, rectOverdue, validFrom, validUntil] = (
    ['rect_total', 'rect_not_started', 'rect_in_progress', 'rect_pending', 'rect_done', 'rect_overdue', 'valid_from', 'valid_until'] as const
  ).map(at)
  return (a) =>
    ({
      id: a[id], code: a[code], name: a[name], short_name: a[shortName], type: a[type], region_id: a[regionId], region_name: a[regionName],
      has_enforcement: a[hasEnforcement], category: a[category], active_from: a[activeFrom], active_until: a[activeUntil], successor_id: a[successorId],
      bureau_version: a[bureauVersion], dirty: a[dirty], status: a[status], submitted_at: a[submittedAt],
      first_submitted_at: a[firstSubmittedAt], late_resubmissions: a[lateResubmissions],
      score: a[score], completion: a[completion], fill_rate: a[fillRate],
      cat_lead: a[lead], cat_study: a[study], cat_review: a[review], cat_publicity: a[publicity], cat_disclosure: a[disclosure],
      cat_enforcement: a[enforcement], cat_oversight: a[oversight], cat_rectification: a[rectification],
      bonus: a[bonus], deduction: a[deduction], grade_cap: a[gradeCap],
      rect_total: a[rectTotal], rect_not_started: a[rectNotStarted], rect_in_progress: a[rectInProgress], rect_pending: a[rectPending], rect_done: a[rectDone],
      rect_overdue: a[rectOverdue], valid_from: a[validFrom], valid_until: a[validUntil],
    }) satisfies Record<keyof BoardSourceRow, unknown> as BoardSourceRow
}

export function dashboardRepository(db: Db) {
  const countFor = (table: typeof studySessions | typeof legalityReviews | typeof publicityEvents) =>
    db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(table)
      .where(and(eq(table.bureauId, sql.placeholder('bureauId')), eq(table.year, sql.placeholder('year'))))
      .prepare()
  const ledgerCounts = { study: countFor(studySessions), reviews: countFor(legalityReviews), publicity: countFor(publicityEvents) }

  // The hot reads are prepared once (see scores.ts on why not through Drizzle's builder).
  const { query, shaped, fragments } = preparedOf(db)
  const { fromIds } = fragments
  const versions = query<{ year: number; version: number }>('select year, version from dashboard_versions')
  // A year's board holds the bureaus that existed that year (its expected reports), not today's.
  const EXISTS_IN_YEAR = 'b.active_from <= @year and (b.active_until is null or b.active_until >= @year)'
  const boardAll = shaped(
    `select ${BOARD_COLUMNS}
       from bureaus b join regions r on r.id = b.region_id
       left join bureau_year_scores c on c.year = @year and c.bureau_id = b.id
      where ${EXISTS_IN_YEAR}
      order by b.id`,
    boardRowsShaped,
  )
  const boardIn = shaped(
    `select ${BOARD_COLUMNS}
       from ${fromIds('regions')} bureaus b on b.region_id = j.value
       join regions r on r.id = b.region_id
       left join bureau_year_scores c on c.year = @year and c.bureau_id = b.id
      where ${EXISTS_IN_YEAR}
      order by b.id`,
    boardRowsShaped,
  )
  const boardOf = shaped(
    `select ${BOARD_COLUMNS}
       from ${fromIds('bureaus')} bureaus b on b.id = j.value
       join regions r on r.id = b.region_id
       left join bureau_year_scores c on c.year = @year and c.bureau_id = b.id`,
    boardRowsShaped,
  )
  const changedSince = query<{ bureau_id: number }>('select bureau_id from bureau_year_scores where year = @year and version > @version')
  const scoredBureaus = query<{ bureau_id: number }>('select bureau_id from bureau_year_scores where year = @year')
  const scoredAmong = query<{ bureau_id: number }>(`select c.bureau_id from ${fromIds('bureaus')} bureau_year_scores c on c.year = @year and c.bureau_id = j.value`)
  const indicatorValuesIn = query<{ bureau_id: number; indicator_values: string | null }>(
    `select j.value as bureau_id, c.indicator_values
       from ${fromIds('bureaus')} bureau_year_scores c on c.year = @year and c.bureau_id = j.value`,
  )
  // The county-wide facts an 优秀 quota needs in a region's view: every ranked bureau-year with what the ranking rule and the veto need.
  const RANKED_COLUMNS = 'c.bureau_id as "bureauId", b.code, c.status, c.score, c.completion, c.grade_cap as "gradeCap", c.valid_from as "validFrom", c.valid_until as "validUntil"'
  const REPORTED = `c.status in (${REPORTED_STATUSES.map((st) => `'${st}'`).join(', ')}) and ${EXISTS_IN_YEAR}`
  const rankedInYear = query<RankedRow>(`select ${RANKED_COLUMNS} from bureau_year_scores c join bureaus b on b.id = c.bureau_id where c.year = @year and ${REPORTED}`)
  const rankedAmong = query<RankedRow>(
    `select ${RANKED_COLUMNS} from ${fromIds('bureaus')} bureau_year_scores c on c.year = @year and c.bureau_id = j.value
       join bureaus b on b.id = c.bureau_id where ${REPORTED}`,
  )
  const rowsOfYear = query<{ n: number }>('select CAST(count(*) AS integer) as n from bureau_year_scores where year = @year')
  const regionTree = query<{ id: number }>(
    `with recursive tree(id) as (select id from regions where id = @id union all select r.id from regions r join tree on r.parent_id = tree.id)
     select id from tree`,
  )
  const regionById = query<{ id: number; name: string }>('select id, name from regions where id = @id')
  /** Reads that must see one state of the database (two statements, no write committed between them). */
  const snapshot = <T>(read: () => Promise<T>) => db.connection.transaction(read, { behavior: 'deferred' })
  const bureauIdsOf = (rows: { bureau_id: number }[]) => rows.map((r) => r.bureau_id)

  return {
    /** The pre-aggregated bureau-year rows (shared by every repository on this database). */
    scores: scoreStore(db),
    /** The change counter of every year (0: changes that concern all years). */
    async versions(): Promise<Map<number, number>> {
      return new Map((await versions.all()).map((v) => [v.year, v.version]))
    },
    /** The bureaus that exist in `year` (of the given regions, or all), each with its pre-aggregated row of `year`, by id. */
    async boardRows(year: number, regionIds: readonly number[] | null): Promise<BoardSourceRow[]> {
      return regionIds ? await boardIn.all({ year, regions: regionIds }) : await boardAll.all({ year })
    },
    /** The given bureaus with their pre-aggregated rows of `year`. */
    async boardRowsOf(year: number, bureauIds: readonly number[]): Promise<BoardSourceRow[]> {
      return await boardOf.all({ year, bureaus: bureauIds })
    },
    /**
     * What changed in a year's pre-aggregated rows since its change counter was `version`: rows computed since, and which
     * of `bureauIds` (null: every bureau) have a row at all (a row that went is not above any counter).
     */
    async changesSince(year: number, version: number, bureauIds: readonly number[] | null): Promise<{ recomputed: number[]; scored: Set<number> }> {
      return await snapshot(async () => ({
        recomputed: bureauIdsOf(await changedSince.all({ year, version })),
        scored: new Set(bureauIdsOf(bureauIds ? await scoredAmong.all({ year, bureaus: bureauIds }) : await scoredBureaus.all({ year }))),
      }))
    },
    async indicatorValues(year: number, bureauIds: readonly number[]) {
      return await indicatorValuesIn.all({ year, bureaus: bureauIds })
    },
    /** Every ranked (reported, existing) bureau-year of a year, or those of the given bureaus that are. */
    async rankedRows(year: number, bureauIds?: readonly number[]): Promise<RankedRow[]> {
      return bureauIds ? await rankedAmong.all({ year, bureaus: bureauIds }) : await rankedInYear.all({ year })
    },
    /** The rows of a year recomputed since its change counter was `version`, and how many rows the year has (a row that went is in neither). */
    async recomputedSince(year: number, version: number): Promise<{ recomputed: number[]; rows: number }> {
      return await snapshot(async () => ({ recomputed: bureauIdsOf(await changedSince.all({ year, version })), rows: (await rowsOfYear.get({ year }))!.n }))
    },
    async region(id: number) {
      return await regionById.get({ id })
    },
    /** A region and every region below it. */
    async regionTree(id: number): Promise<number[]> {
      return (await regionTree.all({ id })).map((r) => r.id)
    },
    async ledgerCounts(bureauId: number, year: number) {
      return {
        // `execute` (rows), not `get`: PostgreSQL's prepared queries have only `execute`.
        studySessions: (await ledgerCounts.study.execute({ bureauId, year }))[0]!.n,
        legalityReviews: (await ledgerCounts.reviews.execute({ bureauId, year }))[0]!.n,
        publicityEvents: (await ledgerCounts.publicity.execute({ bureauId, year }))[0]!.n,
      }
    },
  }
}
export type DashboardRepository = ReturnType<typeof dashboardRepository>
