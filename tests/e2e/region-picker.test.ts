import type { Bureau, Region, SubmissionListRow, Summary } from '@fazhi/shared'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login } from '../helpers/app'
import { loginAs, pickRegion, startE2e, type E2eContext } from './harness'

const picker = (page: Page) => page.getByRole('combobox', { name: '选择地区' })

/** Polls long enough for a machine busy with the rest of the suite. */
const poll = <T,>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 20_000 })

describe('the 地区 picker (city office, demo city)', () => {
  let t: E2eContext
  let page: Page
  let cookie: string
  let ybx: Region
  let city: Region

  const get = async <T,>(url: string): Promise<T> => {
    const res = await t.app.inject({ method: 'GET', url, headers: { cookie } })
    expect(res.statusCode, url).toBe(200)
    return res.json() as T
  }
  const reportingDetail = () => page.locator('[data-stat="reportingRate"]').textContent()

  beforeAll(async () => {
    t = await startE2e({ city: true })
    cookie = await login(t.app, 'city')
    const regions = await get<Region[]>('/api/regions')
    ybx = regions.find((r) => r.name === '样板县')!
    city = regions.find((r) => r.name === '示例市')!
    page = await t.newPage()
    await loginAs(page, t.baseUrl, 'city')
    await page.waitForURL((url) => url.pathname === '/workbench')
  })

  afterAll(async () => {
    await t?.close()
  })

  it('shows the city’s figures on the overview, then 样板县’s once picked, in the URL', async () => {
    const whole = await get<Summary>(`/api/dashboard/summary?year=2025&regionId=${city.id}`)
    const county = await get<Summary>(`/api/dashboard/summary?year=2025&regionId=${ybx.id}`)
    expect(county.expected).toBeLessThan(whole.expected)

    await page.getByRole('link', { name: '总览', exact: true }).click()
    await page.waitForURL((url) => url.pathname === '/')
    await poll(reportingDetail).toContain(`${whole.reported} / ${whole.expected} 个单位`)

    await pickRegion(page, '样板县', ybx.id)
    await poll(reportingDetail).toContain(`${county.reported} / ${county.expected} 个单位`)
  }, 60_000)

  it('exports the picked region’s rows', async () => {
    const [request] = await Promise.all([
      page.waitForRequest((req) => new URL(req.url()).pathname === '/api/exports/summary.xlsx'),
      page.getByRole('button', { name: '导出汇总表' }).click(),
    ])
    expect(new URL(request.url()).searchParams.get('regionId')).toBe(String(ybx.id))
  })

  it('keeps the region when moving to 排名, whose table holds 样板县’s bureaus only', async () => {
    const ranking = await get<{ rows: { name: string }[] }>(`/api/ranking?year=2025&regionId=${ybx.id}`)
    expect(ranking.rows.length).toBeGreaterThan(0)
    expect(ranking.rows.every((r) => r.name.startsWith('样板县'))).toBe(true)
    await page.getByRole('link', { name: '排名', exact: true }).click()
    await page.waitForURL((url) => url.pathname === '/ranking')
    expect(new URL(page.url()).searchParams.get('region')).toBe(String(ybx.id))
    const rows = page.locator('.ant-table-tbody tr.ant-table-row')
    await poll(() => rows.count()).toBe(Math.min(ranking.rows.length, 20))
    await poll(() => rows.first().textContent()).toContain('样板县')
  })

  it('shows a county’s report read-only: no review actions, the note instead', async () => {
    // The city's review queue holds its own bureaus' reports; a county's it reads one bureau at a time.
    const bureaus = await get<Bureau[]>('/api/bureaus')
    const ybxBureaus = bureaus.filter((b) => b.code.startsWith('ybx-'))
    const reports = (await Promise.all(ybxBureaus.map((b) => get<SubmissionListRow[]>(`/api/submissions?year=2025&bureauId=${b.id}`)))).flat()
    const counties = reports.find((r) => r.status === 'submitted') ?? reports[0]
    expect(counties).toBeDefined()
    await page.goto(`${t.baseUrl}/submissions/${counties!.id}`)
    await poll(() => page.getByText('只读：该单位不属于本级管理').count()).toBeGreaterThan(0)
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('样板县')
    expect(await page.getByRole('button', { name: /^(通\s*过|退\s*回|保\s*存)$/ }).count()).toBe(0)
  })

  it('puts the picker in the ☰ drawer on a phone, without a page-wide horizontal scroll', async () => {
    await page.setViewportSize({ width: 390, height: 844 })
    await page.goto(`${t.baseUrl}/?year=2025&region=${ybx.id}`)
    await page.getByRole('button', { name: '打开导航菜单' }).click()
    const drawer = page.locator('.app-drawer')
    await poll(() => drawer.getByRole('combobox', { name: '选择地区' }).isVisible()).toBe(true)
    await page.keyboard.press('Escape')
    await drawer.waitFor({ state: 'hidden' })
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true)
    await page.setViewportSize({ width: 1440, height: 900 })
  })
})

describe('the 地区 picker (single county)', () => {
  let t: E2eContext

  beforeAll(async () => {
    t = await startE2e()
  })

  afterAll(async () => {
    await t?.close()
  })

  it('is not shown to the county office, which has one region', async () => {
    const page = await t.newPage()
    const regions = page.waitForResponse((res) => new URL(res.url()).pathname === '/api/regions')
    await loginAs(page, t.baseUrl, 'office')
    expect(((await (await regions).json()) as Region[]).length).toBe(1)
    await page.getByRole('link', { name: '总览', exact: true }).click()
    await page.waitForURL((url) => url.pathname === '/')
    await poll(() => page.locator('[data-stat="reportingRate"] .stat-value').textContent()).toMatch(/%$/)
    expect(await picker(page).count()).toBe(0)
  }, 60_000)
})
