import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formatDateTime } from '../../client/src/lib/format'
import { login } from '../helpers/app'
import { loginAs, startE2e, type E2eContext } from './harness'

describe('security auditor (三员分立)', () => {
  let t: E2eContext
  let page: Page
  let auditorCookie: string

  beforeAll(async () => {
    t = await startE2e()
    // Something to find: logins by the office, one failed, and an export.
    const office = await login(t.app, 'office')
    await login(t.app, 'office')
    await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'office', password: 'wrong-password' } })
    await t.app.inject({ method: 'GET', url: '/api/exports/ranking.csv?year=2025', headers: { cookie: office } })
    auditorCookie = await login(t.app, 'auditor')
    page = await t.newPage()
    await loginAs(page, t.baseUrl, 'auditor')
  })

  afterAll(async () => {
    await t?.close()
  })

  const rows = () => page.getByRole('table', { name: '审计日志' }).locator('tr.ant-table-row')

  it('lands on the audit log, the only page in the navigation', async () => {
    await page.waitForURL((url) => url.pathname === '/audit')
    await expect.poll(() => page.getByRole('navigation', { name: '主导航' }).getByRole('link').allTextContents()).toEqual(['安全审计'])
    await expect.poll(() => rows().count()).toBeGreaterThan(3)
  })

  it('filters login events by user, in China time', async () => {
    await page.getByLabel('用户').fill('office')
    await page.getByLabel('操作').click()
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: '登录' }).first().click()
    await page.getByRole('button', { name: /查\s*询/ }).click()
    await page.waitForURL((url) => url.searchParams.get('user') === 'office' && url.searchParams.get('action') === 'login')

    const expected = (
      await t.app.inject({ method: 'GET', url: '/api/audit?user=office&action=login', headers: { cookie: auditorCookie } })
    ).json() as { total: number; rows: { at: string; success: boolean }[] }
    expect(expected.total).toBe(3)
    await expect.poll(() => rows().count()).toBe(3)
    for (const row of await rows().all()) {
      const text = await row.textContent()
      expect(text).toContain('office')
      expect(text).toContain('登录')
    }
    await expect.poll(() => page.getByText('共 3 条').count()).toBe(1)
    expect(await rows().first().textContent()).toContain(formatDateTime(expected.rows[0].at))
    await expect.poll(() => page.locator('tr.ant-table-row', { hasText: '失败' }).count()).toBe(1)
  })

  it('shows an event’s recorded details in an expandable row', async () => {
    await page.goto(`${t.baseUrl}/audit?action=export`)
    await expect.poll(() => rows().count()).toBe(1)
    await rows().first().click()
    const diff = page.getByRole('table', { name: '变更前后对比' })
    await expect.poll(() => diff.locator('tr', { hasText: 'format' }).textContent()).toContain('csv')
    expect(await diff.locator('tr', { hasText: 'year' }).textContent()).toContain('2025')
  })

  it('exports the filtered log as CSV', async () => {
    await page.goto(`${t.baseUrl}/audit?user=office&action=login`)
    await expect.poll(() => rows().count()).toBe(3)
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /导出 CSV/ }).click()])
    expect(download.suggestedFilename()).toBe('审计日志.csv')
    const { readFileSync } = await import('node:fs')
    const lines = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/)
    expect(lines[0]).toContain('时间,用户')
    expect(lines).toHaveLength(1 + 3)
  })
})
