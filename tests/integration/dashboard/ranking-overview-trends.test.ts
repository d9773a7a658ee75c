import { CATEGORIES, type BureauOverview, type Ranking, type Summary, type TrendYear } from '@fazhi/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, login, type TestContext } from '../../helpers/app'
import { isReportedStatus, loadYear } from './raw'

const NOW = new Date('2026-11-22T00:00:00Z')
let t: TestContext
let office: string
let ids: Record<string, number>

beforeAll(async () => {
  t = await createTestApp({ now: NOW })
  office = await login(t.app, 'office')
  const rows = await t.sql.all('SELECT id, code FROM bureaus') as { id: number; code: string }[]
  ids = Object.fromEntries(rows.map((r) => [r.code, r.id]))
})
afterAll(() => t.close())

async function get<T>(url: string, cookie = office): Promise<T> {
  const res = await t.app.inject({ method: 'GET', url, headers: { cookie } })
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`)
  return res.json() as T
}
const ranking = (year: number) => get<Ranking>(`/api/ranking?year=${year}`)
const overview = (code: string, year = 2025) => get<BureauOverview>(`/api/bureaus/${ids[code]}/overview?year=${year}`)
const summary = (year: number) => get<Summary>(`/api/dashboard/summary?year=${year}`)

describe('GET /api/ranking', () => {
  it('ranks the reported bureaus 1..n by score, then 达标率, then code', async () => {
    const r = await ranking(2025)
    expect(r.year).toBe(2025)
    expect(r.rows.map((x) => x.rank)).toEqual(r.rows.map((_, i) => i + 1))
    for (let i = 1; i < r.rows.length; i++) {
      const a = r.rows[i - 1]
      const b = r.rows[i]
      // The office reads every row whole.
      const [ac, bc] = [a.completion!, b.completion!]
      const ordered = a.score > b.score || (a.score === b.score && (ac > bc || (ac === bc && a.code < b.code)))
      expect(ordered, `${a.code} (${a.score}, ${a.completion}) before ${b.code} (${b.score}, ${b.completion})`).toBe(true)
    }
  })

  it('ranks exactly the submitted and approved bureaus and lists the rest as not reported', async () => {
    const raw = await loadYear(t.sql, 2025)
    const reported = raw.activeBureaus.filter((b) => isReportedStatus(raw.submissionByBureau.get(b.id)?.status)).map((b) => b.code)
    const r = await ranking(2025)
    expect(r.rows.map((x) => x.code).sort()).toEqual([...reported].sort())
    expect(r.unreported.map((x) => x.code).sort()).toEqual(['gxj', 'mzzjj', 'swj', 'tyjrj', 'xfj'])
    for (const u of r.unreported) expect(u.name).toMatch(/^示例县/)
  })

  it('rank change is last year’s rank minus this year’s, consistent with the 2024 ranking', async () => {
    const [now, before] = await Promise.all([ranking(2025), ranking(2024)])
    const previous = new Map(before.rows.map((x) => [x.bureauId, x.rank]))
    // every bureau reported in 2024, so every 2025 row has a previous rank
    expect(before.unreported).toEqual([])
    let moved = 0
    for (const row of now.rows) {
      expect(row.previousRank, row.code).toBe(previous.get(row.bureauId))
      expect(row.rankChange, row.code).toBe(previous.get(row.bureauId)! - row.rank)
      if (row.rankChange !== 0) moved++
    }
    expect(moved).toBeGreaterThan(0)
    // the summary shows the same change
    const s = await summary(2025)
    for (const row of now.rows) expect(s.bureaus.find((b) => b.bureauId === row.bureauId)!.rankChange, row.code).toBe(row.rankChange)
    // unranked this year: no change shown
    for (const u of now.unreported) expect(s.bureaus.find((b) => b.bureauId === u.bureauId)!.rankChange, u.code).toBeNull()
  })

  it('agrees with the summary’s scores and ranks', async () => {
    const [r, s] = await Promise.all([ranking(2025), summary(2025)])
    for (const row of r.rows) {
      const b = s.bureaus.find((x) => x.bureauId === row.bureauId)!
      expect(b.rank, row.code).toBe(row.rank)
      expect(b.score, row.code).toBe(row.score)
    }
  })

  it('answers 404 for a year without a cycle', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/ranking?year=2030', headers: { cookie: office } })
    expect(res.statusCode).toBe(404)
  })
})

describe('GET /api/bureaus/:id/overview', () => {
  it('lists every indicator of the year’s scheme in its order with a county average', async () => {
    const o = await overview('kjj')
    expect(o.bureau.code).toBe('kjj')
    expect(o.indicators.map((i) => i.code)).toEqual((await loadYear(t.sql, 2025)).indicators.map((i) => i.code))
    for (const i of o.indicators) expect(i, i.code).toHaveProperty('countyAverage')
    expect(o.categories.map((c) => c.code)).toEqual(CATEGORIES.map((c) => c.code))
  })

  it('county average of an indicator is the mean value among reported bureaus', async () => {
    const avg = async (code: string) =>
      (
        await t.sql.get(`SELECT AVG(v.value) AS a FROM submission_values v
               JOIN submissions s ON s.id = v.submission_id
               JOIN bureaus b ON b.id = s.bureau_id
              WHERE s.year = 2025 AND s.status IN ('submitted', 'approved') AND b.active_from <= 2025 AND (b.active_until IS NULL OR b.active_until >= 2025)
                AND v.indicator_code = ? AND v.value IS NOT NULL AND v.not_applicable = false`, [code]) as { a: number }
      ).a
    const o = await overview('kjj')
    for (const code of ['lead.topic_meetings', 'publicity.events', 'disclosure.items_published']) {
      const shown = o.indicators.find((i) => i.code === code)!.countyAverage
      expect(shown, code).toBeCloseTo(await avg(code), 2)
    }
  })

  it('agrees with the summary and ranking for the bureau; pointsAvailable adds up to 100 − base score, and a bonus item offers what the cap leaves', async () => {
    const raw = await loadYear(t.sql, 2025)
    const bonusRules = new Map(raw.indicators.flatMap((i) => (i.rule.kind === 'bonus' ? [[i.code, i.rule.points] as const] : [])))
    expect(bonusRules.size).toBeGreaterThan(0)
    const s = await summary(2025)
    // kjj claims no bonus; wjw claims some, so the cap leaves less for the items it did not claim
    for (const code of ['kjj', 'wjw']) {
      const o = await overview(code)
      const row = s.bureaus.find((b) => b.code === code)!
      expect(o.status, code).toBe(row.status)
      expect(o.score, code).toBe(row.score)
      expect(o.rank, code).toBe(row.rank)
      expect(o.rankChange, code).toBe(row.rankChange)
      expect(o.rectification, code).toEqual(row.rectification)
      expect(o.rankedCount, code).toBe(s.reported)
      // score = base + bonus − late deduction
      expect(o.score!, code).toBeCloseTo(Math.max(0, o.baseScore! + o.bonus! - o.deduction!), 1)
      const base = o.indicators.filter((i) => !bonusRules.has(i.code))
      const points = base.reduce((sum, i) => sum + i.pointsAvailable, 0)
      expect(Math.abs(points - (100 - o.baseScore!)), code).toBeLessThanOrEqual(0.15)
      for (const i of o.indicators.filter((x) => bonusRules.has(x.code))) {
        const available = i.value ? 0 : Math.max(0, Math.min(bonusRules.get(i.code)!, raw.bonusCap - o.bonus!))
        expect(i.pointsAvailable, `${code} ${i.code}`).toBeCloseTo(available, 2)
      }
    }
    const wjw = await overview('wjw')
    expect(wjw.bonus).toBeGreaterThan(0)
    expect(wjw.indicators.some((i) => bonusRules.has(i.code) && !i.value && i.pointsAvailable > 0 && i.pointsAvailable < bonusRules.get(i.code)!)).toBe(true)
  })

  it('rankHistory covers 2021..year and matches each year’s ranking', async () => {
    const o = await overview('jyj')
    expect(o.rankHistory.map((h) => h.year)).toEqual([2021, 2022, 2023, 2024, 2025])
    for (const h of o.rankHistory) {
      const row = (await ranking(h.year)).rows.find((x) => x.code === 'jyj')
      expect(h.rank, String(h.year)).toBe(row?.rank ?? null)
      expect(h.score, String(h.year)).toBe(row?.score ?? null)
    }
    expect((await overview('jyj', 2023)).rankHistory.map((h) => h.year)).toEqual([2021, 2022, 2023])
  })

  it('ledgerCounts equal the rows in the ledger tables', async () => {
    const count = async (table: string, code: string, year: number) =>
      (await t.sql.get(`SELECT cast(count(*) as integer) AS n FROM ${table} WHERE bureau_id = ? AND year = ?`, [ids[code], year]) as { n: number }).n
    for (const [code, year] of [['kjj', 2025], ['gaj', 2024], ['xfj', 2025]] as const) {
      const o = await overview(code, year)
      expect(o.ledgerCounts, `${code} ${year}`).toEqual({
        studySessions: await count('study_sessions', code, year),
        legalityReviews: await count('legality_reviews', code, year),
        publicityEvents: await count('publicity_events', code, year),
      })
    }
    // the demo county keeps ledgers, so the check is not vacuous
    expect((await overview('kjj')).ledgerCounts.studySessions).toBeGreaterThan(0)
  })

  it('a bureau without a submission is shown as missing: unscored, unranked, indicators not applicable', async () => {
    const o = await overview('xfj')
    expect(o.status).toBe('missing')
    expect(o.score).toBeNull()
    expect(o.rank).toBeNull()
    expect(o.indicators).toHaveLength((await loadYear(t.sql, 2025)).indicators.length)
    expect(o.indicators.every((i) => i.value === null && !i.applicable)).toBe(true)
    expect(o.rankHistory.find((h) => h.year === 2025)).toEqual({ year: 2025, rank: null, score: null, predecessor: null })
    expect(o.rankHistory.find((h) => h.year === 2024)!.rank).toEqual(expect.any(Number))
  })

  it('answers 404 for an unknown bureau and 400 for a malformed id', async () => {
    const unknown = await t.app.inject({ method: 'GET', url: '/api/bureaus/99999/overview?year=2025', headers: { cookie: office } })
    expect(unknown.statusCode).toBe(404)
    const bad = await t.app.inject({ method: 'GET', url: '/api/bureaus/abc/overview?year=2025', headers: { cookie: office } })
    expect(bad.statusCode).toBe(400)
  })
})

describe('GET /api/trends', () => {
  it('from/to select the years, and each year’s figures match that year’s summary', async () => {
    const { years } = await get<{ years: TrendYear[] }>('/api/trends?from=2022&to=2024')
    expect(years.map((y) => y.year)).toEqual([2022, 2023, 2024])
    for (const y of years) {
      const s = await summary(y.year)
      expect(y.expected, String(y.year)).toBe(s.expected)
      expect(y.reported, String(y.year)).toBe(s.reported)
      expect(y.reportingRate, String(y.year)).toBe(s.reportingRate)
      expect(y.onTimeRate, String(y.year)).toBe(s.onTimeRate)
      expect(y.averageScore, String(y.year)).toBe(s.averageScore)
      expect(y.rectificationCompletionRate, String(y.year)).toBe(s.rectification.completionRate)
    }
  })

  it('2025 shows the gap in reporting that earlier years do not', async () => {
    const { years } = await get<{ years: TrendYear[] }>('/api/trends?from=2021&to=2025')
    expect(years.map((y) => y.year)).toEqual([2021, 2022, 2023, 2024, 2025])
    for (const y of years.slice(0, 4)) expect(y.reportingRate, String(y.year)).toBe(1)
    const y2025 = years[4]
    expect(y2025.reportingRate).toBeCloseTo(23 / 28, 4)
    expect(y2025.reportingRate).toBe((await summary(2025)).reportingRate)
  })

  it('from alone runs to the last year that is due; to alone starts at the first year', async () => {
    // now is 22 Nov 2026: 2025 is due (1 March 2026), 2026 is not (1 March 2027)
    expect((await get<{ years: TrendYear[] }>('/api/trends?from=2023')).years.map((y) => y.year)).toEqual([2023, 2024, 2025])
    expect((await get<{ years: TrendYear[] }>('/api/trends?to=2022')).years.map((y) => y.year)).toEqual([2021, 2022])
    expect((await get<{ years: TrendYear[] }>('/api/trends')).years.map((y) => y.year)).toEqual([2021, 2022, 2023, 2024, 2025])
  })

  it('on the due date itself the year is not yet in the default trend (due runs to 23:59:59 China time)', async () => {
    try {
      // 1 March 2026, noon in the county: 2025's reports may still come in today
      t.setNow(new Date('2026-03-01T12:00:00+08:00'))
      // Another account than the office's of beforeAll: a login ends the account's earlier session.
      const cookie = await login(t.app, 'leader')
      const dueYears = (await get<{ year: number; due: boolean }[]>('/api/cycles', cookie)).filter((c) => c.due).map((c) => c.year)
      expect(dueYears).not.toContain(2025)
      const { years } = await get<{ years: TrendYear[] }>('/api/trends', cookie)
      expect(years.map((y) => y.year)).toEqual(dueYears)
      // once the due day is over (00:00 on 2 March, China time) it is in
      t.setNow(new Date('2026-03-02T00:00:00+08:00'))
      const later = await get<{ years: TrendYear[] }>('/api/trends', await login(t.app, 'leader'))
      expect(later.years.map((y) => y.year)).toContain(2025)
    } finally {
      t.setNow(NOW)
    }
  })

  it('rejects from > to with 400 and a message', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/trends?from=2024&to=2022', headers: { cookie: office } })
    expect(res.statusCode).toBe(400)
    expect(res.json().message).toContain('起始年度不能晚于结束年度')
  })
})
