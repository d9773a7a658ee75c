import Database from 'better-sqlite3'
import { summarise } from './load'

/**
 * The raw database floor: the dashboard's aggregates as single prepared better-sqlite3 statements,
 * run in-process with no HTTP, no JSON and no scoring rules in JavaScript. An endpoint cannot be
 * expected to beat these; the benchmark reports how far above them it is.
 */

const SCOPE = `with recursive scope(id) as (select ? union all select r.id from regions r join scope on r.parent_id = scope.id)`

/**
 * Every value of the year joined to its submission, bureau and indicator, reduced to one weighted
 * score per bureau: what any design that scores from the values table at read time must at least do.
 */
const VALUES_JOIN = (scoped: boolean) => `${scoped ? SCOPE : ''}
  select s.bureau_id, s.status,
         sum(i.default_weight * min(coalesce(v.value, 0) / coalesce(nullif(i.default_target, 0), 1), 1)) / sum(i.default_weight) as score,
         count(*) as n
    from submissions s
    join bureaus b on b.id = s.bureau_id and b.active_until is null
    join submission_values v on v.submission_id = s.id
    join indicators i on i.code = v.indicator_code
   where s.year = ? ${scoped ? 'and b.region_id in (select id from scope)' : ''}
   group by s.bureau_id`

/**
 * The summary's per-bureau rows from the pre-aggregated table: score, 达标率, 填报完整率, the eight
 * category attainments and the 整改 counts, with this year's rank and last year's rank computed by
 * window functions in the same statement.
 */
const PRE_AGGREGATED = (scoped: boolean) => `${scoped ? SCOPE + ',' : 'with'}
  ranked as (
    select c.year, c.bureau_id,
           case when c.status in ('submitted', 'approved') then
             rank() over (partition by c.year, c.status in ('submitted', 'approved') order by c.score desc, c.completion desc, b.code)
           end as rank
      from bureau_year_scores c join bureaus b on b.id = c.bureau_id and b.active_until is null
     where c.year in (?, ? - 1) ${scoped ? 'and b.region_id in (select id from scope)' : ''}
  )
  select b.id, b.code, b.name, b.short_name, b.type, c.status, c.submitted_at, c.score, c.completion, c.fill_rate,
         c.cat_lead, c.cat_study, c.cat_review, c.cat_publicity, c.cat_disclosure, c.cat_enforcement, c.cat_oversight, c.cat_rectification,
         c.rect_total, c.rect_not_started, c.rect_in_progress, c.rect_done, c.rect_overdue,
         now.rank, before.rank as previous_rank
    from bureaus b
    left join bureau_year_scores c on c.bureau_id = b.id and c.year = ?
    left join ranked now on now.bureau_id = b.id and now.year = ?
    left join ranked before on before.bureau_id = b.id and before.year = ? - 1
   where b.active_until is null ${scoped ? 'and b.region_id in (select id from scope)' : ''}`

/** Per-year averages over every year, for the trend: one grouped scan of the pre-aggregated table. */
const TRENDS = (scoped: boolean) => `${scoped ? SCOPE : ''}
  select c.year, count(*) as n, avg(case when c.status in ('submitted', 'approved') then c.score end) as average_score,
         sum(c.rect_done) as done, sum(c.rect_total) as total
    from bureau_year_scores c join bureaus b on b.id = c.bureau_id and b.active_until is null
   ${scoped ? 'where b.region_id in (select id from scope)' : ''}
   group by c.year`

export interface FloorResult {
  name: string
  rows: number
  p50: number
  p95: number
}

export function measureFloors(file: string, opts: { year: number; regionId: number; durationMs: number }): FloorResult[] {
  const db = new Database(file, { readonly: true })
  try {
    const hasCache = !!db.prepare("select 1 from sqlite_master where type = 'table' and name = 'bureau_year_scores'").get()
    const cases: { name: string; sql: string; args: unknown[] }[] = [
      { name: 'values join, province', sql: VALUES_JOIN(false), args: [opts.year] },
      { name: 'values join, one region', sql: VALUES_JOIN(true), args: [opts.regionId, opts.year] },
    ]
    if (hasCache)
      cases.push(
        { name: 'summary rows, province', sql: PRE_AGGREGATED(false), args: [opts.year, opts.year, opts.year, opts.year, opts.year] },
        { name: 'summary rows, one region', sql: PRE_AGGREGATED(true), args: [opts.regionId, opts.year, opts.year, opts.year, opts.year, opts.year] },
        { name: 'trend rows, province', sql: TRENDS(false), args: [] },
        { name: 'trend rows, one region', sql: TRENDS(true), args: [opts.regionId] },
      )
    return cases.map(({ name, sql, args }) => {
      const statement = db.prepare(sql)
      let rows = 0
      for (let i = 0; i < 3; i++) rows = statement.all(...args).length
      const samples: number[] = []
      const until = performance.now() + opts.durationMs
      while (performance.now() < until || samples.length < 5) {
        const started = performance.now()
        statement.all(...args)
        samples.push(performance.now() - started)
      }
      const { p50, p95 } = summarise(samples)
      return { name, rows, p50, p95 }
    })
  } finally {
    db.close()
  }
}
