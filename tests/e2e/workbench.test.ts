import type { SubmissionDetail } from '@fazhi/shared'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, withCsrf } from '../helpers/app'
import { completeValues } from '../integration/workflow/helpers'
import { type E2eContext, loginAs, startE2e } from './harness'

const PHONE = { width: 390, height: 844 }
const DESKTOP = { width: 1280, height: 720 }
const SHOTS = process.env.E2E_SCREENSHOTS
/** The page's first answer can take seconds on a loaded machine. */
const LOADED = { timeout: 20_000 }

describe('工作台 in a real browser', () => {
  let t: E2eContext
  let submissionId: number

  const pageAt = async (viewport: { width: number; height: number }) =>
    (await t.browser.newContext({ viewport, locale: 'zh-CN', isMobile: viewport.width < 500 })).newPage()
  const pageWidth = (page: Page) => page.evaluate(() => document.scrollingElement!.scrollWidth)

  beforeAll(async () => {
    t = await startE2e()
    // 教育局 submits its 2026 report: one review waits for the office.
    const cookie = await login(t.app, 'jyj')
    const sub = await t.sql.get("select s.id from submissions s join bureaus b on b.id = s.bureau_id where b.code = 'jyj' and s.year = 2026") as { id: number }
    const detail = (await t.app.inject({ method: 'GET', url: `/api/submissions/${sub.id}`, headers: { cookie } })).json() as SubmissionDetail
    const saved = await t.app.inject({ method: 'PUT', url: `/api/submissions/${sub.id}`, headers: withCsrf(cookie), payload: { version: detail.version, values: completeValues(detail) } })
    expect(saved.statusCode).toBe(200)
    expect((await t.app.inject({ method: 'POST', url: `/api/submissions/${sub.id}/submit`, headers: withCsrf(cookie) })).statusCode).toBe(200)
    submissionId = sub.id
  }, 120_000)

  afterAll(async () => {
    await t?.close()
  })

  it('the office lands on its 工作台 and opens the waiting report from its review task', async () => {
    const page = await pageAt(DESKTOP)
    await loginAs(page, t.baseUrl, 'office')
    await page.waitForURL((url) => url.pathname === '/workbench')
    await expect.poll(() => page.getByRole('heading', { name: '工作台', exact: true }).count(), LOADED).toBe(1)
    await expect.poll(() => page.getByTestId('workbench-deadline').textContent(), LOADED).toContain('年度报告上报截止')
    const reviews = page.getByRole('list', { name: '待审核' })
    await expect.poll(() => reviews.getByRole('link').allTextContents(), LOADED).toEqual(['示例县教育局'])
    expect(await pageWidth(page)).toBeLessThanOrEqual(DESKTOP.width)
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/workbench-office-1280.png`, fullPage: true })
    await reviews.getByRole('link', { name: '示例县教育局' }).click()
    await page.waitForURL((url) => url.pathname === `/submissions/${submissionId}`)
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), LOADED).toContain('示例县教育局')
    // 总览 stays one click away.
    await page.getByRole('link', { name: '总览', exact: true }).click()
    await expect.poll(() => page.getByRole('heading', { name: '全县法治政府建设总览' }).count(), LOADED).toBe(1)
  }, 120_000)

  it('a bureau user sees its own tasks, its standing and the changes since its last visit', async () => {
    const page = await pageAt(DESKTOP)
    await loginAs(page, t.baseUrl, 'kjj')
    await page.waitForURL((url) => url.pathname === '/workbench')
    const tasks = page.getByRole('list', { name: '本单位待办' })
    await expect.poll(() => tasks.getByRole('link').allTextContents(), LOADED).toEqual(['填报 2026 年度报告'])
    expect(await page.getByTestId('workbench-standing').textContent()).toContain('未排名')
    expect(await page.locator('.workbench').textContent()).not.toContain('示例县教育局')
    await tasks.getByRole('link', { name: '填报 2026 年度报告' }).click()
    await page.waitForURL((url) => url.pathname.startsWith('/submissions/'))
  }, 120_000)

  it('fits a phone at 390 × 844: no horizontal scroll, cards stacked', async () => {
    for (const username of ['office', 'kjj', 'leader']) {
      const page = await pageAt(PHONE)
      await loginAs(page, t.baseUrl, username)
      await page.waitForURL((url) => url.pathname === '/workbench')
      await page.getByTestId('workbench-deadline').or(page.locator('.workbench .stat-card').first()).first().waitFor()
      expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width)
      const columns = await page.locator('.workbench-grid').first().evaluate((el) => getComputedStyle(el).gridTemplateColumns.split(' ').length)
      expect(columns).toBe(1)
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/workbench-${username}-390.png`, fullPage: true })
    }
  }, 180_000)
})
