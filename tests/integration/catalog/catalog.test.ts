import { CATALOG, type Bureau, type BureauOverview, type Cycle, type Indicator } from '@fazhi/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, login, type TestContext } from '../../helpers/app'
import { setSchemeIndicator, writeScheme } from '../../helpers/scheme'

const NOW = new Date('2026-11-22T00:00:00Z')
let t: TestContext
let office: string

beforeAll(async () => {
  t = await createTestApp({ now: NOW })
  office = await login(t.app, 'office')
})
afterAll(() => t.close())

async function get<T>(url: string, cookie = office): Promise<T> {
  const res = await t.app.inject({ method: 'GET', url, headers: { cookie } })
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`)
  return res.json() as T
}
const indicators = (year: number) => get<Indicator[]>(`/api/indicators?year=${year}`)
const find = (list: Indicator[], code: string) => {
  const i = list.find((x) => x.code === code)
  if (!i) throw new Error(`no ${code}`)
  return i
}

describe('GET /api/cycles', () => {
  it('lists 2021–2026 with due dates 1 March and publication deadlines 1 April of the next year', async () => {
    const cycles = await get<Cycle[]>('/api/cycles')
    expect(cycles.map((c) => c.year)).toEqual([2021, 2022, 2023, 2024, 2025, 2026])
    for (const c of cycles) {
      expect(c.dueDate, String(c.year)).toBe(`${c.year + 1}-03-01`)
      expect(c.publishDeadline, String(c.year)).toBe(`${c.year + 1}-04-01`)
    }
  })

  it('on 22 Nov 2026, 2025 is due and 2026 is not', async () => {
    const cycles = await get<Cycle[]>('/api/cycles')
    const due = Object.fromEntries(cycles.map((c) => [c.year, c.due]))
    expect(due).toEqual({ 2021: true, 2022: true, 2023: true, 2024: true, 2025: true, 2026: false })
    // the demo county has locked the old years only
    expect(cycles.filter((c) => c.locked).map((c) => c.year)).toEqual([2021, 2022, 2023])
  })

  it('a year becomes due only after 23:59:59 China time on its due date', async () => {
    const dueOf2025 = async (now: string) => {
      t.setNow(new Date(now))
      // Another account than the office's of beforeAll: a login ends the account's earlier session.
      const cycles = await get<Cycle[]>('/api/cycles', await login(t.app, 'leader'))
      return cycles.find((c) => c.year === 2025)!.due
    }
    try {
      expect(await dueOf2025('2026-03-01T23:59:59+08:00')).toBe(false)
      expect(await dueOf2025('2026-03-01T16:00:00Z')).toBe(true) // 2 March 00:00 in China
      expect(await dueOf2025('2026-02-28T23:00:00Z')).toBe(false) // 1 March 07:00 in China
    } finally {
      t.setNow(NOW)
    }
  })
})

describe('GET /api/bureaus', () => {
  it('lists the demo county’s bureaus, several with enforcement powers', async () => {
    const bureaus = await get<Bureau[]>('/api/bureaus')
    expect(bureaus.length).toBeGreaterThanOrEqual(24)
    expect(new Set(bureaus.map((b) => b.code)).size).toBe(bureaus.length)
    const enforcing = bureaus.filter((b) => b.hasEnforcement)
    expect(enforcing.length).toBeGreaterThanOrEqual(5)
    expect(enforcing.length).toBeLessThan(bureaus.length)
    const kjj = bureaus.find((b) => b.code === 'kjj')!
    expect(kjj).toMatchObject({ name: '示例县科技局', shortName: '科技局', type: '科技局', regionName: '示例县', hasEnforcement: false, active: true })
    expect(bureaus.find((b) => b.code === 'gaj')!.hasEnforcement).toBe(true)
    for (const b of bureaus) expect(b.regionName, b.code).toBe('示例县')
  })
})

describe('GET /api/indicators', () => {
  it('lists the catalog for 2025 in order, with its weights and targets', async () => {
    const list = await indicators(2025)
    // 2025's scheme, in its own order: the catalog's indicators in catalog order, and the demo's bonus and veto items among them
    const schemeOrder = (await t.sql.column('SELECT indicator_code FROM scheme_indicators WHERE year = 2025 ORDER BY sort_order') as string[])
    expect(schemeOrder.length).toBeGreaterThan(CATALOG.length)
    expect(list.map((i) => i.code)).toEqual(schemeOrder)
    const catalogCodes = new Set(CATALOG.map((c) => c.code))
    expect(list.map((i) => i.code).filter((c) => catalogCodes.has(c))).toEqual(CATALOG.map((c) => c.code))
    expect(find(list, 'lead.topic_meetings')).toMatchObject({ category: 'lead', categoryName: '第一责任人职责', kind: 'count', unit: '次', direction: 'higher', target: 2 })
    expect(find(list, 'publicity.events')).toMatchObject({ target: 6, weight: 4 })
    expect(find(list, 'oversight.litigation_lost')).toMatchObject({ direction: 'lower', target: 0 })
    expect(find(list, 'review.normative_docs_issued')).toMatchObject({ direction: null, target: null, weight: 0 })
    expect(find(list, 'review.normative_doc_review_rate')).toMatchObject({ kind: 'derived', derivedAs: 'percent', target: 100 })
    expect(find(list, 'lead.report_published')).toMatchObject({ kind: 'derived', derivedAs: 'boolean' })
    expect(find(list, 'enforcement.certified_rate').enforcementOnly).toBe(true)
    expect(find(list, 'lead.duty_report').enforcementOnly).toBe(false)
  })

  it('weights sum to 100 for a bureau with enforcement powers; every scored indicator weighs something', async () => {
    const list = await indicators(2025)
    expect(list.reduce((s, i) => s + i.weight, 0)).toBe(100)
    for (const i of list) {
      if (i.direction === null) expect(i.weight, i.code).toBe(0)
      else expect(i.weight, i.code).toBeGreaterThan(0)
    }
    // without enforcement powers the four enforcement indicators (4 + 3 + 3 + 3) drop out
    expect(list.filter((i) => !i.enforcementOnly).reduce((s, i) => s + i.weight, 0)).toBe(87)
  })

  it('answers 404 for a year without a cycle and 400 for a malformed year', async () => {
    const none = await t.app.inject({ method: 'GET', url: '/api/indicators?year=2019', headers: { cookie: office } })
    expect(none.statusCode).toBe(404)
    expect(none.json().message).toContain('2019')
    const bad = await t.app.inject({ method: 'GET', url: '/api/indicators?year=twenty', headers: { cookie: office } })
    expect(bad.statusCode).toBe(400)
  })
})

describe("a year's own scheme rows (scheme_indicators)", () => {
  it('change the target and points for that year only, and the overview scores by them', async () => {
    const sql = t.sql
    const bureauId = (await sql.get("SELECT id FROM bureaus WHERE code = 'kjj'") as { id: number }).id
    const before2024 = await get<BureauOverview>(`/api/bureaus/${bureauId}/overview?year=2024`)
    const events = before2024.indicators.find((i) => i.code === 'publicity.events')!
    expect(events.value).not.toBeNull()
    expect(events.target).toBeLessThan(50)
    const others = { 2023: find(await indicators(2023), 'publicity.events'), 2025: find(await indicators(2025), 'publicity.events') }
    // Whatever scheme 2024 has (the demo's, or none), put back afterwards.
    const saved = { schemes: await sql.all('SELECT * FROM schemes WHERE year = 2024'), rows: await sql.all('SELECT * FROM scheme_indicators WHERE year = 2024') }

    // the office gives 2024 a scheme of its own and raises 普法宣传活动场次 to 50 sessions and 10 points
    await writeScheme(sql, 2024)
    await setSchemeIndicator(sql, 2024, 'publicity.events', { target: 50, weight: 10 })
    try {
      expect(find(await indicators(2024), 'publicity.events')).toMatchObject({ target: 50, weight: 10 })
      for (const year of [2023, 2025] as const) expect(find(await indicators(year), 'publicity.events'), String(year)).toEqual(others[year])

      const after2024 = await get<BureauOverview>(`/api/bureaus/${bureauId}/overview?year=2024`)
      const shown = after2024.indicators.find((i) => i.code === 'publicity.events')!
      expect(shown).toMatchObject({ target: 50, weight: 10 })
      // attainment is now value ÷ 50 (no demo bureau runs 50 sessions)
      expect(shown.attainment).toBeCloseTo(events.value! / 50, 9)
      expect(after2024.score).not.toBe(before2024.score)
      // other years keep theirs
      const o2025 = await get<BureauOverview>(`/api/bureaus/${bureauId}/overview?year=2025`)
      expect(o2025.indicators.find((i) => i.code === 'publicity.events')).toMatchObject({ target: others[2025].target, weight: others[2025].weight })
    } finally {
      await restore(saved)
    }
    expect(find(await indicators(2024), 'publicity.events')).toMatchObject({ target: events.target, weight: events.weight })
    expect((await get<BureauOverview>(`/api/bureaus/${bureauId}/overview?year=2024`)).score).toBe(before2024.score)
  })
})

/** Puts back a year's scheme rows as they were read. */
async function restore(saved: { schemes: unknown[]; rows: unknown[] }) {
  const sql = t.sql
  const insert = async (table: string, row: object) => {
    const columns = Object.keys(row)
    await sql.run(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`, Object.values(row))
  }
  await sql.transaction(async () => {
    await sql.run('DELETE FROM scheme_indicators WHERE year = 2024')
    await sql.run('DELETE FROM schemes WHERE year = 2024')
    for (const row of saved.schemes) await insert('schemes', row as object)
    for (const row of saved.rows) await insert('scheme_indicators', row as object)
  })
}
