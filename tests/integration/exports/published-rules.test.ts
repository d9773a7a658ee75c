import type { Ranking } from '@fazhi/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, login, type TestContext, withCsrf } from '../../helpers/app'
import { get, loadWorkbook, parseCsv, rowsOf, sheet } from './workbook'

/**
 * A published version's exports show the grades, bonuses and deductions frozen in it; a version
 * published before the rules existed has none, and its exports show — instead of failing.
 */
let t: TestContext
let office: string
let live: Ranking

beforeAll(async () => {
  t = await createTestApp({ now: new Date('2026-11-22T00:00:00Z') })
  office = await login(t.app, 'office')
  live = (await get(t, '/api/ranking?year=2025', office)).json()
  const published = await t.app.inject({ method: 'POST', url: '/api/cycles/2025/publish', headers: withCsrf(office), payload: { title: '2025年度考核定稿' } })
  expect(published.statusCode, published.body).toBe(201)
})
afterAll(() => t.close())

const RULE_COLUMNS = [4, 5, 6] // 等次, 加分, 扣分 in the 排名 sheet

async function rankingSheet(version: number) {
  const res = await get(t, `/api/exports/ranking.xlsx?year=2025&version=${version}`, office)
  expect(res.statusCode, res.body.slice(0, 200)).toBe(200)
  const ws = sheet(await loadWorkbook(res.rawPayload), '排名')
  return { header: rowsOf(ws, 3, 3)[0], rows: rowsOf(ws, 4) }
}

describe('exports of a published version', () => {
  it('show the grades, bonuses and deductions frozen in it, the same as the live ranking', async () => {
    const { header, rows } = await rankingSheet(1)
    expect(RULE_COLUMNS.map((c) => header[c])).toEqual(['等次', '加分', '扣分'])
    live.rows.forEach((r, i) => expect(RULE_COLUMNS.map((c) => rows[i][c]), r.code).toEqual([r.grade, r.bonus, r.deduction]))
    expect(live.rows.some((r) => (r.bonus ?? 0) > 0) && live.rows.some((r) => (r.deduction ?? 0) > 0)).toBe(true)
  })

  it('show — for a version published before grades, bonuses and deductions existed', async () => {
    // Version 2: the same figures with the rule fields taken out, as an earlier release froze them.
    const { figures } = await t.sql.get('select figures from result_versions where year = 2025 and version = 1') as { figures: string }
    const old = JSON.parse(figures) as { version: number; ranking: { rows: Record<string, unknown>[] }; summary: { bureaus: Record<string, unknown>[] } }
    old.version = 2
    for (const row of old.ranking.rows) for (const k of ['grade', 'bonus', 'deduction']) delete row[k]
    for (const b of old.summary.bureaus) delete b.grade
    await t.sql.run(`insert into result_versions (year, version, title, published_at, figures, changes) select year, 2, title, published_at, ?, changes from result_versions where year = 2025 and version = 1`, [JSON.stringify(old)])

    const { rows } = await rankingSheet(2)
    expect(rows).toHaveLength(live.rows.length + live.unreported.length)
    for (const row of rows) expect(RULE_COLUMNS.map((c) => row[c]), String(row[2])).toEqual(['—', '—', '—'])

    const summary = await get(t, '/api/exports/summary.xlsx?year=2025&version=2', office)
    expect(summary.statusCode).toBe(200)
    const ws = sheet(await loadWorkbook(summary.rawPayload), '汇总表')
    const gradeCol = rowsOf(ws, 3, 3)[0].indexOf('等次')
    expect(gradeCol).toBeGreaterThan(0)
    const bureauRows = rowsOf(ws, 7).filter((r) => r[1] !== '平均')
    for (const r of bureauRows) expect([r[gradeCol], r[gradeCol + 1], r[gradeCol + 2]], String(r[2])).toEqual(['—', '—', '—'])

    // The CSV starts with a byte-order mark.
    const csv = parseCsv((await get(t, '/api/exports/ranking.csv?year=2025&version=2', office)).rawPayload.subarray(3).toString('utf8'))
    expect(csv[0].slice(3, 6)).toEqual(['等次', '加分', '扣分'])
    expect(csv.slice(1).every((r) => r[3] === '—' && r[4] === '' && r[5] === '')).toBe(true)
  })
})
