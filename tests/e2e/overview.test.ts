import type { Summary } from '@fazhi/shared'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login } from '../helpers/app'
import { loginAs, startE2e, type E2eContext } from './harness'

/** The bureaus the demo seed leaves without a 2025 report. */
const MISSING_2025 = ['示例县信访局', '示例县退役军人事务局', '示例县民族宗教事务局']

describe('county overview (office)', () => {
  let t: E2eContext
  let page: Page
  let summary: Summary
  const summaryRequests: string[] = []

  beforeAll(async () => {
    t = await startE2e()
    const cookie = await login(t.app, 'office')
    const res = await t.app.inject({ method: 'GET', url: '/api/dashboard/summary?year=2025', headers: { cookie } })
    expect(res.statusCode).toBe(200)
    summary = res.json()
    page = await t.newPage()
    page.on('request', (req) => {
      if (new URL(req.url()).pathname === '/api/dashboard/summary') summaryRequests.push(new URL(req.url()).search)
    })
    await loginAs(page, t.baseUrl, 'office')
    // The office lands on its 工作台; the overview is one click away in the nav.
    await page.waitForURL((url) => url.pathname === '/workbench')
    await page.getByRole('link', { name: '总览', exact: true }).click()
    await page.waitForURL((url) => url.pathname === '/')
  })

  afterAll(async () => {
    await t?.close()
  })

  const panel = (title: string) => page.locator('section.panel', { has: page.getByRole('heading', { name: title, exact: true }) })

  it('opens on 2025 and shows its 上报率 as the API computes it', async () => {
    expect(new URL(page.url()).pathname).toBe('/')
    expect(summary.reportingRate).toBeLessThan(1)
    const expected = `${(summary.reportingRate * 100).toFixed(1)}%`
    await expect.poll(() => page.locator('[data-stat="reportingRate"] .stat-value').textContent()).toBe(expected)
    await expect.poll(() => page.locator('[data-stat="reportingRate"]').textContent()).toContain(`${summary.reported} / ${summary.expected}`)
  })

  it('compares with last year from the one summary it downloads', async () => {
    await expect.poll(() => page.locator('[data-stat="reportingRate"]').textContent()).toMatch(/2024 年度/)
    expect(summaryRequests).toEqual(['?year=2025'])
  })

  it('draws the charts', async () => {
    await expect.poll(() => page.locator('.chart canvas').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(4)
  })

  it('lists the bureaus that have not reported in the 催报 list', async () => {
    const chase = panel('催报名单')
    for (const name of MISSING_2025) await expect.poll(() => chase.getByRole('link', { name, exact: true }).count()).toBe(1)
    await expect.poll(() => chase.getByText('未填报', { exact: true }).count()).toBe(MISSING_2025.length)
  })

  it('opens a bureau’s page from its row in the ranking table', async () => {
    const first = summary.bureaus.find((b) => b.rank === 1)!
    await panel('单位排名').locator('tbody tr.ant-table-row').first().locator('td').first().click()
    await page.waitForURL((url) => url.pathname === `/bureaus/${first.bureauId}`)
    expect(new URL(page.url()).searchParams.get('year')).toBe('2025')
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(first.name)
  })
})
