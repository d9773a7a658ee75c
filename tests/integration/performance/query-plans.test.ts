import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp, type App } from '../../../server/src/app'
import { migrateDatabase, openDatabase, type Db } from '../../../server/src/db/client'
import { scoreStore } from '../../../server/src/features/dashboard/scores'
import { seedDemo } from '../../../seed/demo'
import { DEMO_PASSWORD, isPg, login, withCsrf } from '../../helpers/app'

/**
 * Every statement the dashboard prepares while it answers (and while it brings its
 * pre-aggregated rows current after writes) is captured and explained: none may read the whole values table.
 * At province scale that table holds over a million rows, so a scan costs a second per request.
 */

const NOW = new Date('2026-11-22T00:00:00Z')
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-plans-'))
let db: Db
let app: App
const prepared = new Set<string>()

beforeAll(async () => {
  db = openDatabase(path.join(dir, 'app.db'))
  await migrateDatabase(db)
  await seedDemo(db, { password: DEMO_PASSWORD })
  const client = db.$client
  const prepare = client.prepare.bind(client)
  client.prepare = ((source: string) => {
    prepared.add(source)
    return prepare(source)
  }) as typeof client.prepare
  app = await buildApp({ db, clock: () => NOW, loginRateLimit: 10_000 })
  await app.ready()

  const office = await login(app, 'office')
  const region = (client.prepare("select id from regions where code = 'demo'").get() as { id: number }).id
  const kjj = (client.prepare("select id from bureaus where code = 'kjj'").get() as { id: number }).id
  const get = async (url: string) => {
    const res = await app.inject({ method: 'GET', url, headers: { cookie: office } })
    expect(res.statusCode, url).toBe(200)
  }
  const reads = async () => {
    for (const q of ['', `&regionId=${region}`]) {
      await get(`/api/dashboard/summary?year=2025${q}`)
      await get(`/api/ranking?year=2025${q}`)
      await get(`/api/bureaus/${kjj}/overview?year=2025${q}`)
      await get(`/api/trends?from=2021${q}`)
    }
    await get('/api/vertical?year=2025')
  }
  await reads()
  // A value save and a rectification item: the next reads recompute their bureau-years.
  const draft = client.prepare("select s.id, s.version from submissions s join bureaus b on b.id = s.bureau_id where b.code = 'gxj' and s.year = 2025").get() as { id: number; version: number }
  const saved = await app.inject({
    method: 'PUT',
    url: `/api/submissions/${draft.id}`,
    headers: withCsrf(office),
    payload: { version: draft.version, values: [{ indicator: 'lead.topic_meetings', value: 3 }] },
  })
  expect(saved.statusCode).toBe(200)
  // The entry form reads the submission back with its values.
  await get(`/api/submissions/${draft.id}`)
  const item = await app.inject({
    method: 'POST',
    url: '/api/rectifications',
    headers: withCsrf(office),
    payload: { year: 2025, bureauId: kjj, problem: '执法记录不完整', measure: '补齐记录', owner: '办公室', deadline: '2025-12-31', status: 'in_progress' },
  })
  expect(item.statusCode).toBe(201)
  await reads()
  // The whole-year statements: a rebuild reads every year at once.
  await scoreStore(db).rebuild(NOW)
})
afterAll(async () => {
  await app.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

/** Unbound parameters as nulls: enough for the planner, which does not look at values here. */
function bindings(source: string): unknown[] {
  const named = [...source.matchAll(/@(\w+)/g)].map((m) => m[1])
  if (named.length) return [Object.fromEntries(named.map((n) => [n, null]))]
  return Array.from(source.matchAll(/\?/g), () => null)
}

function planOf(source: string): string[] {
  return (db.$client.prepare(`explain query plan ${source}`).all(...bindings(source)) as { detail: string }[]).map((r) => r.detail)
}

/** The names a statement gives the values table (the table itself and its aliases). */
function namesOf(source: string, table: string): string[] {
  const names = new Set([table])
  for (const m of source.matchAll(new RegExp(`["\`]?${table}["\`]?\\s+(?:as\\s+)?["\`]?(\\w+)`, 'gi')))
    if (!/^(on|where|join|left|inner|group|order|set|values|using)$/i.test(m[1])) names.add(m[1])
  return [...names]
}

// SQLite only: SQLite's EXPLAIN QUERY PLAN of the dashboard's statements.
describe.skipIf(isPg)('query plans of the dashboard', () => {
  const reading = (table: string) => [...prepared].filter((s) => /^\s*(select|with)\b/i.test(s) && new RegExp(`\\b${table}\\b`).test(s))

  it('captured the statements that read the values table (the check is not vacuous)', () => {
    // per bureau (a refresh after a write, an overview's detail), per year (rebuild, the export's matrix), and the entry form's
    expect(reading('submission_values').length).toBeGreaterThanOrEqual(3)
    expect(reading('bureau_year_scores').length).toBeGreaterThanOrEqual(3)
  })

  it('no statement scans the whole values table', () => {
    const scans = reading('submission_values').flatMap((source) => {
      const names = namesOf(source, 'submission_values')
      return planOf(source)
        .filter((d) => names.some((n) => new RegExp(`^SCAN ["\`]?${n}["\`]?\\b`).test(d)))
        .map((d) => `${d}\n  in: ${source.replace(/\s+/g, ' ').slice(0, 200)}`)
    })
    expect(scans).toEqual([])
  })

  it('no statement scans the whole rectification item table', () => {
    const scans = reading('rectification_items').flatMap((source) => {
      const names = namesOf(source, 'rectification_items')
      return planOf(source).filter((d) => names.some((n) => new RegExp(`^SCAN ["\`]?${n}["\`]?\\b`).test(d)))
    })
    expect(scans).toEqual([])
  })

  it('statements given a list of ids loop over the list and look each one up by key', () => {
    // Otherwise SQLite walks the whole year through the year index and probes the list per row: a
    // refresh of one bureau-year then reads every value of the year.
    const listed = [...prepared].filter((s) => /json_each\(/.test(s) && /^\s*(select|with)\b/i.test(s))
    expect(listed.length).toBeGreaterThanOrEqual(5)
    const wrong = listed
      .map((source) => ({ source: source.replace(/\s+/g, ' ').slice(0, 160), plan: planOf(source) }))
      .filter(({ plan }) => !/^SCAN j VIRTUAL TABLE/.test(plan[0]) || plan.slice(1).some((d) => /^SCAN /.test(d)))
    expect(wrong).toEqual([])
  })

  it('reads a year’s pre-aggregated rows by key, one region’s through the region index', () => {
    const board = [...prepared].find((s) => /json_each\(@regions\)/.test(s))!
    expect(board).toBeDefined()
    const plan = planOf(board).join('\n')
    expect(plan).toMatch(/SEARCH b USING INDEX bureaus_region_idx/)
    expect(plan).toMatch(/SEARCH c USING INDEX sqlite_autoindex_bureau_year_scores_1 \(year=\? AND bureau_id=\?\)/)
  })
})
