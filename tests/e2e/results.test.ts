import type { Summary } from '@fazhi/shared'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, withCsrf } from '../helpers/app'
import { loginAs, startE2e, type E2eContext } from './harness'

const percent = (x: number) => `${(x * 100).toFixed(1)}%`

describe('a published version on the overview (office)', () => {
  let t: E2eContext
  let page: Page
  let published: Summary
  let live: Summary

  beforeAll(async () => {
    t = await startE2e()
    const headers = withCsrf(await login(t.app, 'office'))
    const get = async (url: string) => (await t.app.inject({ method: 'GET', url, headers })).json()
    expect((await t.app.inject({ method: 'POST', url: '/api/cycles/2025/publish', headers, payload: { title: '年终考核定稿' } })).statusCode).toBe(201)
    published = await get('/api/dashboard/summary?year=2025&version=1')
    // After publication the office reopens an approved report: the live 上报率 drops, the published one does not.
    const approved = published.bureaus.find((b) => b.status === 'approved')!
    const { id } = (await get(`/api/submissions?year=2025&bureauId=${approved.bureauId}`))[0]
    expect((await t.app.inject({ method: 'POST', url: `/api/submissions/${id}/reopen`, headers })).statusCode).toBe(200)
    live = await get('/api/dashboard/summary?year=2025')
    expect(live.reportingRate).toBeLessThan(published.reportingRate)
    page = await t.newPage()
    await loginAs(page, t.baseUrl, 'office')
    // The office lands on its 工作台; the figures are the overview's.
    await page.goto(`${t.baseUrl}/`)
  })

  afterAll(async () => {
    await t?.close()
  })

  const reportingRate = () => page.locator('[data-stat="reportingRate"] .stat-value').textContent()

  it('shows the newest published version by default, and marks late reports 逾期', async () => {
    await expect.poll(reportingRate).toBe(percent(published.reportingRate))
    await expect.poll(() => page.getByRole('radio', { name: /定稿 第1版/ }).isChecked()).toBe(true)
    await expect.poll(() => page.getByText(/当前显示定稿 第1版.*《年终考核定稿》/).count()).toBe(1)
    const late = published.bureaus.filter((b) => b.onTime === false).length
    expect(late).toBeGreaterThan(0)
    await expect.poll(() => page.locator('[aria-label="单位排名"] .late-tag').count()).toBe(late)
  })

  it('switches to 实时数据, keeping the choice in the URL', async () => {
    await page.getByText('实时数据', { exact: true }).click()
    await expect.poll(reportingRate).toBe(percent(live.reportingRate))
    expect(new URL(page.url()).searchParams.get('v')).toBe('live')
    await page.reload()
    await expect.poll(reportingRate).toBe(percent(live.reportingRate))
  })
})
