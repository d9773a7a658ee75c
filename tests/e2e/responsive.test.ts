import fs from 'node:fs'
import type { SubmissionListRow } from '@fazhi/shared'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login } from '../helpers/app'
import { loginAs, startE2e, type E2eContext } from './harness'

type Account = 'office' | 'leader' | 'kjj'

/**
 * The pages each account is checked on: every page of its nav (the test fails when the nav shows one
 * that is missing here), plus the bureau page and a report with its 流转记录. `{bureau}` and
 * `{submission}` stand for the bureau user's bureau and its 2025 report.
 */
export const RESPONSIVE_PAGES: Record<Account, readonly string[]> = {
  office: [
    '/workbench',
    '/',
    '/ranking',
    '/bureaus/{bureau}',
    '/submissions/{submission}',
    '/review',
    '/rectifications',
    '/reminders',
    '/results',
    '/cycles',
    '/settings/organisation',
    '/settings/scheme',
    '/settings/notifications',
    '/settings/security',
    '/notifications',
  ],
  leader: ['/workbench', '/', '/ranking', '/bureaus/{bureau}', '/submissions/{submission}', '/review', '/rectifications', '/reminders', '/results', '/scheme', '/notifications'],
  kjj: ['/workbench', '/ranking', '/bureaus/{bureau}', '/entry', '/submissions/{submission}', '/rectifications', '/scheme', '/notifications'],
}

const SIZES = [
  { width: 390, height: 844 },
  { width: 1280, height: 720 },
] as const

const SHOTS = '/tmp/shots18'

describe.each(Object.keys(RESPONSIVE_PAGES) as Account[])('%s at a phone’s and a laptop’s width', (account) => {
  let t: E2eContext
  let page: Page
  let ids: { bureau: number; submission: number }
  /** A page of the list with its `{bureau}` and `{submission}` filled in. */
  const resolve = (path: string) => path.replace('{bureau}', String(ids.bureau)).replace('{submission}', String(ids.submission))

  beforeAll(async () => {
    t = await startE2e()
    const rows = (await t.app.inject({ method: 'GET', url: '/api/submissions?year=2025', headers: { cookie: await login(t.app, 'kjj') } })).json() as SubmissionListRow[]
    expect(rows).toHaveLength(1)
    ids = { bureau: rows[0].bureauId, submission: rows[0].id }
    page = await t.newPage()
    await loginAs(page, t.baseUrl, account)
    fs.mkdirSync(SHOTS, { recursive: true })
  })

  afterAll(async () => {
    await t?.close()
  })

  /** Opens a page and waits until its data is on screen: no request in flight, no skeleton or spinner left. */
  async function open(path: string): Promise<void> {
    await page.goto(`${t.baseUrl}${path}`)
    await page.waitForLoadState('networkidle')
    await expect.poll(() => page.locator('.ant-skeleton, .ant-spin-spinning, .chart-placeholder').count(), { timeout: 20_000 }).toBe(0)
  }

  it('lists every page of its nav', async () => {
    await page.setViewportSize(SIZES[1])
    await open('/ranking')
    const nav = await page.locator('nav.app-nav a').evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname))
    expect(nav.length).toBeGreaterThan(3)
    expect(RESPONSIVE_PAGES[account].map(resolve)).toEqual(expect.arrayContaining(nav))
  })

  for (const size of SIZES) {
    for (const listed of RESPONSIVE_PAGES[account]) {
      it(`${listed} at ${size.width} px: no sideways scroll, headline figures inside their cards`, { timeout: 60_000 }, async () => {
        const path = resolve(listed)
        await page.setViewportSize(size)
        await open(path)
        const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }))
        await page.screenshot({ path: `${SHOTS}/${account}-${size.width}${path.replace(/\//g, '_')}.png`, fullPage: true })
        expect({ scrollWidth, fits: scrollWidth <= innerWidth }).toEqual({ scrollWidth, fits: true })
        const spilled = await page.locator('.stat-card .stat-value').evaluateAll((values) => values.filter((v) => v.scrollWidth > v.clientWidth).map((v) => v.textContent))
        expect(spilled).toEqual([])
      })
    }
  }

  it('at 390 px folds the nav into a menu that opens, names the user and navigates', { timeout: 60_000 }, async () => {
    await page.setViewportSize(SIZES[0])
    await open('/rectifications')
    await expect.poll(() => page.locator('nav.app-nav').count()).toBe(0)
    const menu = page.getByRole('button', { name: '打开导航菜单' })
    const box = (await menu.boundingBox())!
    expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(40)
    // The brand and the menu button sit side by side, not on top of each other.
    const brand = (await page.locator('.app-brand').boundingBox())!
    expect(brand.x + brand.width).toBeLessThanOrEqual(box.x)

    await menu.click()
    const drawer = page.locator('.app-drawer')
    await expect.poll(() => drawer.isVisible()).toBe(true)
    const me = (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: await login(t.app, account) } })).json() as { displayName: string }
    await expect.poll(() => drawer.locator('.app-drawer-user').textContent()).toContain(me.displayName)
    expect(await drawer.getByRole('button', { name: '修改密码' }).isVisible()).toBe(true)
    expect(await drawer.getByRole('button', { name: '退出' }).isVisible()).toBe(true)

    await drawer.getByRole('link', { name: '排名', exact: true }).click()
    await page.waitForURL((url) => url.pathname === '/ranking')
    await expect.poll(() => drawer.isVisible()).toBe(false)
    await expect.poll(() => page.getByRole('heading', { name: '单位排名', level: 1 }).isVisible()).toBe(true)
  })

  it('at 390 px keeps body text at 14 px or more', async () => {
    await page.setViewportSize(SIZES[0])
    await open(resolve(RESPONSIVE_PAGES[account][1]))
    const small = await page
      .locator('.page-subtitle, .stat-title, .stat-detail, .stat-change, .panel-hint, .ant-table-cell, .count-label')
      .evaluateAll((els) => els.filter((e) => parseFloat(getComputedStyle(e).fontSize) < 14).map((e) => `${e.className}: ${getComputedStyle(e).fontSize}`))
    expect(small).toEqual([])
  })
})
