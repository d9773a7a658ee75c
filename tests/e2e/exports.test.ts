import fs from 'node:fs'
import type { Download, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loginAs, startE2e, type E2eContext } from './harness'

async function bytesOf(download: Download): Promise<Buffer> {
  const file = await download.path()
  return fs.readFileSync(file)
}

describe('export buttons', () => {
  let t: E2eContext
  let page: Page

  beforeAll(async () => {
    t = await startE2e()
    page = await t.newPage()
    await loginAs(page, t.baseUrl, 'office')
    await page.getByRole('link', { name: '总览', exact: true }).click()
    await page.getByRole('heading', { name: '全县法治政府建设总览' }).waitFor()
  })

  afterAll(async () => {
    await t?.close()
  })

  it('downloads the summary workbook from the overview under the server’s Chinese file name', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出汇总表' }).click()])
    expect(download.suggestedFilename()).toBe('2025年度法治政府建设情况汇总表.xlsx')
    expect((await bytesOf(download)).subarray(0, 2).toString('latin1')).toBe('PK')
    await expect.poll(() => page.getByText('已导出：2025年度法治政府建设情况汇总表.xlsx').count()).toBe(1)
  })

  it('offers the ranking as CSV too', async () => {
    await page.getByRole('button', { name: /导出排名/ }).click()
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: /CSV/ }).click()])
    expect(download.suggestedFilename()).toBe('2025年度排名.csv')
    const text = (await bytesOf(download)).toString('utf8')
    expect(text.replace(/^\uFEFF/, '').split(/\r?\n/)[0]).toContain('单位,得分')
  })

  it('shows the server’s message when an export fails, and no download', async () => {
    await page.route('**/api/exports/summary.xlsx*', (route) =>
      route.fulfill({
        status: 500,
        contentType: 'application/json',
        body: JSON.stringify({ statusCode: 500, error: 'Internal Server Error', message: '导出服务暂时不可用，请稍后重试' }),
      }),
    )
    let downloaded = false
    page.once('download', () => (downloaded = true))
    await page.getByRole('button', { name: '导出汇总表' }).click()
    await expect.poll(() => page.getByText('导出失败：导出服务暂时不可用，请稍后重试').count()).toBe(1)
    expect(downloaded).toBe(false)
    // The button is usable again.
    expect(await page.getByRole('button', { name: '导出汇总表' }).isEnabled()).toBe(true)
    await page.unroute('**/api/exports/summary.xlsx*')
  })

  it('puts a ranking export on the league table, and bureau users get one too', async () => {
    const bureauPage = await t.newPage()
    await loginAs(bureauPage, t.baseUrl, 'kjj')
    await bureauPage.goto(`${t.baseUrl}/ranking?year=2025`)
    await bureauPage.getByRole('button', { name: /导出排名/ }).click()
    const [download] = await Promise.all([bureauPage.waitForEvent('download'), bureauPage.getByRole('menuitem', { name: /Excel/ }).click()])
    expect(download.suggestedFilename()).toBe('2025年度排名.xlsx')
    expect((await bytesOf(download)).subarray(0, 2).toString('latin1')).toBe('PK')
  })
})
