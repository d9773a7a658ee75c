import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { notificationsOn } from '../../server/src/features/notifications/service'
import { localWebhook } from '../helpers/outbound'
import { loginAs, startE2e, type E2eContext } from './harness'

/** Browser tests run side by side: give the page time to settle under load. */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 10_000 })
/** Screenshots to look at, when SCREENSHOT_DIR is set. */
const shot = (page: Page, name: string) => (process.env.SCREENSHOT_DIR ? page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/${name}.png`, fullPage: true }) : undefined)

describe('系统设置 → 消息通道 in the browser: configure the webhook, test it, read the delivery log', () => {
  let t: E2eContext
  let hook: Awaited<ReturnType<typeof localWebhook>>
  /** The page's width: no more than the screen's when nothing scrolls sideways. */
  const pageWidth = (page: Page) => page.evaluate(() => ({ page: document.scrollingElement!.scrollWidth, view: document.documentElement.clientWidth }))

  beforeAll(async () => {
    hook = await localWebhook()
    t = await startE2e()
  }, 120_000)
  afterAll(async () => {
    await t?.close()
    await hook?.close()
  })

  it('the office switches the webhook on, sends a test, and sees a real delivery in 发送记录', async () => {
    const page = await (await t.browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'zh-CN' })).newPage()
    page.setDefaultTimeout(20_000)
    await loginAs(page, t.baseUrl, 'office')
    await page.getByRole('button', { name: '系统设置' }).click()
    await poll(() => page.getByRole('link', { name: '消息通道' }).count()).toBeGreaterThan(0)
    await page.goto(`${t.baseUrl}/settings/notifications`)
    await page.getByLabel('Webhook 地址').fill(hook.url)
    await page.getByLabel('签名密钥').fill('e2e-secret')
    await page.getByRole('switch', { name: '启用 Webhook 通道' }).click()
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/notifications/channels') && r.request().method() === 'PUT')
    await page.getByRole('button', { name: '保存设置' }).click()
    expect((await saved).status()).toBe(200)
    await poll(() => page.getByText('已设置；留空则保持不变').count()).toBe(1)

    await page.getByRole('button', { name: '发送测试' }).nth(1).click()
    await poll(() => page.getByText('测试消息已送达').count()).toBe(1)
    expect(JSON.parse(hook.received[0].body)).toMatchObject({ kind: 'test', title: '测试消息' })

    // A real message to 科技局 goes out through the worker and shows in the log.
    const kjj = (await t.sql.get("select id from users where username = 'kjj'") as { id: number }).id
    await t.sql.run("update users set mobile = '13812345678' where id = ?", [kjj])
    await t.db.transaction(() => notificationsOn(t.db, () => new Date()).notify({ userIds: [kjj], kind: 'chase', title: '2026 年度报告催报', body: '请尽快上报' }))
    expect(await t.app.deliveries.runDue()).toMatchObject({ sent: 1 })
    await page.getByRole('button', { name: '刷新发送记录' }).click()
    const log = page.locator('.ant-table')
    await poll(() => log.getByText('2026 年度报告催报').count()).toBe(1)
    await poll(() => log.getByText('138****5678').count()).toBe(1)
    await poll(() => log.getByText('已送达').count()).toBe(1)
    const wide = await pageWidth(page)
    expect(wide.page).toBeLessThanOrEqual(wide.view)
    await shot(page, 'channels-1280')
  }, 90_000)

  it('at 390 px the page does not scroll sideways (only the log table does)', async () => {
    const phone = await (await t.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true })).newPage()
    phone.setDefaultTimeout(20_000)
    await loginAs(phone, t.baseUrl, 'office')
    await phone.goto(`${t.baseUrl}/settings/notifications`)
    await expect.poll(() => phone.locator('.ant-table').getByText('2026 年度报告催报').count(), { timeout: 30_000 }).toBe(1)
    const narrow = await pageWidth(phone)
    expect(narrow.page).toBeLessThanOrEqual(narrow.view)
    await shot(phone, 'channels-390')
  }, 90_000)
})
