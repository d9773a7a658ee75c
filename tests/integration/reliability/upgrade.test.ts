import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { MIGRATIONS_DIR } from '../../../server/src/config'
import { verifyAuditChain } from '../../../server/src/db/audit-chain'
import { migrateDatabase, openDatabase, type Db } from '../../../server/src/db/client'
import { scoreStore } from '../../../server/src/features/dashboard/scores'
import { seedDemo } from '../../../seed/demo'
import { setSchemeIndicator, writeScheme } from '../../helpers/scheme'
import { sqlOf } from '../../helpers/databases'
import { isPg } from '../../helpers/databases'

/**
 * The pattern for every migration: build a database at the previous migration, fill it, run the
 * current migrations, and check that every row is still there with the same meaning.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-upgrade-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

interface Journal {
  entries: { idx: number; tag: string; when: number }[]
}

const journal = () => JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8')) as Journal
/** The newest migration's tag: the one each upgrade test runs by default. */
const NEWEST = journal().entries.at(-1)!.tag

/** A migrations folder holding the migrations before `tag`. */
function migrationsBefore(tag: string): string {
  const all = journal()
  const folder = path.join(dir, `before-${tag}`)
  fs.mkdirSync(path.join(folder, 'meta'), { recursive: true })
  const kept = all.entries.slice(0, all.entries.findIndex((e) => e.tag === tag))
  for (const e of kept) fs.copyFileSync(path.join(MIGRATIONS_DIR, `${e.tag}.sql`), path.join(folder, `${e.tag}.sql`))
  fs.writeFileSync(path.join(folder, 'meta/_journal.json'), JSON.stringify({ ...all, entries: kept }))
  return folder
}

function snapshot(db: Db): Record<string, Record<string, unknown>[]> {
  const tables = db.$client
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name <> '__drizzle_migrations'")
    .all() as { name: string }[]
  return Object.fromEntries(tables.map(({ name }) => [name, db.$client.prepare(`select * from "${name}" order by rowid`).all() as Record<string, unknown>[]]))
}

/** Derived tables (the dashboard's pre-aggregation and counters): the migration may mark them for recomputation. */
const DERIVED = new Set(['bureau_year_scores', 'dashboard_versions'])

/**
 * Columns an earlier schema had that the current one replaced, as an expression over the current
 * table (`cur`): what the seeded rows meant in the earlier schema.
 */
const EARLIER_COLUMNS: Record<string, Record<string, string>> = {
  // 0006 replaced the flag with the years a bureau exists.
  bureaus: { active: '(active_until is null)' },
}

/** Seeded rows an earlier schema cannot hold: the 安全保密管理员 (0008 added the role; the seed adds it last). */
const LATER_ROWS: Record<string, string> = { users: "role is 'secadmin'" }

/**
 * A database just before migration `tag` (the newest by default) holding the demo county: the seed
 * (written against the current schema) fills a current database, and the columns the earlier schema
 * has are copied over (tables the current schema no longer has stay empty).
 */
async function databaseBefore(name: string, tag = NEWEST): Promise<Db> {
  const current = openDatabase(path.join(dir, `${name}-current.db`))
  await migrateDatabase(current)
  await seedDemo(current, { password: 'Demo@2026' })
  current.$client.close()

  const db = openDatabase(path.join(dir, `${name}.db`))
  await migrateDatabase(db, migrationsBefore(tag))
  const sql = db.$client
  sql.pragma('foreign_keys = OFF')
  sql.exec(`attach database '${path.join(dir, `${name}-current.db`)}' as cur`)
  const tableQuery = "select name from %s.sqlite_master where type = 'table' and name not like 'sqlite_%' and name <> '__drizzle_migrations'"
  const tables = sql.prepare(tableQuery.replace('%s', 'main')).all() as { name: string }[]
  const currentTables = new Set((sql.prepare(tableQuery.replace('%s', 'cur')).all() as { name: string }[]).map((t) => t.name))
  // The derived tables last: copying the others fires the triggers that fill them.
  tables.sort((a, b) => Number(DERIVED.has(a.name)) - Number(DERIVED.has(b.name)))
  const columnsOf = (schema: string, table: string) => (sql.prepare(`select name from pragma_table_info(?, ?)`).all(table, schema) as { name: string }[]).map((c) => c.name)
  sql.transaction(() => {
    for (const { name } of tables) {
      // Rows the migrations or triggers wrote make way for the seeded ones.
      sql.exec(`delete from main."${name}"`)
      if (!currentTables.has(name)) continue
      const has = new Set(columnsOf('cur', name))
      const columns = columnsOf('main', name).filter((c) => has.has(c) || EARLIER_COLUMNS[name]?.[c])
      const values = columns.map((c) => (has.has(c) ? `"${c}"` : EARLIER_COLUMNS[name][c]))
      sql.exec(`insert into main."${name}" (${columns.map((c) => `"${c}"`).join(', ')}) select ${values.join(', ')} from cur."${name}" where not (${LATER_ROWS[name] ?? 'false'})`)
    }
  })()
  sql.exec('detach database cur')
  sql.pragma('foreign_keys = ON')
  return db
}

/** What the newest migration replaced (its own test checks their meaning): tables it drops, and columns it drops by table. */
const REPLACED_TABLES = new Set(['indicator_targets'])
const REPLACED_COLUMNS: Record<string, string[]> = { bureaus: ['active'] }

// SQLite only: replays the SQLite migrations on SQLite files.
describe.skipIf(isPg)('upgrading from the previous migration', () => {
  it('keeps every row and its meaning', async () => {
    const db = await databaseBefore('rows')
    const before = snapshot(db)
    expect(before.submission_values.length).toBeGreaterThan(1000)

    await migrateDatabase(db)
    const after = snapshot(db)
    for (const [table, rows] of Object.entries(before)) {
      if (REPLACED_TABLES.has(table)) continue
      expect(after[table], `table ${table} still exists`).toBeDefined()
      expect(after[table].length, `rows of ${table}`).toBe(rows.length)
      if (DERIVED.has(table)) continue
      // Columns the new version added may be present; every old column keeps its value.
      const kept = (row: Record<string, unknown>) => Object.fromEntries(Object.entries(row).filter(([c]) => !REPLACED_COLUMNS[table]?.includes(c)))
      after[table].forEach((row, i) => expect(row).toMatchObject(kept(rows[i])))
    }
    expect(db.$client.pragma('integrity_check', { simple: true })).toBe('ok')
    db.$client.close()
  })

  it('gives every year the scheme it was scored by, and a deactivated bureau its last year (0006): scores unchanged', async () => {
    const db = await databaseBefore('scheme', '0006_perfect_hex')
    const sql = db.$client
    const cycleYears = (sql.prepare('select year from cycles order by year').all() as { year: number }[]).map((c) => c.year)
    expect(cycleYears[0]).toBe(2021)
    // Per-year overrides as the office wrote them: 2024 raises 普法宣传活动场次 to 50 sessions and 10 points;
    // 2023 sets only the points of 专题研究 (9): such an override kept the default target.
    sql.prepare('insert into indicator_targets (year, indicator_code, target, weight) values (?, ?, ?, ?)').run(2024, 'publicity.events', 50, 10)
    sql.prepare('insert into indicator_targets (year, indicator_code, target, weight) values (?, ?, ?, ?)').run(2023, 'lead.topic_meetings', null, 9)
    // 科技局 was deactivated after its last report; a bureau added and deactivated without ever reporting.
    const kjj = sql.prepare("select id from bureaus where code = 'kjj'").get() as { id: number }
    const kjjLast = (sql.prepare('select max(year) as y from submissions where bureau_id = ?').get(kjj.id) as { y: number }).y
    expect(kjjLast).toBeGreaterThanOrEqual(2021)
    sql.prepare('update bureaus set active = 0 where id = ?').run(kjj.id)
    const gone = sql
      .prepare("insert into bureaus (code, name, short_name, type, region_id, has_enforcement, active) select 'cxj', '示例县撤销局', '撤销局', '其他', region_id, 0, 0 from bureaus where id = ?")
      .run(kjj.id).lastInsertRowid
    const registry = sql.prepare('select * from indicators order by sort_order').all() as Record<string, unknown>[]
    // Published results: 2022 once, 2024 twice (the demo county publishes none).
    const published = new Set([2022, 2024])
    const publish = sql.prepare("insert into result_versions (year, version, title, published_at, figures, changes) values (?, ?, ?, '2026-04-01T02:00:00.000Z', '{}', '[]')")
    for (const [year, version] of [[2022, 1], [2024, 1], [2024, 2]]) publish.run(year, version, `${year}年度定稿`)
    // The stored scores as a running server leaves them: computed, none waiting.
    sql.prepare('update bureau_year_scores set dirty = 0').run()
    const storedScores = (sql.prepare('select count(*) as n from bureau_year_scores').get() as { n: number }).n
    expect(storedScores).toBeGreaterThan(100)

    await migrateDatabase(db)

    // Every stored score is computed again under the schemes (bonus, deduction and grade cap are new).
    expect(sql.prepare('select count(*) as n, sum(dirty) as dirty from bureau_year_scores').get()).toEqual({ n: storedScores, dirty: storedScores })
    // Every year has a scheme with the default settings: grades 90/80/60, no quota, no bonus, no late
    // deduction; a year already published has its scheme frozen (a change needs a reopen).
    const schemes = sql.prepare('select year, grades, excellent_quota, bonus_cap, late_deduction, frozen from schemes order by year').all()
    expect(schemes).toEqual(
      cycleYears.map((year) => ({
        year,
        grades: JSON.stringify([{ grade: '优秀', min: 90 }, { grade: '良好', min: 80 }, { grade: '合格', min: 60 }]),
        excellent_quota: null,
        bonus_cap: 0,
        late_deduction: 0,
        frozen: published.has(year) ? 1 : 0,
      })),
    )
    // …and every registered indicator, as the catalog read it that year: the override where there was one.
    const overrides: Record<string, { target: unknown; weight: number }> = {
      '2024 publicity.events': { target: 50, weight: 10 },
      '2023 lead.topic_meetings': { target: registry.find((i) => i.code === 'lead.topic_meetings')!.default_target, weight: 9 },
    }
    for (const year of cycleYears) {
      const rows = sql.prepare('select * from scheme_indicators where year = ? order by sort_order').all(year) as Record<string, unknown>[]
      expect(rows.map((r) => r.indicator_code), String(year)).toEqual(registry.map((i) => i.code))
      rows.forEach((row, i) => {
        const ind = registry[i]
        const o = overrides[`${year} ${ind.code}`]
        expect(row, `${year} ${ind.code}`).toEqual({
          year,
          indicator_code: ind.code,
          category: ind.category,
          name: ind.name,
          unit: ind.unit,
          direction: ind.direction,
          target: o ? o.target : ind.default_target,
          weight: o ? o.weight : ind.default_weight,
          enforcement_only: ind.enforcement_only,
          applies_to: null,
          rule: JSON.stringify({ kind: 'attainment' }),
          // Added by 0007: no indicator needs evidence until the office says so.
          evidence_required: 0,
          plausible_min: ind.plausible_min,
          plausible_max: ind.plausible_max,
          yoy_min_change: ind.yoy_min_change,
          sort_order: ind.sort_order,
        })
      })
    }
    // Deactivated bureaus exist until their last report, or until the year before the first cycle.
    expect(sql.prepare('select active_from, active_until from bureaus where id = ?').get(kjj.id)).toEqual({ active_from: 2000, active_until: kjjLast })
    expect(sql.prepare('select active_from, active_until from bureaus where id = ?').get(gone)).toEqual({ active_from: 2000, active_until: 2020 })
    expect(sql.prepare('select count(*) as n from bureaus where active_until is not null').get()).toEqual({ n: 2 })

    // Scores: the same as the old meaning gives. The seeded current database, set to it by hand (the
    // registry's defaults, the two overrides as scheme rows, 科技局 ended), is scored by the same code.
    const control = openDatabase(path.join(dir, 'scheme-current.db'))
    const c = control.$client
    c.prepare('delete from scheme_indicators').run()
    c.prepare('delete from schemes').run()
    for (const year of [2023, 2024]) await writeScheme(sqlOf(control), year)
    await setSchemeIndicator(sqlOf(control), 2024, 'publicity.events', { target: 50, weight: 10 })
    await setSchemeIndicator(sqlOf(control), 2023, 'lead.topic_meetings', { weight: 9 })
    c.prepare('update bureaus set active_until = ? where id = ?').run(kjjLast, kjj.id)
    const now = new Date()
    await scoreStore(control).rebuild(now)
    await scoreStore(db).rebuild(now)
    const scores = (s: typeof sql) =>
      s.prepare('select year, bureau_id, score, completion, fill_rate, bonus, deduction, grade_cap from bureau_year_scores order by year, bureau_id').all()
    const expected = scores(c)
    expect(expected.length).toBeGreaterThan(100)
    expect(scores(sql)).toEqual(expected)
    control.$client.close()
    db.$client.close()
  })

  it('takes the first submission and the review history from the audit log (0005), where it has them', async () => {
    const db = await databaseBefore('history', '0005_small_piledriver')
    const sql = db.$client
    // A report that was submitted on time, returned, and resubmitted late: its row shows only the resubmission.
    const { id } = sql.prepare("select s.id from submissions s join bureaus b on b.id = s.bureau_id where b.code = 'kjj' and s.year = 2025").get() as { id: number }
    const first = '2026-02-20T02:00:00.000Z'
    const again = '2026-11-30T02:00:00.000Z'
    const log = sql.prepare("insert into audit_events (at, user_id, action, object_type, object_id, after) values (?, null, ?, 'submission', ?, ?)")
    log.run(first, 'submission.submit', String(id), JSON.stringify({ id, status: 'submitted' }))
    log.run('2026-02-25T02:00:00.000Z', 'submission.return', String(id), JSON.stringify({ id, status: 'returned', returnReason: '请补充佐证材料' }))
    log.run(again, 'submission.submit', String(id), JSON.stringify({ id, status: 'submitted' }))
    sql.prepare("update submissions set status = 'submitted', submitted_at = ?, approved_at = null, approved_by = null where id = ?").run(again, id)

    await migrateDatabase(db)
    expect(sql.prepare('select first_submitted_at as f, submitted_at as s from submissions where id = ?').get(id)).toEqual({ f: first, s: again })
    const steps = sql.prepare('select action, at, reason from submission_events where submission_id = ? order by id').all(id)
    expect(steps).toEqual([
      { action: 'submit', at: first, reason: null },
      { action: 'return', at: '2026-02-25T02:00:00.000Z', reason: '请补充佐证材料' },
      { action: 'resubmit', at: again, reason: null },
    ])
    // Reports without logged steps get those their rows show: each reported one its submission.
    const unlogged = sql.prepare(
      "select count(*) as n from submissions s where s.first_submitted_at is not null and not exists (select 1 from submission_events e where e.submission_id = s.id and e.action = 'submit')",
    ).get() as { n: number }
    expect(unlogged.n).toBe(0)
    db.$client.close()
  })

  it('seals the audit rows it had into the hash chain, once (0008): a row slipped in unsealed later stays broken', async () => {
    const db = await databaseBefore('audit', '0008_swift_taskmaster')
    const sql = db.$client
    const log = sql.prepare("insert into audit_events (at, username, action, success) values (?, 'office', 'login', 1)")
    // After the seeded rows, as a log is written: in order of time.
    for (let i = 1; i <= 5; i++) log.run(new Date(Date.now() + i * 1000).toISOString())
    const content = () => sql.prepare('select id, at, username, action, success from audit_events order by id').all()
    const before = content()

    await migrateDatabase(db)
    expect(verifyAuditChain(sql)).toMatchObject({ rows: before.length, broken: null, missingTriggers: [] })
    expect(sql.prepare('select count(*) from audit_events where hash is null').pluck().get()).toBe(0)
    expect(content()).toEqual(before)
    // Sealed once, with the key's fingerprint, in the transaction that sealed: the marker stops any later seal.
    const settings = sql.prepare("select key, value from app_settings where key like 'audit%' order by key").all() as { key: string; value: string }[]
    expect(settings.map((r) => r.key)).toEqual(['auditChainSealedAt', 'auditKeyFingerprint'])
    expect(JSON.parse(settings[0]!.value)).toMatchObject({ rows: before.length })
    db.$client.close()

    // Someone with the file slips in a row without a hash: the next start does not seal it.
    const file = path.join(dir, 'audit.db')
    const plain = new Database(file)
    plain.exec('DROP TRIGGER audit_events_append_only')
    const slipped = Number(plain.prepare("insert into audit_events (at, username, action, success) values ('2026-06-01T00:00:00.000Z', 'mallory', 'login', 1)").run().lastInsertRowid)
    plain.close()
    const restarted = openDatabase(file)
    await migrateDatabase(restarted)
    expect(verifyAuditChain(restarted.$client)).toMatchObject({
      broken: { id: slipped, reason: expect.stringContaining('没有哈希') },
      missingTriggers: ['audit_events_append_only'],
    })
    restarted.$client.close()
  })
})
