import { CATEGORIES } from '@fazhi/shared'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loginAs, startE2e, type E2eContext } from './harness'

const OWN = { id: 3, name: '示例县科技局' }
const OTHER_ID = 5 // 示例县公安局

describe('bureau user (科技局)', () => {
  let t: E2eContext
  let page: Page

  beforeAll(async () => {
    t = await startE2e()
    page = await t.newPage()
    await loginAs(page, t.baseUrl, 'kjj')
  })

  afterAll(async () => {
    await t?.close()
  })

  it('lands on the 工作台 and opens their own bureau’s page from the nav', async () => {
    await page.waitForURL((url) => url.pathname === '/workbench')
    await page.getByRole('link', { name: '本单位', exact: true }).click()
    await page.waitForURL((url) => url.pathname === `/bureaus/${OWN.id}`)
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(OWN.name)
    await expect.poll(() => page.locator('[data-stat="score"] .stat-value').textContent()).toMatch(/^\d+\.\d\d$/)
  })

  it('sees the whole league table (ranks, scores, grades) with their own row highlighted, scrolled to, and the only one linked', async () => {
    await page.getByRole('link', { name: '排名', exact: true }).click()
    await page.waitForURL((url) => url.pathname === '/ranking')
    const own = page.locator('tr.row-own')
    await expect.poll(() => own.count()).toBe(1)
    expect(await own.textContent()).toContain(OWN.name)
    await expect.poll(() => page.locator('tbody tr.ant-table-row').count()).toBeGreaterThan(20)
    await expect.poll(() => own.evaluate((el) => {
      const r = el.getBoundingClientRect()
      return r.top >= 0 && r.bottom <= window.innerHeight
    })).toBe(true)
    // Every bureau's rank, score and grade; the detail columns (达标率, categories, bonus) are the office's.
    const headers = await page.getByLabel('单位排名表').locator('thead th').allTextContents()
    expect(headers).toEqual(expect.arrayContaining(['排名', '单位', '得分', '等次', '名次变化']))
    expect(headers.filter((h) => ['达标率', '加分', '扣分', ...CATEGORIES.map((c) => c.name)].includes(h))).toEqual([])
    const links = page.locator('tbody tr.ant-table-row a')
    expect(await links.count()).toBe(1)
    expect(await links.first().getAttribute('href')).toMatch(new RegExp(`^/bureaus/${OWN.id}\\?year=\\d{4}$`))
  })

  it('is told they may not see another bureau’s details', async () => {
    await page.goto(`${t.baseUrl}/bureaus/${OTHER_ID}?year=2025`)
    await expect.poll(() => page.getByText('只能查看本单位的详细数据').count()).toBe(1)
    await expect.poll(() => page.getByText('无权查看').count()).toBe(1)
  })
})
