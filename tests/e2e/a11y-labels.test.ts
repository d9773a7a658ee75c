import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loginAs, startE2e, type E2eContext } from './harness'

/**
 * What a screen reader meets on the main pages is Chinese: no aria-label in Latin letters (the
 * icons' English names, antd's "Increase Value"), and no control without a name. At 1,280 × 720 no
 * page scrolls sideways, and the office's ranking shows every column without scrolling its table.
 */
describe('Chinese screen-reader labels and the 1,280 px layout', () => {
  let t: E2eContext

  beforeAll(async () => {
    t = await startE2e()
  }, 180_000)

  afterAll(async () => {
    await t?.close()
  }, 180_000)

  const idOf = async (sql: string) => (await t.sql.get(sql) as { id: number }).id

  async function pageAs(username: string): Promise<Page> {
    const page = await (await t.browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'zh-CN' })).newPage()
    await loginAs(page, t.baseUrl, username)
    return page
  }

  /** Opens a page and waits until its data is shown (no skeleton, no spinner). */
  async function open(page: Page, path: string) {
    await page.goto(`${t.baseUrl}${path}`)
    await page.locator('.page').first().waitFor()
    await expect.poll(() => page.locator('.ant-skeleton, .ant-spin-spinning').count(), { timeout: 30_000 }).toBe(0)
  }

  /**
   * Labels in Latin letters, and visible controls with no name at all (no text, label or title of
   * their own or of an icon inside: antd's filter trigger and clear button are named by their icon).
   */
  const unreadable = (page: Page) =>
    page.evaluate(() => ({
      english: [...new Set(Array.from(document.querySelectorAll('[aria-label]')).map((e) => e.getAttribute('aria-label')!).filter((l) => /[a-z]/i.test(l)))],
      unnamed: Array.from(document.querySelectorAll('button, [role="button"], a[href]'))
        .filter((e) => {
          const box = e.getBoundingClientRect()
          if (!box.width || !box.height || getComputedStyle(e).visibility === 'hidden') return false
          // antd's pagination names the item holding its arrow button (title 上一页), not the button.
          const named = e.getAttribute('aria-label') || e.getAttribute('title') || e.parentElement?.getAttribute('title') || e.getAttribute('aria-labelledby') || e.textContent?.trim()
          return !named && !e.querySelector('[aria-label]')
        })
        .map((e) => e.outerHTML.slice(0, 160)),
    }))

  const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)

  it.each([
    ['office', async () => ['/', '/ranking?year=2025', '/review', '/rectifications', '/reminders', `/bureaus/${await idOf("select id from bureaus where code = 'kjj'")}?year=2025`]],
    ['kjj', async () => ['/ranking?year=2025', `/submissions/${await idOf("select s.id from submissions s join bureaus b on b.id = s.bureau_id where b.code = 'kjj' and s.status = 'draft' order by s.year desc limit 1")}`]],
  ])('as %s: every label Chinese, nothing scrolls sideways', async (username, paths) => {
    const page = await pageAs(username)
    for (const path of await paths()) {
      await open(page, path)
      expect(await unreadable(page), path).toEqual({ english: [], unnamed: [] })
      expect(await sideways(page), path).toBeLessThanOrEqual(0)
    }
    await page.context().close()
  }, 180_000)

  it('the office’s ranking shows 整改落实 and 名次变化 without scrolling the table at 1,280 px', async () => {
    const page = await pageAs('office')
    await open(page, '/ranking?year=2025')
    const table = page.locator('.ant-table-content, .ant-table-body').first()
    expect(await table.evaluate((e) => e.scrollWidth - e.clientWidth)).toBeLessThanOrEqual(0)
    for (const name of ['整改落实', '名次变化']) {
      const box = (await page.locator('th', { hasText: name }).first().boundingBox())!
      expect(box.x + box.width, name).toBeLessThanOrEqual(1280)
    }
    await page.context().close()
  }, 180_000)
})
