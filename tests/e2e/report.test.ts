import type { Summary } from '@fazhi/shared'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, withCsrf } from '../helpers/app'
import { loginAs, startE2e, type E2eContext } from './harness'
import { pdfPageTexts } from './pdfText'

describe('print view /report/:year', () => {
  let t: E2eContext
  let page: Page
  let summary: Summary

  beforeAll(async () => {
    t = await startE2e()
    const cookie = await login(t.app, 'office')
    summary = (await t.app.inject({ method: 'GET', url: '/api/dashboard/summary?year=2025', headers: { cookie } })).json()
    page = await t.newPage()
    await loginAs(page, t.baseUrl, 'office')
  })

  afterAll(async () => {
    await t?.close()
  })

  it('is linked from the overview', async () => {
    await page.getByRole('link', { name: '总览' }).click()
    await page.getByRole('link', { name: /打印视图/ }).click()
    await page.waitForURL((url) => url.pathname === '/report/2025')
  })

  it('shows the title with the region’s name, the headline figures, two charts and the tables', async () => {
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('示例县2025年度法治政府建设情况')
    await expect.poll(() => page.locator('[data-stat="reportingRate"] .stat-value').textContent()).toBe(`${(summary.reportingRate * 100).toFixed(1)}%`)
    await expect.poll(() => page.locator('.print-chart canvas').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(2)
    const ranked = summary.bureaus.filter((b) => b.rank !== null).length
    await expect.poll(() => page.getByRole('table', { name: '单位排名表' }).locator('tbody tr').count()).toBe(ranked)
    await expect.poll(() => page.getByRole('table', { name: '上报情况' }).locator('tbody tr').count()).toBe(summary.bureaus.length)
    const missing = summary.bureaus.filter((b) => b.status === 'missing')
    for (const b of missing) expect(await page.getByRole('table', { name: '上报情况' }).locator('tr', { hasText: b.name }).textContent()).toContain('未填报')
    await expect.poll(() => page.getByRole('table', { name: '整改落实情况' }).locator('tfoot').textContent()).toContain(`合计${summary.rectification.total}`)
  })

  it('enables 打印 only once every chart has rendered, and prints', async () => {
    const print = page.getByRole('button', { name: /打\s*印/ })
    await expect.poll(() => print.isEnabled(), { timeout: 15_000 }).toBe(true)
    expect(await page.locator('.print-chart[data-rendered="true"]').count()).toBe(2)
    await page.evaluate(() => {
      ;(window as unknown as { printed: number }).printed = 0
      window.print = () => void (window as unknown as { printed: number }).printed++
    })
    await print.click()
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1)
  })

  it('leaves the navigation and toolbar off paper and prints the charts as images', async () => {
    expect(await page.locator('.app-header').isVisible()).toBe(true)
    await page.emulateMedia({ media: 'print' })
    expect(await page.locator('.app-header').isVisible()).toBe(false)
    expect(await page.locator('.report-toolbar').isVisible()).toBe(false)
    expect(await page.locator('img.print-chart-image').count()).toBe(2)
    for (const img of await page.locator('img.print-chart-image').all()) expect(await img.isVisible()).toBe(true)
    await page.emulateMedia({ media: 'screen' })
  })

  /** The view printed to PDF by Chromium with its own print CSS (A4 from `@page`), and each page's text. */
  async function printed(): Promise<string[]> {
    await expect.poll(() => page.getByRole('button', { name: /打\s*印/ }).isEnabled(), { timeout: 15_000 }).toBe(true)
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true })
    const pages = await pdfPageTexts(pdf)
    // The reader found the text (the title is on the first page).
    expect(pages[0]).toContain('法治政府建设情况')
    return pages
  }

  it('numbers every printed page 第 n 页，共 N 页 and heads it with the live data’s line', async () => {
    await page.goto(`${t.baseUrl}/report/2025`)
    await expect.poll(() => page.locator('.report-version').textContent()).toBe('实时数据（未定稿）')
    const pages = await printed()
    expect(pages.length).toBeGreaterThan(1)
    pages.forEach((text, i) => {
      // 页 as Chromium's font may map it back: its radical form ⻚.
      expect(text.replace(/\s/g, '')).toMatch(new RegExp(`第${i + 1}[页⻚]，共${pages.length}[页⻚]`))
      expect(text).toContain('实时数据（未定稿）')
    })
  })

  it('names the published version it shows, on screen and on every printed page', async () => {
    const cookie = await login(t.app, 'office')
    const published = await t.app.inject({ method: 'POST', url: '/api/cycles/2025/publish', headers: withCsrf(cookie), payload: { title: '年终考核定稿' } })
    expect(published.statusCode).toBe(201)
    const date = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' })
    await page.goto(`${t.baseUrl}/report/2025`)
    await expect.poll(() => page.locator('.report-version').textContent()).toBe(`定稿第 1 版，${date} 发布`)
    const pages = await printed()
    for (const text of pages) expect(text.replace(/\s/g, '')).toContain(`定稿第1版，${date}发布`)
  })

  it('sends a bureau user back to their 工作台', async () => {
    const bureauPage = await t.newPage()
    await loginAs(bureauPage, t.baseUrl, 'kjj')
    await bureauPage.goto(`${t.baseUrl}/report/2025`)
    await bureauPage.waitForURL((url) => url.pathname === '/workbench')
  })
})
