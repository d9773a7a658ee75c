import type { Bureau } from '@fazhi/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, login, type TestContext, withCsrf } from '../../helpers/app'

/**
 * DOMAIN.md: a bureau user sees every bureau's name, score and rank, and only its own details. Every
 * answer a bureau user can get about other bureaus (summary, ranking, vertical view, live and
 * published, and the ranking export) carries nothing about another bureau beyond its identity,
 * score, rank and grade. The routes that take a bureau (`ownBureau` in the access table) refuse
 * another bureau outright: the route × caller matrix (route-matrix.test.ts) covers those.
 */

/** What a bureau user may read of another bureau. */
const PUBLIC_FIELDS = new Set(['bureauId', 'code', 'name', 'shortName', 'type', 'regionId', 'regionName', 'score', 'rank', 'tied', 'previousRank', 'rankChange', 'typeRank', 'grade'])

let t: TestContext
let office: string
let kjj: string
let jyj: string
let bureaus: Bureau[]
/** 示例县: with a second region, a bureau user's board and exports are its own region's. */
let county: number
const idOf = (code: string) => bureaus.find((b) => b.code === code)!.id

beforeAll(async () => {
  t = await createTestApp()
  office = await login(t.app, 'office')
  kjj = await login(t.app, 'kjj')
  jyj = await login(t.app, 'jyj')
  bureaus = (await t.app.inject({ method: 'GET', url: '/api/bureaus', headers: { cookie: office } })).json()
  // A second region with a bureau of 科技局's type, so the vertical view has rows to compare.
  const region = await t.app.inject({ method: 'POST', url: '/api/regions', headers: withCsrf(office), payload: { code: 'east', name: '东城区', level: 'county', parentId: null } })
  expect(region.statusCode).toBe(201)
  const kjjBureau = bureaus.find((b) => b.code === 'kjj')!
  county = kjjBureau.regionId
  const twin = await t.app.inject({
    method: 'POST',
    url: '/api/bureaus',
    headers: withCsrf(office),
    payload: { code: 'dckjj', name: '东城区科技局', shortName: '东城科技局', type: kjjBureau.type, hasEnforcement: true, activeFrom: 2020, regionId: region.json().id },
  })
  expect(twin.statusCode).toBe(201)
  expect((await t.app.inject({ method: 'POST', url: '/api/cycles/2025/publish', headers: withCsrf(office), payload: { title: '2025年度定稿' } })).statusCode).toBe(201)
})
afterAll(() => t.close())

const get = async (cookie: string, url: string, headers: Record<string, string> = {}) => {
  const res = await t.app.inject({ method: 'GET', url, headers: { cookie, ...headers } })
  expect(res.statusCode, `${url}: ${res.body}`).toBe(200)
  return res
}

/** Checks every entry: another bureau's carries public fields only; the viewer's own (if any) carries its details. Returns how many were checked. */
function expectRedacted(entries: Record<string, unknown>[], ownId: number | null, detail: string) {
  let others = 0
  for (const entry of entries) {
    const fields = Object.keys(entry)
    if (entry.bureauId === ownId) expect(fields).toContain(detail)
    else {
      others++
      expect(fields.filter((f) => !PUBLIC_FIELDS.has(f)), `${String(entry.name)}`).toEqual([])
    }
  }
  expect(others).toBeGreaterThan(0)
}

describe('what a bureau user reads of other bureaus', () => {
  for (const version of ['', '&version=1']) {
    const which = version ? 'published' : 'live'

    it(`summary (${which}): another bureau's entry is its name, score, rank and grade; its own entry is whole`, async () => {
      const own = idOf('kjj')
      const officeView = (await get(office, `/api/dashboard/summary?year=2025&regionId=${county}${version}`)).json()
      // The office reads every entry whole (the test would catch a redaction that hid nothing).
      for (const b of officeView.bureaus) expect(Object.keys(b)).toEqual(expect.arrayContaining(['submittedAt', 'daysOverdue', 'fillRate', 'categories', 'rectification']))
      const bureauView = (await get(kjj, `/api/dashboard/summary?year=2025${version}`)).json()
      expectRedacted(bureauView.bureaus, own, 'rectification')
      // Same bureaus, same public figures; the county totals are the same for everyone.
      expect(bureauView.bureaus.map((b: { name: string; score: number | null; rank: number | null }) => [b.name, b.score, b.rank])).toEqual(officeView.bureaus.map((b: { name: string; score: number | null; rank: number | null }) => [b.name, b.score, b.rank]))
      expect(bureauView.reportingRate).toBe(officeView.reportingRate)
    })

    it(`ranking (${which}): another bureau's row has no 达标率, timeliness, bonus, deduction or categories`, async () => {
      const officeView = (await get(office, `/api/ranking?year=2025&regionId=${county}${version}`)).json()
      expect(officeView.rows.every((r: object) => 'completion' in r && 'categories' in r)).toBe(true)
      const bureauView = (await get(kjj, `/api/ranking?year=2025${version}`)).json()
      expectRedacted(bureauView.rows, idOf('kjj'), 'completion')
      expectRedacted(bureauView.unreported, idOf('kjj'), 'name')
      expect(bureauView.rows.map((r: { rank: number }) => r.rank)).toEqual(officeView.rows.map((r: { rank: number }) => r.rank))
    })
  }

  it('vertical view: another bureau of the same type shows its region, name, score and rank among its type', async () => {
    const type = bureaus.find((b) => b.code === 'kjj')!.type
    const url = `/api/vertical?year=2025&type=${encodeURIComponent(type)}`
    const officeView = (await get(office, url)).json()
    expect(officeView.rows).toHaveLength(2)
    expect(officeView.rows.every((r: object) => 'status' in r && 'categories' in r)).toBe(true)
    expectRedacted((await get(kjj, url)).json().rows, idOf('kjj'), 'categories')
    expectRedacted((await get(jyj, url)).json().rows, idOf('jyj'), 'categories')
  })

  it('the ranking export leaves another bureau\'s 达标率, timeliness, bonus and deduction empty', async () => {
    const table = async (cookie: string) => {
      const lines = (await get(cookie, `/api/exports/ranking.csv?year=2025&regionId=${county}`)).body.replace(/^\uFEFF/, '').split(/\r?\n/).map((l) => l.split(','))
      const header = lines.findIndex((l) => l.includes('达标率'))
      const columns = lines[header]
      const detail = ['达标率', '是否按时', '加分', '扣分'].map((c) => columns.indexOf(c))
      expect(detail.every((i) => i >= 0)).toBe(true)
      return lines.slice(header + 1).filter((l) => l.length === columns.length).map((l) => ({ name: l[columns.indexOf('单位')], details: detail.map((i) => l[i]).filter((v) => v !== '') }))
    }
    const ownName = bureaus.find((b) => b.code === 'kjj')!.name
    const officeRows = await table(office)
    expect(officeRows.filter((r) => r.name !== ownName && r.details.length > 0).length).toBeGreaterThan(0)
    const bureauRows = await table(kjj)
    expect(bureauRows).toHaveLength(officeRows.length)
    expect(bureauRows.filter((r) => r.name !== ownName && r.details.length > 0)).toEqual([])
    expect(bureauRows.find((r) => r.name === ownName)!.details).toEqual(officeRows.find((r) => r.name === ownName)!.details)
  })
})

describe('the cached answers do not cross viewers', () => {
  it("a bureau's summary and ranking are its own: not the office's, not another bureau's, and the office's ETag does not answer them", async () => {
    for (const url of ['/api/dashboard/summary?year=2024', '/api/ranking?year=2024']) {
      // The office asks first, so its answer is cached when the bureaus ask.
      const officeRes = await get(office, url)
      const kjjRes = await get(kjj, url)
      const jyjRes = await get(jyj, url)
      expect(new Set([officeRes.headers.etag, kjjRes.headers.etag, jyjRes.headers.etag]).size).toBe(3)
      expect(kjjRes.body).not.toBe(officeRes.body)
      expect(jyjRes.body).not.toBe(kjjRes.body)
      const entries = (body: string) => JSON.parse(body)[url.includes('summary') ? 'bureaus' : 'rows'] as Record<string, unknown>[]
      const detail = url.includes('summary') ? 'rectification' : 'completion'
      expectRedacted(entries(kjjRes.body), idOf('kjj'), detail)
      expectRedacted(entries(jyjRes.body), idOf('jyj'), detail)
      // Revalidating with the office's ETag gets the bureau's own answer, not a 304 for the office's.
      const revalidated = await get(kjj, url, { 'if-none-match': String(officeRes.headers.etag) })
      expect(revalidated.body).toBe(kjjRes.body)
      // Its own ETag still gets 304.
      expect((await t.app.inject({ method: 'GET', url, headers: { cookie: kjj, 'if-none-match': String(kjjRes.headers.etag) } })).statusCode).toBe(304)
      // And the office's cached answer is still whole.
      expect((await get(office, url)).body).toBe(officeRes.body)
    }
  })
})
