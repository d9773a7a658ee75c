import fs from 'node:fs'
import type { RegionRanking, Summary, VerticalResponse } from '@fazhi/shared'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { READ_ONLY_NOTE } from '../../client/src/features/regions/regions'
import { formatPercent, formatScore } from '../../client/src/lib/format'
import { login } from '../helpers/app'
import { loginAs, pickRegion, startE2e, type E2eContext } from './harness'

/**
 * Issue 19's story in the demo city (`seed/city.ts`): the city office (`city`, bound to 示例市) reads
 * the 区县排名, picks a county (there, and in the header's 地区 picker), sees that county's ranking
 * (overview and 排名 page), drills into one of its bureaus (read only),
 * and switches to the vertical view; 市科技局 (`s-kjj`) reads its county counterparts there. Every
 * page fits a phone's width.
 */
const SHOTS = '/tmp/shots19'
const SIZES = [
  { width: 1280, height: 720 },
  { width: 390, height: 844 },
] as const
const YEAR = 2025

let t: E2eContext
let page: Page
const ids = { city: 0, demo: 0, ybx: 0, ybxKjj: 0 }
const idOf = async (table: 'regions' | 'bureaus', code: string) => (await t.sql.get(`select id from ${table} where code = ?`, [code]) as { id: number }).id

async function apiAs<T>(username: string, url: string): Promise<T> {
  const res = await t.app.inject({ method: 'GET', url, headers: { cookie: await login(t.app, username) } })
  expect(res.statusCode, url).toBe(200)
  return res.json() as T
}

/** Waits until the page's data is on screen: no request in flight, no skeleton or spinner left. */
async function settled(): Promise<void> {
  await page.waitForLoadState('networkidle')
  await expect.poll(() => page.locator('.ant-skeleton, .ant-spin-spinning, .chart-placeholder').count(), { timeout: 20_000 }).toBe(0)
}

/** At each width: a screenshot, and no page-level sideways scroll. */
async function fitsEveryWidth(name: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size)
    await settled()
    await page.screenshot({ path: `${SHOTS}/${name}-${size.width}.png`, fullPage: true })
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }))
    expect({ page: name, width: size.width, fits: scrollWidth <= innerWidth }).toEqual({ page: name, width: size.width, fits: true })
  }
  await page.setViewportSize(SIZES[0])
}

const panel = (title: string) => page.locator('section.panel', { has: page.getByRole('heading', { name: title, exact: true }) })

beforeAll(async () => {
  t = await startE2e({ city: true })
  ids.city = await idOf('regions', 'demo-city')
  ids.demo = await idOf('regions', 'demo')
  ids.ybx = await idOf('regions', 'ybx')
  ids.ybxKjj = await idOf('bureaus', 'ybx-kjj')
  fs.mkdirSync(SHOTS, { recursive: true })
  page = await t.newPage()
  await page.setViewportSize(SIZES[0])
})

afterAll(async () => {
  await t?.close()
})

describe('the city office', () => {
  beforeAll(async () => {
    await loginAs(page, t.baseUrl, 'city')
    await page.getByRole('link', { name: '总览', exact: true }).click()
    await page.waitForURL((url) => url.pathname === '/')
  })

  it('sees the 区县排名 of its counties as the API ranks them', async () => {
    const ranking = await apiAs<RegionRanking>('city', `/api/regions/ranking?year=${YEAR}&regionId=${ids.city}`)
    expect(ranking.rows.map((r) => r.name).sort()).toEqual(['样板县', '示例县'].sort())
    const shown = [...ranking.rows].sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity))
    // 地区, 上报率 and 平均得分 of each row, read together: the table may render again while the page settles.
    const rows = () => panel('区县排名').locator('tbody tr.ant-table-row').evaluateAll((trs) => trs.map((tr) => [1, 3, 5].map((i) => (tr.children[i] as HTMLElement).innerText)))
    await expect.poll(rows, { timeout: 20_000 }).toEqual(shown.map((r) => [r.name, formatPercent(r.reportingRate), formatScore(r.averageScore)]))
    await expect.poll(() => panel('同类单位跨地区对比').count(), { timeout: 20_000 }).toBe(1)
    await fitsEveryWidth('city-overview')
  })

  it('picks a county from the 区县排名: the overview then shows that county', async () => {
    await panel('区县排名').getByRole('button', { name: '示例县', exact: true }).click()
    await page.waitForURL((url) => url.searchParams.get('region') === String(ids.demo))
    // A county has no counties below it: no 区县排名 and no cross-region comparison there.
    await expect.poll(() => panel('区县排名').count(), { timeout: 20_000 }).toBe(0)
    await expect.poll(() => panel('同类单位跨地区对比').count(), { timeout: 20_000 }).toBe(0)
  })

  it('picks 样板县 in the header’s 地区 picker and sees the ranking of 样板县’s bureaus only', async () => {
    await pickRegion(page, '样板县', ids.ybx)
    const summary = await apiAs<Summary>('city', `/api/dashboard/summary?year=${YEAR}&regionId=${ids.ybx}`)
    const ranked = summary.bureaus.filter((b) => b.rank !== null).sort((a, b) => a.rank! - b.rank!)
    expect(ranked.length).toBeGreaterThan(3)
    expect(ranked.every((b) => b.name.startsWith('样板县'))).toBe(true)
    await expect.poll(() => panel('单位排名').locator('tbody tr.ant-table-row td:nth-child(2) a').allInnerTexts(), { timeout: 20_000 }).toEqual(ranked.map((b) => b.name))
    await fitsEveryWidth('city-county-overview')
    // The 排名 page keeps the county.
    await page.getByRole('link', { name: '排名', exact: true }).click()
    await page.waitForURL((url) => url.pathname === '/ranking' && url.searchParams.get('region') === String(ids.ybx))
    await page.getByRole('heading', { level: 1, name: '单位排名' }).waitFor()
    await settled()
    expect(await page.locator('tbody tr.ant-table-row td:nth-child(2) a').allInnerTexts()).toEqual(ranked.map((b) => b.name))
    await fitsEveryWidth('city-county-ranking')
  }, 60_000)

  it('drills into 样板县科技局: its page opens read-only, with no review action', async () => {
    await page.getByRole('link', { name: '样板县科技局', exact: true }).click()
    await page.waitForURL((url) => url.pathname === `/bureaus/${ids.ybxKjj}`)
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 20_000 }).toBe('样板县科技局')
    await expect.poll(() => page.getByText(READ_ONLY_NOTE, { exact: true }).count(), { timeout: 20_000 }).toBe(1)
    await settled()
    expect(await page.getByRole('button', { name: /审核通过|通\s*过|退\s*回/ }).count()).toBe(0)
    await fitsEveryWidth('city-bureau')
  }, 60_000)

  it('switches to the vertical view: 科技局 across 示例县 and 样板县', async () => {
    await page.getByRole('link', { name: '纵向对比', exact: true }).click()
    await page.waitForURL((url) => url.pathname === '/vertical')
    // Back to the whole city: a county alone has nothing to compare across.
    await pickRegion(page, '示例市', ids.city)
    const picker = page.getByRole('combobox', { name: '选择单位类型' })
    await picker.click()
    await picker.fill('科技局')
    await page.keyboard.press('Enter')
    const vertical = await apiAs<VerticalResponse>('city', `/api/vertical?year=${YEAR}&type=${encodeURIComponent('科技局')}`)
    const names = vertical.rows.map((r) => r.name)
    expect(names).toEqual(expect.arrayContaining(['示例县科技局', '样板县科技局']))
    await expect.poll(() => page.locator('section.panel tbody tr.ant-table-row td:nth-child(2)').allInnerTexts(), { timeout: 20_000 }).toEqual(names)
    await fitsEveryWidth('city-vertical')
  })
})

describe('市科技局', () => {
  beforeAll(async () => {
    await page.context().clearCookies()
    await loginAs(page, t.baseUrl, 's-kjj')
  })

  it('reads its county counterparts in the vertical view, each one open', async () => {
    await page.getByRole('link', { name: '纵向对比', exact: true }).click()
    await page.waitForURL((url) => url.pathname === '/vertical')
    const rows = page.locator('section.panel tbody tr.ant-table-row')
    await expect.poll(() => rows.locator('td:nth-child(2)').allInnerTexts(), { timeout: 20_000 }).toEqual(expect.arrayContaining(['示例县科技局', '样板县科技局']))
    for (const name of ['示例县科技局', '样板县科技局']) expect(await rows.getByRole('link', { name, exact: true }).count()).toBe(1)
    await fitsEveryWidth('s-kjj-vertical')
  })
})
