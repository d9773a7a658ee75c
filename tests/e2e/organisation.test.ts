import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bureauSheet as sheet, XLSX } from '../helpers/bureauSheet'
import { loginAs, startE2e, type E2eContext } from './harness'

/** Browser tests run side by side: give the page time to settle under load. */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 10_000 })

const NEW_BUREAU = ['sjzyj', '示例县数据资源管理局', '数据资源局', '数据资源管理局', '执法部门', '有', '示例县', 2025, null]

describe('系统设置 → 组织机构 (office)', () => {
  let t: E2eContext
  let page: Page

  beforeAll(async () => {
    t = await startE2e()
    page = await t.newPage()
    page.setDefaultTimeout(10_000)
    await loginAs(page, t.baseUrl, 'office')
  })
  afterAll(async () => {
    await t?.close()
  })

  const dialog = () => page.getByRole('dialog')

  it('adds a bureau from Excel: a sheet with an error is previewed and refused, a clean one imported', async () => {
    // The office's settings pages sit under 系统设置 in the bar.
    await page.getByRole('button', { name: '系统设置' }).click()
    await page.getByRole('link', { name: '组织机构' }).click()
    await page.waitForURL('**/settings/organisation')
    const table = page.getByRole('table', { name: '单位' })
    await poll(() => table.getByText('示例县科技局').count()).toBe(1)

    await page.getByRole('button', { name: '从Excel导入' }).click()
    await dialog().locator('input[type=file]').setInputFiles({ name: '单位.xlsx', mimeType: XLSX, buffer: await sheet([NEW_BUREAU, ['x1', '示例县甲局', '甲局', '甲局', null, '是', 'demo', 2025, null]]) })
    await poll(() => dialog().locator('.org-import-row-error').count()).toBe(1)
    expect(await dialog().locator('.org-import-row-error').textContent()).toContain('「有无行政执法职能」：应填“有”或“无”')
    expect(await dialog().getByRole('button', { name: '确认导入' }).isDisabled()).toBe(true)

    await dialog().locator('input[type=file]').setInputFiles({ name: '单位.xlsx', mimeType: XLSX, buffer: await sheet([NEW_BUREAU]) })
    await poll(() => dialog().getByText('将新增 1 个、修改 0 个单位', { exact: false }).count()).toBe(1)
    await dialog().getByRole('button', { name: '确认导入' }).click()
    const stored = async () => await t.sql.get("select name, category, active_from as \"activeFrom\" from bureaus where code = 'sjzyj'")
    await poll(stored).toEqual({ name: '示例县数据资源管理局', category: '执法部门', activeFrom: 2025 })
    await poll(() => page.getByRole('dialog').count()).toBe(0)
  })

  it('stacks at 390 px: nothing but the table scrolls sideways', async () => {
    const narrow = await (await t.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' })).newPage()
    await loginAs(narrow, t.baseUrl, 'office')
    await narrow.goto(`${t.baseUrl}/settings/organisation`)
    await poll(() => narrow.getByRole('table', { name: '单位' }).getByText('示例县科技局').count()).toBe(1)
    const widths = await narrow.evaluate(() => {
      const page = document.querySelector('.page') as HTMLElement
      const [tree, bureaus] = Array.from(document.querySelectorAll('.org-layout > *'), (e) => e.getBoundingClientRect())
      return { page: page.scrollWidth, view: document.documentElement.clientWidth, stacked: bureaus.top >= tree.bottom }
    })
    expect(widths.page).toBeLessThanOrEqual(widths.view)
    expect(widths.stacked).toBe(true)
  })
})
