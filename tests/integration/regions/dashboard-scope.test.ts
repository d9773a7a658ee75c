import type { BureauOverview, RegionRanking, Ranking, Summary, SummaryResponse, TrendYear, VerticalResponse } from '@fazhi/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, login, type TestContext, withCsrf } from '../../helpers/app'

/**
 * The dashboard of the demo city (`seed/city.ts`): every answer covers the caller's region unless it
 * names one of its regions; the city office reads both counties and ranks them, a county office
 * reads its own county only, 市科技局 reads the county 科技局s.
 */
const NOW = new Date('2026-11-22T00:00:00Z')
let t: TestContext
const cookies = new Map<string, string>()
let region: { city: number; demo: number; ybx: number }

beforeAll(async () => {
  t = await createTestApp({ city: true, now: NOW })
  for (const username of ['city', 'office', 'ybx-office', 'kjj', 's-kjj', 'cityleader']) cookies.set(username, await login(t.app, username))
  region = { city: await regionIdOf('demo-city'), demo: await regionIdOf('demo'), ybx: await regionIdOf('ybx') }
})
afterAll(() => t.close())

const regionIdOf = async (code: string) => (await t.sql.get('select id from regions where code = ?', [code]) as { id: number }).id
const bureauIdOf = async (code: string) => (await t.sql.get('select id from bureaus where code = ?', [code]) as { id: number }).id
/** The bureaus of 2025 in the given regions, straight from the table. */
const bureausIn = async (...regionIds: number[]) =>
  (await t.sql.all(`select id from bureaus where region_id in (${regionIds.map(() => '?').join(',')}) and active_from <= 2025 and (active_until is null or active_until >= 2025)`, regionIds) as { id: number }[])
    .map((b) => b.id)
    .sort((a, b) => a - b)

const call = (username: string, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: cookies.get(username)! } })
async function get<T>(username: string, url: string): Promise<T> {
  const res = await call(username, url)
  if (res.statusCode !== 200) throw new Error(`${username} ${url}: ${res.statusCode} ${res.body}`)
  return res.json() as T
}
const idsOf = (s: { bureaus: { bureauId: number }[] }) => s.bureaus.map((b) => b.bureauId).sort((a, b) => a - b)
const rankedIds = (r: Ranking) => [...r.rows.map((x) => x.bureauId), ...r.unreported.map((x) => x.bureauId)].sort((a, b) => a - b)

async function expectRefused(username: string, url: string, status: number, message?: string) {
  const res = await call(username, url)
  expect(res.statusCode, `${username} ${url}`).toBe(status)
  if (message) expect(res.json().message).toBe(message)
}

/** The ranking's figures as the region's own summary heads with them. */
const figuresOf = (s: Summary) => ({ bureauCount: s.expected, reportingRate: s.reportingRate, onTimeRate: s.onTimeRate, averageScore: s.averageScore, rectificationCompletionRate: s.rectification.completionRate })

async function expectFiguresOfSummaries(username: string, ranking: RegionRanking, version = '') {
  for (const row of ranking.rows) {
    const s = await get<Summary>(username, `/api/dashboard/summary?year=2025&regionId=${row.regionId}${version}`)
    expect({ regionId: row.regionId, ...figuresOf(s) }).toEqual({ regionId: row.regionId, bureauCount: row.bureauCount, reportingRate: row.reportingRate, onTimeRate: row.onTimeRate, averageScore: row.averageScore, rectificationCompletionRate: row.rectificationCompletionRate })
  }
}

describe('summary, ranking and trends by region', () => {
  it('the city office covers every region, or the one it names', async () => {
    const all = await get<Summary>('city', '/api/dashboard/summary?year=2025')
    expect(idsOf(all)).toEqual(await bureausIn(region.city, region.demo, region.ybx))
    const ybx = await get<Summary>('city', `/api/dashboard/summary?year=2025&regionId=${region.ybx}`)
    expect(idsOf(ybx)).toEqual(await bureausIn(region.ybx))
    expect(ybx.expected).toBe((await bureausIn(region.ybx)).length)
    expect(rankedIds(await get<Ranking>('city', `/api/ranking?year=2025&regionId=${region.ybx}`))).toEqual(await bureausIn(region.ybx))
    expect(rankedIds(await get<Ranking>('city', '/api/ranking?year=2025'))).toEqual(await bureausIn(region.city, region.demo, region.ybx))
  })

  it('a county office reads its own county by default, after the city’s answers were cached', async () => {
    const own = await get<Summary>('office', '/api/dashboard/summary?year=2025')
    expect(idsOf(own)).toEqual(await bureausIn(region.demo))
    expect(own.expected).toBe((await bureausIn(region.demo)).length)
    // The same answer the city office reads for that county.
    expect(own).toEqual(await get<Summary>('city', `/api/dashboard/summary?year=2025&regionId=${region.demo}`))
    expect(rankedIds(await get<Ranking>('office', '/api/ranking?year=2025'))).toEqual(await bureausIn(region.demo))
    expect((await get<{ years: TrendYear[] }>('office', '/api/trends')).years).toEqual((await get<{ years: TrendYear[] }>('city', `/api/trends?regionId=${region.demo}`)).years)
    expect(idsOf(await get<Summary>('ybx-office', '/api/dashboard/summary?year=2025'))).toEqual(await bureausIn(region.ybx))
  })

  it('another county or the city above is refused to a county office', async () => {
    for (const url of [`/api/dashboard/summary?year=2025&regionId=${region.ybx}`, `/api/ranking?year=2025&regionId=${region.ybx}`, `/api/trends?regionId=${region.city}`, `/api/vertical?year=2025&regionId=${region.ybx}`])
      await expectRefused('office', url, 403, '无权查看该地区')
    await expectRefused('kjj', `/api/ranking?year=2025&regionId=${region.ybx}`, 403, '无权查看该地区')
    // An unknown region: 404 for a caller who reads every region, refused like any other outside a county's.
    await expectRefused('city', '/api/dashboard/summary?year=2025&regionId=99999', 404, '地区不存在')
    await expectRefused('office', '/api/dashboard/summary?year=2025&regionId=99999', 403)
  })

  it('a bureau of a county reads its county’s board, its own entry whole', async () => {
    const s = await get<SummaryResponse>('kjj', '/api/dashboard/summary?year=2025')
    expect(idsOf(s)).toEqual(await bureausIn(region.demo))
    const whole = s.bureaus.filter((b) => 'status' in b).map((b) => b.bureauId)
    expect(whole).toEqual([await bureauIdOf('kjj')])
  })
})

describe('a bureau’s overview', () => {
  it('the city office and leader drill into any county bureau; a county office only into its own county', async () => {
    const ybxKjj = await bureauIdOf('ybx-kjj')
    expect((await get<BureauOverview>('city', `/api/bureaus/${ybxKjj}/overview?year=2025`)).bureau.id).toBe(ybxKjj)
    expect((await get<BureauOverview>('cityleader', `/api/bureaus/${ybxKjj}/overview?year=2025`)).bureau.id).toBe(ybxKjj)
    expect((await get<BureauOverview>('ybx-office', `/api/bureaus/${ybxKjj}/overview?year=2025`)).bureau.id).toBe(ybxKjj)
    await expectRefused('office', `/api/bureaus/${ybxKjj}/overview?year=2025`, 403)
    await expectRefused('office', `/api/bureaus/${ybxKjj}/overview?year=2025&regionId=${region.ybx}`, 403)
  })

  it('市科技局 reads the county 科技局s’ overviews, no other bureau’s; a county 科技局 not the city’s', async () => {
    expect((await get<BureauOverview>('s-kjj', `/api/bureaus/${await bureauIdOf('kjj')}/overview?year=2025`)).bureau.code).toBe('kjj')
    expect((await get<BureauOverview>('s-kjj', `/api/bureaus/${await bureauIdOf('ybx-kjj')}/overview?year=2025`)).bureau.code).toBe('ybx-kjj')
    await expectRefused('s-kjj', `/api/bureaus/${await bureauIdOf('jyj')}/overview?year=2025`, 403)
    await expectRefused('kjj', `/api/bureaus/${await bureauIdOf('s-kjj')}/overview?year=2025`, 403)
    await expectRefused('kjj', `/api/bureaus/${await bureauIdOf('ybx-kjj')}/overview?year=2025`, 403)
  })
})

describe('the vertical view', () => {
  const wholeCodes = (v: VerticalResponse) => v.rows.filter((r) => 'status' in r).map((r) => r.bureauId).sort((a, b) => a - b)
  const rowIds = (v: VerticalResponse) => v.rows.map((r) => r.bureauId).sort((a, b) => a - b)
  const kjjs = async () => (await Promise.all(['s-kjj', 'kjj', 'ybx-kjj'].map(bureauIdOf))).sort((a, b) => a - b)

  it('市科技局 reads every 科技局 of the city whole, other types’ rows public', async () => {
    const v = await get<VerticalResponse>('s-kjj', '/api/vertical?year=2025&type=科技局')
    expect(v.types).toEqual(expect.arrayContaining(['科技局', '教育局']))
    expect(rowIds(v)).toEqual(await kjjs())
    expect(wholeCodes(v)).toEqual(await kjjs())
    const other = await get<VerticalResponse>('s-kjj', '/api/vertical?year=2025&type=教育局')
    expect(other.rows.length).toBe(3)
    expect(wholeCodes(other)).toEqual([])
  })

  it('a county 科技局 reads every region’s 科技局, only its own whole; the city office every region’s, or one it names', async () => {
    const v = await get<VerticalResponse>('kjj', '/api/vertical?year=2025&type=科技局')
    expect(rowIds(v)).toEqual(await kjjs())
    expect(wholeCodes(v)).toEqual([await bureauIdOf('kjj')])
    const city = await get<VerticalResponse>('city', '/api/vertical?year=2025&type=科技局')
    expect(wholeCodes(city)).toEqual(await kjjs())
    expect(new Set(city.rows.map((r) => r.regionId))).toEqual(new Set([region.city, region.demo, region.ybx]))
    const ybx = await get<VerticalResponse>('city', `/api/vertical?year=2025&type=科技局&regionId=${region.ybx}`)
    expect(rowIds(ybx)).toEqual([await bureauIdOf('ybx-kjj')])
  })
})

describe('GET /api/regions/ranking', () => {
  it('the city office ranks its counties by their own summaries’ figures', async () => {
    const r = await get<RegionRanking>('city', '/api/regions/ranking?year=2025')
    expect(r).toMatchObject({ year: 2025, version: null, regionId: region.city })
    expect(r.rows.map((x) => x.name).sort()).toEqual(['样板县', '示例县'].sort())
    await expectFiguresOfSummaries('city', r)
    expect(r.overall).toEqual(figuresOf(await get<Summary>('city', '/api/dashboard/summary?year=2025')))
    // Ranked by mean score, then reporting rate.
    const [first, second] = r.rows
    expect([first.rank, second.rank]).toEqual([1, 2])
    expect(first.averageScore! > second.averageScore! || (first.averageScore === second.averageScore && first.reportingRate >= second.reportingRate)).toBe(true)
    // Naming its own region is the same answer; the leader reads it too.
    expect(await get<RegionRanking>('city', `/api/regions/ranking?year=2025&regionId=${region.city}`)).toEqual(r)
    expect(await get<RegionRanking>('cityleader', '/api/regions/ranking?year=2025')).toEqual(r)
  })

  it('a county office ranks the regions below its own (none here), and may not name another', async () => {
    const r = await get<RegionRanking>('office', '/api/regions/ranking?year=2025')
    expect(r).toMatchObject({ regionId: region.demo, rows: [] })
    expect(r.overall).toEqual(figuresOf(await get<Summary>('office', '/api/dashboard/summary?year=2025')))
    await expectRefused('office', `/api/regions/ranking?year=2025&regionId=${region.ybx}`, 403, '无权查看该地区')
    await expectRefused('office', `/api/regions/ranking?year=2025&regionId=${region.city}`, 403, '无权查看该地区')
    await expectRefused('kjj', '/api/regions/ranking?year=2025', 403)
    await expectRefused('city', '/api/regions/ranking?year=2025&regionId=99999', 404, '地区不存在')
    await expectRefused('city', '/api/regions/ranking?year=1999', 400)
    await expectRefused('city', '/api/regions/ranking?year=2030', 404)
  })
})

describe('a published version by region', () => {
  it('freezes each county’s summary and ranking: the pages and the county ranking read them', async () => {
    const live = {
      office: await get<Summary>('office', '/api/dashboard/summary?year=2025'),
      ybxRanking: await get<Ranking>('city', `/api/ranking?year=2025&regionId=${region.ybx}`),
      counties: await get<RegionRanking>('city', '/api/regions/ranking?year=2025'),
    }
    const published = await t.app.inject({ method: 'POST', url: '/api/cycles/2025/publish', headers: withCsrf(cookies.get('city')!), payload: { title: '2025年度考核定稿' } })
    expect(published.statusCode, published.body).toBe(201)
    const v = `&version=${published.json().version}`
    // Nothing changed since: each region's frozen figures are its live ones.
    expect(await get<Summary>('office', `/api/dashboard/summary?year=2025${v}`)).toEqual(live.office)
    expect(await get<Ranking>('city', `/api/ranking?year=2025&regionId=${region.ybx}${v}`)).toEqual(live.ybxRanking)
    const counties = await get<RegionRanking>('city', `/api/regions/ranking?year=2025${v}`)
    expect(counties).toEqual({ ...live.counties, version: published.json().version })
    await expectFiguresOfSummaries('city', counties, v)
    // Later changes move the live figures only.
    await t.sql.run("update submissions set status = 'returned' where bureau_id = ? and year = 2025", [await bureauIdOf('ybx-kjj')])
    expect(await get<RegionRanking>('city', `/api/regions/ranking?year=2025${v}`)).toEqual(counties)
    expect((await get<RegionRanking>('city', '/api/regions/ranking?year=2025')).rows).not.toEqual(counties.rows)
    // The same access rules as live.
    await expectRefused('office', `/api/dashboard/summary?year=2025&regionId=${region.ybx}${v}`, 403, '无权查看该地区')
    expect((await get<BureauOverview>('office', `/api/bureaus/${await bureauIdOf('kjj')}/overview?year=2025${v}`)).bureau.code).toBe('kjj')
    await expectRefused('office', `/api/bureaus/${await bureauIdOf('ybx-kjj')}/overview?year=2025${v}`, 403)
    expect((await get<BureauOverview>('city', `/api/bureaus/${await bureauIdOf('ybx-kjj')}/overview?year=2025&regionId=${region.ybx}${v}`)).bureau.code).toBe('ybx-kjj')
    await expectRefused('city', `/api/bureaus/${await bureauIdOf('kjj')}/overview?year=2025&regionId=${region.ybx}${v}`, 400, '示例县科技局不在所选地区内')
  })
})
