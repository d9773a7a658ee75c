import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loginAs, startE2e, type E2eContext } from './harness'

let t: E2eContext
beforeAll(async () => {
  t = await startE2e()
})
afterAll(() => t.close())

describe('the Content-Security-Policy in a real browser', () => {
  it('blocks nothing the app itself needs: Ant Design’s injected styles and ECharts still work', async () => {
    const page = await t.newPage()
    const violations: string[] = []
    page.on('console', (msg) => {
      if (/Content Security Policy|Refused to/i.test(msg.text())) violations.push(msg.text())
    })
    await loginAs(page, t.baseUrl, 'office')
    // The office lands on its 工作台; the overview draws the charts.
    await page.getByRole('link', { name: '总览', exact: true }).click()
    await page.waitForSelector('canvas')
    expect(violations).toEqual([])
    // Ant Design's CSS-in-JS took effect: its primary button is coloured, not the browser's grey.
    const radius = await page.locator('.ant-btn-primary, .ant-select').first().evaluate((el) => getComputedStyle(el).borderRadius)
    expect(radius).not.toBe('0px')
    expect(await page.locator('canvas').count()).toBeGreaterThanOrEqual(4)
  })

  it('refuses an injected inline script', async () => {
    const page = await t.newPage()
    const violations: string[] = []
    page.on('console', (msg) => {
      if (/Content Security Policy/i.test(msg.text())) violations.push(msg.text())
    })
    await page.goto(`${t.baseUrl}/login`)
    const ran = await page.evaluate(() => {
      const s = document.createElement('script')
      s.textContent = 'window.__injected = true'
      document.body.appendChild(s)
      return (window as unknown as { __injected?: boolean }).__injected === true
    })
    expect(ran).toBe(false)
    expect(violations.length).toBeGreaterThan(0)
  })
})
