import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loginAs, startE2e, type E2eContext } from './harness'

/** Browser tests run side by side: give the page time to settle under load. */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 10_000 })
const field = (page: Page, code: string) => page.locator(`.entry-main [data-indicator="${code}"]`)
/** Where a screenshot goes when SCREENSHOT_DIR is set (to look at the screens by eye). */
const shot = (page: Page, name: string) => (process.env.SCREENSHOT_DIR ? page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/${name}.png` }) : undefined)

describe('校验规则 in the browser', () => {
  let t: E2eContext

  beforeAll(async () => {
    t = await startE2e()
  })
  afterAll(async () => {
    await t?.close()
  })

  it('warns beside a flagged value as the bureau types, and asks for a note before submitting', async () => {
    const page = await t.newPage()
    page.setDefaultTimeout(10_000)
    await loginAs(page, t.baseUrl, 'sfj')
    await page.goto(`${t.baseUrl}/entry?year=2026`)
    const meetings = field(page, 'lead.topic_meetings')
    const warning = meetings.locator('.ind-flags')
    // The demo draft holds 96 meetings, last year 2.
    await poll(() => warning.textContent()).toContain('96 次超出合理范围（0–24）')
    expect(await warning.textContent()).toContain('是上年（2 次）的 48 倍')
    expect(await warning.textContent()).toContain('上报前须在备注中说明原因')
    expect(await meetings.locator('.ant-input-number-status-warning').count()).toBe(1)
    expect(await meetings.textContent()).toContain('上年 2 次')
    expect(await page.locator('.missing-list').textContent()).toContain('党组(党委)会议专题研究法治建设次数（数值异常，须在备注中说明）')
    await meetings.scrollIntoViewIfNeeded()
    await shot(page, 'flagged-entry')

    // Live: a plausible value clears the warning, an implausible one brings it back.
    const input = meetings.getByRole('spinbutton')
    await input.fill('3')
    await poll(() => warning.count()).toBe(0)
    await input.fill('30')
    await poll(() => warning.textContent()).toContain('30 次超出合理范围（0–24）')

    await meetings.getByRole('textbox', { name: '党组(党委)会议专题研究法治建设次数备注' }).fill('含各党支部专题会议，见会议纪要')
    await poll(() => warning.textContent()).toContain('已在备注中说明')
    expect(await meetings.locator('.ant-input-number-status-warning').count()).toBe(0)
    expect(await page.locator('.missing-list').textContent()).not.toContain('数值异常')
  })

  it('shows the office the flagged values first, with last year and the bureau’s note', async () => {
    const page = await t.newPage()
    page.setDefaultTimeout(10_000)
    await loginAs(page, t.baseUrl, 'office')
    await page.goto(`${t.baseUrl}/review?year=2025`)
    const row = page.locator('tr', { hasText: '示例县卫生健康委员会' })
    await poll(() => row.textContent()).toContain('1 项数值')

    await row.getByRole('link').first().click()
    const attention = page.locator('section.panel', { has: page.getByRole('heading', { name: /^需关注/ }) })
    await poll(() => attention.count()).toBe(1)
    const flagged = attention.locator('tr', { hasText: '主动公开政府信息条数' })
    const text = await flagged.textContent()
    expect(text).toContain('150 条')
    expect(text).toContain('28 条')
    expect(text).toContain('是上年（28 条）的 5.4 倍')
    expect(text).toContain('集中补充公开历史文件')
    // It comes before the form.
    const [attentionTop, formTop] = await Promise.all([attention.boundingBox(), page.locator('.entry-main').boundingBox()])
    expect(attentionTop!.y).toBeLessThan(formTop!.y)
    await shot(page, 'flagged-review')
  })
})
