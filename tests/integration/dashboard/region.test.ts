import type { BureauOverview, Ranking, Summary, TrendYear } from '@fazhi/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, login, type TestContext } from '../../helpers/app'
import { insertPerfectValues, isReportedStatus, loadYear } from './raw'

/**
 * `regionId` narrows the dashboard to a region and the regions below it. The demo county is put
 * under a city together with a second county: the county alone must look exactly as it did when it
 * was the only region, the city must cover both, and no parameter must mean every active bureau.
 */

const NOW = new Date('2026-11-22T00:00:00Z')
let t: TestContext
let office: string
let county: number
let city: number
let east: number
let eastBureaus: number[]
let before: { summary: Summary; ranking: Ranking; trends: TrendYear[]; overview: BureauOverview }
let kjj: number

async function get<T>(url: string): Promise<T> {
  const res = await t.app.inject({ method: 'GET', url, headers: { cookie: office } })
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`)
  return res.json() as T
}

beforeAll(async () => {
  t = await createTestApp({ now: NOW })
  office = await login(t.app, 'office')
  const sql = t.sql
  county = (await sql.get("select id from regions where code = 'demo'") as { id: number }).id
  kjj = (await sql.get("select id from bureaus where code = 'kjj'") as { id: number }).id
  before = {
    summary: await get('/api/dashboard/summary?year=2025'),
    ranking: await get('/api/ranking?year=2025'),
    trends: (await get<{ years: TrendYear[] }>('/api/trends')).years,
    overview: await get(`/api/bureaus/${kjj}/overview?year=2025`),
  }

  city = (await sql.get("insert into regions (code, name, level) values ('city', '示例市', 'city') returning id") as { id: number }).id
  await sql.run('update regions set parent_id = ? where id = ?', [city, county])
  east = (await sql.get("insert into regions (code, name, level, parent_id) values ('east', '东县', 'county', ?) returning id", [city]) as { id: number }).id
  // Three bureaus in the second county: two perfect reports (they outrank every demo bureau) and one missing.
  eastBureaus = []
  for (const [i, code] of ['east-kjj', 'east-jyj', 'east-sfj'].entries())
    eastBureaus.push((await sql.get("insert into bureaus (region_id, code, name, short_name, type, has_enforcement) values (?, ?, ?, ?, '科技局', false) returning id", [east, code, `东县${i}局`, `${i}局`]) as { id: number }).id)
  for (const bureauId of eastBureaus.slice(0, 2)) {
    for (const year of [2024, 2025]) {
      const sub = await sql.get("insert into submissions (bureau_id, year, status, submitted_at, published_at) values (?, ?, 'approved', ?, ?) returning id", [bureauId, year, `${year + 1}-02-10T02:00:00.000Z`, `${year + 1}-03-15`]) as { id: number }
      await insertPerfectValues(sql, sub.id, year)
    }
  }
})
afterAll(() => t.close())

describe('regionId', () => {
  it('one county looks exactly as it did when it was the only region', async () => {
    expect(await get(`/api/dashboard/summary?year=2025&regionId=${county}`)).toEqual(before.summary)
    expect(await get(`/api/ranking?year=2025&regionId=${county}`)).toEqual(before.ranking)
    expect((await get<{ years: TrendYear[] }>(`/api/trends?regionId=${county}`)).years).toEqual(before.trends)
    expect(await get(`/api/bureaus/${kjj}/overview?year=2025&regionId=${county}`)).toEqual(before.overview)
  })

  it('without it: every active bureau, ranked together', async () => {
    const s = await get<Summary>('/api/dashboard/summary?year=2025')
    expect(s.expected).toBe(before.summary.expected + 3)
    expect(s.reported).toBe(before.summary.reported + 2)
    const r = await get<Ranking>('/api/ranking?year=2025')
    expect(r.rows.slice(0, 2).map((x) => x.bureauId).sort()).toEqual(eastBureaus.slice(0, 2).sort())
    // Equal score and 达标率 share a rank (并列): the two perfect reports are both first.
    expect(r.rows.map((x) => x.rank)).toEqual(r.rows.map((x) => r.rows.findIndex((y) => y.score === x.score && y.completion === x.completion) + 1))
    expect(r.rows.slice(0, 2).map((x) => [x.rank, x.tied])).toEqual([
      [1, true],
      [1, true],
    ])
    expect(r.unreported.map((x) => x.bureauId)).toContain(eastBureaus[2])
    // kjj drops two places behind the perfect reports
    const kjjRank = r.rows.find((x) => x.bureauId === kjj)!.rank
    expect(kjjRank).toBe(before.ranking.rows.find((x) => x.bureauId === kjj)!.rank + 2)
  })

  it('a city covers its counties: the same as no parameter while it is the top region', async () => {
    const all = await get<Summary>('/api/dashboard/summary?year=2025')
    expect(await get(`/api/dashboard/summary?year=2025&regionId=${city}`)).toEqual(all)
    expect(await get(`/api/ranking?year=2025&regionId=${city}`)).toEqual(await get('/api/ranking?year=2025'))
  })

  it('the second county alone: its own bureaus, ranks, rank changes, averages and trend', async () => {
    const s = await get<Summary>(`/api/dashboard/summary?year=2025&regionId=${east}`)
    expect(s.bureaus.map((b) => b.bureauId).sort()).toEqual([...eastBureaus].sort())
    expect(s).toMatchObject({ expected: 3, reported: 2, averageScore: 100 })
    expect(s.bureaus.filter((b) => b.rank !== null).map((b) => b.rank)).toEqual([1, 1])
    for (const b of s.bureaus.filter((x) => x.rank !== null)) expect(b.rankChange).toBe(0)
    // A grade is the county's in any view: under the 优秀 quota it comes from the ranking of every bureau
    // (two bureaus alone would leave no room for an 优秀 at 30%).
    const all = await get<Summary>('/api/dashboard/summary?year=2025')
    const gradeIn = (summary: Summary, id: number) => summary.bureaus.find((b) => b.bureauId === id)!.grade
    expect(eastBureaus.map((id) => gradeIn(s, id))).toEqual(eastBureaus.map((id) => gradeIn(all, id)))
    expect(gradeIn(s, eastBureaus[0])).toBe('优秀')
    const r = await get<Ranking>(`/api/ranking?year=2025&regionId=${east}`)
    for (const row of r.rows) expect(row.grade, row.code).toBe(gradeIn(all, row.bureauId))
    const trend = (await get<{ years: TrendYear[] }>(`/api/trends?regionId=${east}`)).years
    expect(trend.find((y) => y.year === 2025)).toMatchObject({ expected: 3, reported: 2, averageScore: 100 })
    expect(trend.find((y) => y.year === 2023)).toMatchObject({ expected: 3, reported: 0, averageScore: null })
  })

  it('a region’s kept board follows the county’s 优秀 seats when they change elsewhere', async () => {
    const gradesOf = (summary: Summary) => eastBureaus.slice(0, 2).map((id) => summary.bureaus.find((b) => b.bureauId === id)!.grade)
    expect(gradesOf(await get<Summary>(`/api/dashboard/summary?year=2025&regionId=${east}`))).toEqual(['优秀', '优秀'])
    const sql = t.sql
    const quota = (await sql.get('select excellent_quota as q from schemes where year = 2025') as { q: number }).q
    const ranked = (await get<Ranking>('/api/ranking?year=2025')).rows.length
    // One seat county-wide (⌊q × ranked⌋ = 1): only the first of the two perfect reports keeps 优秀, in every view.
    await sql.run('update schemes set excellent_quota = ? where year = 2025', [1.5 / ranked])
    try {
      const all = await get<Summary>('/api/dashboard/summary?year=2025')
      const regional = await get<Summary>(`/api/dashboard/summary?year=2025&regionId=${east}`)
      expect(gradesOf(regional)).toEqual(gradesOf(all))
      expect(gradesOf(regional).filter((g) => g === '优秀')).toHaveLength(1)
    } finally {
      await sql.run('update schemes set excellent_quota = ? where year = 2025', [quota])
    }
    expect(gradesOf(await get<Summary>(`/api/dashboard/summary?year=2025&regionId=${east}`))).toEqual(['优秀', '优秀'])
  })

  it('an overview in a region compares with that region’s averages and ranks within it', async () => {
    const o = await get<BureauOverview>(`/api/bureaus/${eastBureaus[0]}/overview?year=2025&regionId=${east}`)
    expect(o.rankedCount).toBe(2)
    expect(o.rank).toBeLessThanOrEqual(2)
    expect(o.rankHistory.find((h) => h.year === 2024)!.rank).toEqual(expect.any(Number))
    // both reported bureaus of the county are perfect: every scored average is its target
    const meetings = o.indicators.find((i) => i.code === 'lead.topic_meetings')!
    expect(meetings.countyAverage).toBe(2)
    for (const c of o.categories.filter((x) => x.attainment !== null)) expect(c.countyAverage, c.code).toBe(1)

    // the demo county's average of the same indicator, straight from the rows
    const raw = await loadYear(t.sql, 2025)
    const demo = raw.activeBureaus.filter((b) => !eastBureaus.includes(b.id) && isReportedStatus(raw.submissionByBureau.get(b.id)?.status))
    const values = demo.map((b) => raw.valuesBySubmission.get(raw.submissionByBureau.get(b.id)!.id)!.get('lead.topic_meetings')?.value).filter((v): v is number => v != null)
    const inCounty = await get<BureauOverview>(`/api/bureaus/${kjj}/overview?year=2025&regionId=${county}`)
    expect(inCounty.indicators.find((i) => i.code === 'lead.topic_meetings')!.countyAverage).toBeCloseTo(values.reduce((a, b) => a + b, 0) / values.length, 2)
  })

  it('a bureau outside the region, an unknown region and a malformed one are refused', async () => {
    const outside = await t.app.inject({ method: 'GET', url: `/api/bureaus/${kjj}/overview?year=2025&regionId=${east}`, headers: { cookie: office } })
    expect(outside.statusCode).toBe(400)
    expect(outside.json().message).toContain('不在所选地区内')
    const unknown = await t.app.inject({ method: 'GET', url: '/api/dashboard/summary?year=2025&regionId=99999', headers: { cookie: office } })
    expect(unknown.statusCode).toBe(404)
    for (const bad of ['abc', '0', '-1', '1.5']) {
      const res = await t.app.inject({ method: 'GET', url: `/api/ranking?year=2025&regionId=${bad}`, headers: { cookie: office } })
      expect(res.statusCode, bad).toBe(400)
      expect(res.json().message, bad).toContain('regionId')
    }
  })

  it('a bureau user may narrow the ranking too, and still sees only their own overview', async () => {
    const cookie = await login(t.app, 'kjj')
    const r = await t.app.inject({ method: 'GET', url: `/api/ranking?year=2025&regionId=${county}`, headers: { cookie } })
    expect(r.statusCode).toBe(200)
    const other = await t.app.inject({ method: 'GET', url: `/api/bureaus/${eastBureaus[0]}/overview?year=2025&regionId=${east}`, headers: { cookie } })
    expect(other.statusCode).toBe(403)
  })
})
