import fs from 'node:fs'
import path from 'node:path'
import { chromium, type Browser, type Locator, type Page } from 'playwright-core'
import { expect } from 'vitest'
import { loadConfig } from '../../server/src/config'
import { createTestApp, DEMO_PASSWORD, type TestContext } from '../helpers/app'

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync']

export interface E2eContext extends TestContext {
  baseUrl: string
  browser: Browser
  newPage(): Promise<Page>
}

/**
 * The real app serving the built client on a free loopback port, over a freshly seeded database,
 * and a headless Chromium. `npm test` builds the client before running the suite. `city`: the demo
 * city 示例市 over two counties (`seed/city.ts`) instead of the single county.
 */
export async function startE2e(opts: { city?: boolean } = {}): Promise<E2eContext> {
  const { clientDist } = loadConfig()
  if (!fs.existsSync(path.join(clientDist, 'index.html'))) throw new Error('client/dist is missing: run `npm run build` first')
  // The stories drive one account from the API and the browser at once: the one-session-per-account
  // rule (MAX_SESSIONS_PER_USER, default 1) has its own tests (security/sessions-limit.test.ts).
  const t = await createTestApp({ clientDist, maxSessionsPerUser: 10, city: opts.city })
  await t.app.listen({ port: 0, host: '127.0.0.1' })
  const address = t.app.server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
  return {
    ...t,
    baseUrl: `http://127.0.0.1:${port}`,
    browser,
    newPage: async () => (await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })).newPage(),
    close: async () => {
      await browser.close()
      await t.close()
    },
  }
}

/** Logs in through the login form, as a user would. */
export async function loginAs(page: Page, baseUrl: string, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/login`)
  await page.getByPlaceholder('用户名').fill(username)
  await page.getByPlaceholder('密码').fill(password)
  await page.getByRole('button', { name: /登\s*录/ }).click()
  await page.waitForURL((url) => !url.pathname.startsWith('/login'))
}

/**
 * Clicks until the click's effect shows (`effect` becomes visible, or hidden): on a loaded machine a
 * click can land before React has wired the handler, or while a dialog still animates. Only for
 * clicks that are safe to repeat (opening or closing a dialog or a text box); a click that writes
 * waits for its response instead.
 */
export async function clickUntil(target: Locator, effect: Locator, state: 'visible' | 'hidden' = 'visible', timeout = 20_000): Promise<void> {
  const until = Date.now() + timeout
  const left = () => Math.max(1, until - Date.now())
  for (;;) {
    if ((await effect.isVisible()) !== (state === 'visible')) await target.click({ timeout: left() })
    try {
      await effect.waitFor({ state, timeout: Math.min(3_000, left()) })
      return
    } catch (err) {
      if (Date.now() >= until) throw err
    }
  }
}

/**
 * Picks `name` in the header's 地区 picker and waits for the page's URL to carry its region id: the
 * dropdown is opened and the node clicked again until the URL changes (on a loaded machine a click can
 * land while the dropdown still opens, and nothing is picked).
 */
export async function pickRegion(page: Page, name: string, regionId: number): Promise<void> {
  const picked = () => new URL(page.url()).searchParams.get('region') === String(regionId)
  const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
  await expect
    .poll(
      async () => {
        if (picked()) return true
        if (!(await dropdown.isVisible())) await page.getByRole('combobox', { name: '选择地区' }).click()
        await dropdown.locator('.ant-select-tree-title', { hasText: name }).first().click({ timeout: 3_000 }).catch(() => undefined)
        await page.waitForURL(picked, { timeout: 3_000 }).catch(() => undefined)
        return picked()
      },
      { timeout: 30_000 },
    )
    .toBe(true)
}
