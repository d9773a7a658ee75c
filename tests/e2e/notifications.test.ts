import { CATALOG, requiredIndicators, type SubmissionDetail } from '@fazhi/shared'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, withCsrf } from '../helpers/app'
import { loginAs, startE2e, type E2eContext } from './harness'

/** Browser tests run side by side on a loaded machine: give the page time to settle. */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 10_000 })

const RETURN_REASON = '制发行政规范性文件件数与发文登记不符，请核实后重新上报'
const bell = (page: Page) => page.locator('.app-header').getByRole('link', { name: /^消息中心/ })

describe('消息中心: a returned report reaches the bureau', () => {
  let t: E2eContext
  let page: Page
  let report: number

  beforeAll(async () => {
    t = await startE2e()
    // The office fills 科技局's 2026 draft, the bureau submits it, and the office returns it (through the API).
    const office = withCsrf(await login(t.app, 'office'))
    const kjj = withCsrf(await login(t.app, 'kjj'))
    const list = (await t.app.inject({ method: 'GET', url: '/api/submissions?year=2026', headers: kjj })).json() as { id: number }[]
    report = list[0].id
    const detail = (await t.app.inject({ method: 'GET', url: `/api/submissions/${report}`, headers: office })).json() as SubmissionDetail
    const values = requiredIndicators(CATALOG, { hasEnforcement: detail.hasEnforcement }).map((ind) => ({
      indicator: ind.code,
      value: ind.code in detail.ledgerValues ? detail.ledgerValues[ind.code] : ind.kind === 'boolean' ? true : ind.kind === 'percent' ? 100 : 2,
    }))
    const steps = [
      { method: 'PUT' as const, url: `/api/submissions/${report}`, headers: office, payload: { version: detail.version, values } },
      { method: 'POST' as const, url: `/api/submissions/${report}/submit`, headers: kjj },
      { method: 'POST' as const, url: `/api/submissions/${report}/return`, headers: office, payload: { reason: RETURN_REASON } },
    ]
    for (const step of steps) expect((await t.app.inject(step)).statusCode, step.url).toBe(200)
    page = await t.newPage()
    page.setDefaultTimeout(20_000)
  })

  afterAll(async () => {
    await t?.close()
  })

  it('shows the unread badge, lists the message and follows its link; the count drops', async () => {
    await loginAs(page, t.baseUrl, 'kjj')
    await poll(() => bell(page).getAttribute('aria-label')).toBe('消息中心（1 条未读）')
    await bell(page).click()
    await page.waitForURL('**/notifications')
    const item = page.locator('.notification-item', { hasText: '2026 年度填报被退回' })
    await item.getByText(RETURN_REASON, { exact: false }).waitFor()
    await item.getByText('报告被退回').waitFor()
    await item.getByRole('button', { name: /查看/ }).click()
    await page.waitForURL(`**/submissions/${report}`)
    await poll(() => bell(page).getAttribute('aria-label')).toBe('消息中心（无未读消息）')
    // Back in the message centre the message is read: the unread tab is empty.
    await bell(page).click()
    await page.getByRole('tab', { name: /^未读/ }).click()
    await page.getByText('没有未读消息').first().waitFor()
  }, 180_000)

  it('saves 接收设置 and refuses a malformed e-mail with a Chinese message', async () => {
    await page.goto(`${t.baseUrl}/notifications`)
    const email = page.getByLabel('电子邮箱')
    await email.fill('not-an-address')
    await page.getByRole('button', { name: '保存接收设置' }).click()
    await page.getByText('邮箱地址格式不正确').waitFor()
    await email.fill('kjj@example.gov.cn')
    await page.getByRole('switch', { name: '报告被退回：电子邮件' }).click()
    await page.getByRole('button', { name: '保存接收设置' }).click()
    await page.getByText('接收设置已保存').waitFor()
    const stored = await t.app.inject({ method: 'GET', url: '/api/notifications/preferences', headers: withCsrf(await login(t.app, 'kjj')) })
    expect(stored.json()).toMatchObject({ email: 'kjj@example.gov.cn', channels: { returned: { email: false } } })
  }, 60_000)

  it.each([
    [390, 844],
    [1280, 720],
  ])('at %i×%i the message centre does not scroll sideways', async (width, height) => {
    await page.setViewportSize({ width, height })
    await page.goto(`${t.baseUrl}/notifications`)
    await page.locator('.notification-item').first().waitFor()
    await poll(() => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true)
    await page.screenshot({ path: `/tmp/notifications-${width}.png`, fullPage: true })
  }, 60_000)
})
