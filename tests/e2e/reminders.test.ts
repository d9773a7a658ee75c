import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loginAs, startE2e, type E2eContext } from './harness'

const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 10_000 })

/** 催报 (2026 is open, its deadline ahead: every bureau that has not reported gets a 提醒). */
describe('催报 page (office)', () => {
  let t: E2eContext
  let page: Page
  const panel = (title: string) => page.locator('section.panel', { has: page.getByRole('heading', { name: title, exact: true }) })

  beforeAll(async () => {
    t = await startE2e()
    page = await t.newPage()
    page.setDefaultTimeout(10_000)
    await loginAs(page, t.baseUrl, 'office')
  })
  afterAll(async () => {
    await t?.close()
  })

  it('chases with one click and shows the record, with the wording previewed first', async () => {
    await page.goto(`${t.baseUrl}/reminders?year=2026`)
    await poll(() => panel('催报记录').getByText('本年度尚未催报').count()).toBe(1)
    await panel('催报名单').getByRole('button', { name: '一键催报' }).click()
    const dialog = page.getByRole('dialog')
    await poll(() => dialog.locator('.chase-preview[data-level="remind"]').count()).toBe(1)
    expect(await dialog.locator('.chase-preview-text').first().textContent()).toContain('【提醒】请按时上报2026年度法治政府建设情况报告')
    await dialog.getByRole('button', { name: '发送催报' }).click()
    await poll(() => page.locator('.ant-message').getByText(/已催报 \d+ 个单位/).count()).toBe(1)

    const records = panel('催报记录')
    await poll(() => records.locator('tbody tr', { hasText: '示例县科技局' }).count()).toBe(1)
    expect(await records.locator('tbody tr', { hasText: '示例县科技局' }).textContent()).toContain('站内消息 已读 0/1')
    // Each row of the list (its first page) now tells how often its bureau was chased.
    await poll(() => panel('催报名单').locator('[data-chased="1"]').count()).toBe(await panel('催报名单').locator('tbody tr.ant-table-row').count())
  })

  it('fits a phone: the page itself does not scroll sideways', async () => {
    await page.setViewportSize({ width: 390, height: 844 })
    await page.goto(`${t.baseUrl}/reminders?year=2026`)
    await poll(() => panel('催报记录').locator('tbody tr.ant-table-row').count()).toBeGreaterThan(0)
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
  })
})
