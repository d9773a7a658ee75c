import { CATEGORIES, type CategoryCode, computeBureauScore, type Grade, type IndicatorResult, type ScoreAdjustment, scoringContextFor, type StoredValue, type SubmissionStatus } from '@fazhi/shared'
import type { Db } from '../../db/client'
import { preparedOf } from '../../db/prepared'
import { catalogRepository, type SchemeIndicator, type YearSettings } from '../catalog/repository'
import { summariseRectification, type TimeWindow } from './window'

/**
 * The pre-aggregated table `bureau_year_scores`: one row per bureau-year with a submission or
 * rectification items, holding what the summary, ranking and trends show. Triggers mark rows dirty
 * when their inputs change; the dashboard's board has this module recompute them, with the shared
 * scoring function, before it serves them. It is the one place a bureau-year is scored on the server.
 *
 * The statements are prepared once per database (`db/prepared.ts`): Drizzle builds its SQL text on
 * every call, which measured 1–2 ms per query here, more than the work itself.
 */

/** The database column of each category's attainment. */
export const CATEGORY_COLUMNS: Record<CategoryCode, string> = {
  lead: 'cat_lead',
  study: 'cat_study',
  review: 'cat_review',
  publicity: 'cat_publicity',
  disclosure: 'cat_disclosure',
  enforcement: 'cat_enforcement',
  oversight: 'cat_oversight',
  rectification: 'cat_rectification',
}

/** One bureau-year as stored (the columns the dashboard reads). */
export interface ScoreRow {
  year: number
  bureauId: number
  submissionId: number | null
  status: SubmissionStatus | null
  submittedAt: string | null
  firstSubmittedAt: string | null
  lateResubmissions: number
  score: number | null
  completion: number | null
  fillRate: number | null
  categories: Record<CategoryCode, number | null>
  /** Under the year's rules: bonus points and the late deduction inside `score`, and a veto's grade ceiling. */
  bonus: number | null
  deduction: number | null
  gradeCap: Grade | null
  rectTotal: number
  rectNotStarted: number
  rectInProgress: number
  rectPending: number
  rectDone: number
  rectOverdue: number
  /** Applicable indicators' values, code → value (JSON). */
  indicatorValues: string | null
  window: TimeWindow
  /** Each indicator's result (not stored: for the exports' matrix and a bureau's overview); null without a submission. */
  indicators: IndicatorResult[] | null
  /** The score before bonus and late deduction, and each adjustment in a sentence (not stored: for a bureau's overview). */
  baseScore: number | null
  adjustments: ScoreAdjustment[]
}

interface SubmissionInput {
  id: number
  bureau_id: number
  status: SubmissionStatus
  submitted_at: string | null
  first_submitted_at: string | null
  late_resubmissions: number
  published_at: string | null
  has_enforcement: number
  category: string | null
}
interface ValueInput {
  submission_id: number
  indicator_code: string
  value: number | null
  not_applicable: number
}
interface ItemInput {
  bureau_id: number
  status: string
  deadline: string
  verifiedAt: string | null
}

type YearIndicators = readonly SchemeIndicator[]
/** A year's indicators and settings, against which its rows are scored. */
type Scheme = { indicators: YearIndicators; settings: YearSettings }

/** Above this many rows of one year, reading the whole year at once beats reading bureau by bureau. */
const WHOLE_YEAR_FROM = 200

const stores = new WeakMap<Db, ReturnType<typeof createStore>>()

/** The score store of a database (its statements are prepared once). */
export function scoreStore(db: Db) {
  let store = stores.get(db)
  if (!store) stores.set(db, (store = createStore(db)))
  return store
}

function createStore(db: Db) {
  const catalog = catalogRepository(db)
  const { query, upsert: upsertOf, fragments } = preparedOf(db)
  const { fromIds, isTrue } = fragments
  const cycleOf = query<{ due_date: string; publish_deadline: string }>('select due_date, publish_deadline from cycles where year = @year')
  const years = query<{ year: number }>('select year from cycles order by year')

  // Whole year: every submission, value and item of the year, through the year indexes.
  const SUBMISSION_COLUMNS = `s.id, s.bureau_id, s.status, s.submitted_at, s.first_submitted_at, s.late_resubmissions, s.published_at,
    CAST(b.has_enforcement AS integer) as has_enforcement, b.category`
  const VALUE_COLUMNS = 'v.submission_id, v.indicator_code, v.value, CAST(v.not_applicable AS integer) as not_applicable'
  const yearSubmissions = query<SubmissionInput>(`select ${SUBMISSION_COLUMNS} from submissions s join bureaus b on b.id = s.bureau_id where s.year = @year`)
  const yearValues = query<ValueInput>(`select ${VALUE_COLUMNS} from submissions s join submission_values v on v.submission_id = s.id where s.year = @year`)
  const yearItems = query<ItemInput>('select bureau_id, status, deadline, verified_at as "verifiedAt" from rectification_items where year = @year')

  // Some bureaus (a list of ids): the same, through the bureau-and-year keys, the list as the outer loop.
  const someSubmissions = query<SubmissionInput>(
    `select ${SUBMISSION_COLUMNS}
       from ${fromIds('bureaus')} submissions s on s.bureau_id = j.value and s.year = @year
       join bureaus b on b.id = s.bureau_id`,
  )
  const someValues = query<ValueInput>(
    `select ${VALUE_COLUMNS}
       from ${fromIds('bureaus')} submissions s on s.bureau_id = j.value and s.year = @year
       join submission_values v on v.submission_id = s.id`,
  )
  const someItems = query<ItemInput>(
    `select r.bureau_id, r.status, r.deadline, r.verified_at as "verifiedAt"
       from ${fromIds('bureaus')} rectification_items r on r.bureau_id = j.value and r.year = @year`,
  )

  const dirtyRowsOf = query<{ bureau_id: number }>(`select bureau_id from bureau_year_scores where ${isTrue('dirty')} and year = @year`)
  const currentVersion = query<{ version: number }>('select version from dashboard_versions where year = @year')
  const RECT_COLUMNS = ['rect_total', 'rect_not_started', 'rect_in_progress', 'rect_pending', 'rect_done', 'rect_overdue']
  const upsert = upsertOf({
    table: 'bureau_year_scores',
    key: ['year', 'bureau_id'],
    columns: [
      ...['year', 'bureau_id', 'submission_id', 'status', 'submitted_at', 'first_submitted_at', 'late_resubmissions', 'score', 'completion', 'fill_rate'],
      ...Object.values(CATEGORY_COLUMNS),
      ...['bonus', 'deduction', 'grade_cap', ...RECT_COLUMNS, 'indicator_values', 'valid_from', 'valid_until', 'version'],
    ],
    constants: { dirty: 'false' },
  })
  const remove = query('delete from bureau_year_scores where year = @year and bureau_id = @bureauId')
  const removeAll = query('delete from bureau_year_scores')

  /**
   * The rows of `year` for the given bureaus (every bureau-year of the year when null), computed at
   * `now` from the source tables, against the year's `indicators` (given when the caller has them).
   * A bureau-year with neither a submission nor items has no row. `scheme`: the year's indicators and
   * settings (given when the caller has them, or to score a scheme not saved yet).
   */
  async function compute(
    year: number,
    bureauIds: readonly number[] | null,
    now: Date,
    scheme: Scheme,
  ): Promise<{ rows: ScoreRow[]; gone: number[] }> {
    const { indicators, settings } = scheme
    const cycle = await cycleOf.get({ year })
    if (!cycle) return { rows: [], gone: bureauIds ? [...bureauIds] : [] }
    const some = { year, bureaus: bureauIds }
    const submissions = bureauIds ? await someSubmissions.all(some) : await yearSubmissions.all({ year })
    const values = bureauIds ? await someValues.all(some) : await yearValues.all({ year })
    const items = bureauIds ? await someItems.all(some) : await yearItems.all({ year })

    const valuesBySubmission = new Map<number, Record<string, StoredValue>>()
    for (const v of values) {
      let stored = valuesBySubmission.get(v.submission_id)
      if (!stored) valuesBySubmission.set(v.submission_id, (stored = {}))
      stored[v.indicator_code] = { value: v.value, notApplicable: v.not_applicable === 1 }
    }
    const itemsByBureau = new Map<number, ItemInput[]>()
    for (const it of items) {
      const list = itemsByBureau.get(it.bureau_id)
      if (list) list.push(it)
      else itemsByBureau.set(it.bureau_id, [it])
    }
    const submissionByBureau = new Map(submissions.map((s) => [s.bureau_id, s]))
    const keys = bureauIds ?? [...new Set([...submissionByBureau.keys(), ...itemsByBureau.keys()])]

    const rows: ScoreRow[] = []
    const gone: number[] = []
    for (const bureauId of keys) {
      const submission = submissionByBureau.get(bureauId)
      const bureauItems = itemsByBureau.get(bureauId) ?? []
      if (!submission && bureauItems.length === 0) {
        gone.push(bureauId)
        continue
      }
      const rect = summariseRectification(bureauItems, now)
      const result = submission
        ? computeBureauScore(
            indicators,
            valuesBySubmission.get(submission.id) ?? {},
            scoringContextFor({
              hasEnforcement: submission.has_enforcement === 1,
              category: submission.category,
              publishedAt: submission.published_at,
              publishDeadline: cycle.publish_deadline,
              timing: { firstSubmittedAt: submission.first_submitted_at, lateResubmissions: submission.late_resubmissions },
              dueDate: cycle.due_date,
              rectification: rect,
            }),
            settings,
          )
        : null
      const categories = Object.fromEntries(
        CATEGORIES.map((c) => [c.code, result ? (result.categories.find((x) => x.category === c.code)?.attainment ?? null) : null]),
      ) as Record<CategoryCode, number | null>
      let indicatorValues: string | null = null
      if (result) {
        const applicable: Record<string, number> = {}
        for (const r of result.indicators) if (r.applicable && r.value !== null) applicable[r.code] = r.value
        indicatorValues = JSON.stringify(applicable)
      }
      rows.push({
        year,
        bureauId,
        submissionId: submission?.id ?? null,
        status: submission?.status ?? null,
        submittedAt: submission?.submitted_at ?? null,
        firstSubmittedAt: submission?.first_submitted_at ?? null,
        lateResubmissions: submission?.late_resubmissions ?? 0,
        score: result?.score ?? null,
        completion: result?.completion ?? null,
        fillRate: result?.fillRate ?? null,
        categories,
        bonus: result?.bonus ?? null,
        deduction: result?.deduction ?? null,
        gradeCap: result?.gradeCap ?? null,
        rectTotal: rect.total,
        rectNotStarted: rect.notStarted,
        rectInProgress: rect.inProgress,
        rectPending: rect.pending,
        rectDone: rect.done,
        rectOverdue: rect.overdue,
        indicatorValues,
        window: rect.window,
        indicators: result?.indicators ?? null,
        baseScore: result?.baseScore ?? null,
        adjustments: result?.adjustments ?? [],
      })
    }
    return { rows, gone }
  }

  const finite = (x: number) => (Number.isFinite(x) ? x : null)

  /** Stores computed rows (at the year's current change counter) and removes the bureau-years that have none any more. */
  async function write(year: number, { rows, gone }: { rows: ScoreRow[]; gone: number[] }): Promise<number> {
    const version = (await currentVersion.get({ year }))?.version ?? 0
    await upsert.write(
      rows.map((r) => ({
        year: r.year,
        bureau_id: r.bureauId,
        submission_id: r.submissionId,
        status: r.status,
        submitted_at: r.submittedAt,
        first_submitted_at: r.firstSubmittedAt,
        late_resubmissions: r.lateResubmissions,
        score: r.score,
        completion: r.completion,
        fill_rate: r.fillRate,
        ...Object.fromEntries(CATEGORIES.map((c) => [CATEGORY_COLUMNS[c.code], r.categories[c.code]])),
        bonus: r.bonus,
        deduction: r.deduction,
        grade_cap: r.gradeCap,
        rect_total: r.rectTotal,
        rect_not_started: r.rectNotStarted,
        rect_in_progress: r.rectInProgress,
        rect_pending: r.rectPending,
        rect_done: r.rectDone,
        rect_overdue: r.rectOverdue,
        indicator_values: r.indicatorValues,
        valid_from: finite(r.window.from),
        valid_until: finite(r.window.until),
        version,
      })),
    )
    await remove.runEach(gone.map((bureauId) => ({ year, bureauId })))
    return rows.length + gone.length
  }

  /** Recomputes the given bureau-years of one year (or the whole year) and stores them. */
  async function recompute(year: number, bureauIds: readonly number[] | null, now: Date, scheme: Scheme): Promise<number> {
    const whole = bureauIds === null || bureauIds.length > WHOLE_YEAR_FROM
    if (!whole) return await write(year, await compute(year, bureauIds, now, scheme))
    const all = await compute(year, null, now, scheme)
    if (bureauIds) {
      // Asked-for bureaus the year has nothing for any more: their rows go.
      const present = new Set(all.rows.map((r) => r.bureauId))
      all.gone.push(...bureauIds.filter((id) => !present.has(id)))
    }
    return await write(year, all)
  }

  /**
   * A recomputation of derived rows, IMMEDIATE and without waiting for the disk: a read pays for it,
   * and if a crash loses it the rows are still dirty and are computed again (the WAL is written in
   * order, so the next durable commit makes it durable too). Inside a transaction it is part of it.
   */
  const derived = (recomputation: () => Promise<number>) => db.connection.transaction(recomputation, { durable: false })
  const schemeOf = async (year: number): Promise<Scheme> => ({ indicators: await catalog.indicatorsForYear(year), settings: await catalog.settingsForYear(year) })

  return {
    /** `scheme`: the year's indicators and settings (given when the caller has them, or to score a scheme not saved yet). */
    async compute(year: number, bureauIds: readonly number[] | null, now: Date, scheme?: Scheme) {
      const scored = scheme ?? (await schemeOf(year))
      // One state of the source tables for all three reads.
      return await db.connection.transaction(() => compute(year, bureauIds, now, scored), { behavior: 'deferred' })
    },

    /**
     * Recomputes the dirty rows of a year; returns how many rows it wrote. IMMEDIATE, so a second
     * process writing meanwhile waits for the lock instead of failing to upgrade a read.
     */
    async refresh(year: number, now: Date): Promise<number> {
      if (!(await dirtyRowsOf.get({ year }))) return 0
      return await derived(async () => {
        const scheme = await schemeOf(year)
        const ids = (await dirtyRowsOf.all({ year })).map((r) => r.bureau_id)
        return ids.length ? await recompute(year, ids, now, scheme) : 0
      })
    },

    /** Recomputes the given bureau-years (their window does not hold at `now`) and stores them. */
    async refreshRows(year: number, bureauIds: readonly number[], now: Date): Promise<number> {
      return await derived(async () => recompute(year, bureauIds, now, await schemeOf(year)))
    },

    /** Throws the table away and computes every row again, in one transaction. */
    async rebuild(now = new Date()): Promise<number> {
      return await db.connection.transaction(async () => {
        await removeAll.run()
        let written = 0
        for (const { year } of await years.all()) {
          const scheme = await schemeOf(year)
          written += await write(year, await compute(year, null, now, scheme))
        }
        return written
      })
    },
  }
}
