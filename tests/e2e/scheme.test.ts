import { type Ranking, type Scheme, schemeDraftOf, type SchemePreview } from '@fazhi/shared'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, withCsrf } from '../helpers/app'
import { loginAs, startE2e, type E2eContext } from './harness'

describe('the office changes the latest year’s 考核方案 (browser)', () => {
  let t: E2eContext
  let page: Page
  let headers: Record<string, string>
  const api = async <T,>(method: 'GET' | 'POST', url: string, payload?: object): Promise<T> => (await t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) })).json() as T

  beforeAll(async () => {
    t = await startE2e()
    headers = withCsrf(await login(t.app, 'office'))
    // Last year has a scheme of its own, with a rule the latest year does not have yet.
    const last = await api<Scheme>('GET', '/api/schemes/2024')
    const draft = schemeDraftOf(last)
    draft.lateDeduction = 0.5
    expect((await t.app.inject({ method: 'PUT', url: '/api/schemes/2024', headers, payload: { ...draft, version: last.version } })).statusCode).toBe(200)
    page = await t.newPage()
    await loginAs(page, t.baseUrl, 'office')
  })

  afterAll(async () => {
    await t?.close()
  })

  const rowKeys = () => page.locator('[aria-label="单位排名表"] tbody tr[data-row-key]').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-row-key'))))

  it('copies last year’s scheme into the latest judged year, changes a weight, sees the rank changes, saves, and the ranking follows', async () => {
    const before = await api<Ranking>('GET', '/api/ranking?year=2025')
    expect(before.rows.length).toBeGreaterThan(1)

    await page.goto(`${t.baseUrl}/settings/scheme?year=2025`)
    await page.getByRole('button', { name: /复制上年方案/ }).click()
    await page.getByRole('button', { name: /确\s*定/ }).click()
    await expect.poll(async () => (await api<Scheme>('GET', '/api/schemes/2025')).lateDeduction).toBe(0.5)
    await expect.poll(() => page.getByLabel('逾期扣分').inputValue()).toBe('0.5')

    // A weight that moves the ranking (the preview answers without writing anything).
    const copied = await api<Scheme>('GET', '/api/schemes/2025')
    let choice: { code: string; weight: number } | null = null
    for (const ind of copied.indicators.filter((i) => i.weight > 0 && i.rule.kind === 'attainment')) {
      const draft = schemeDraftOf(copied)
      draft.indicators = draft.indicators.map((i) => (i.code === ind.code ? { ...i, weight: 60 } : i))
      const preview = await api<SchemePreview>('POST', '/api/schemes/2025/preview', draft)
      if (preview.changes.some((c) => c.before.rank !== c.after.rank)) {
        choice = { code: ind.code, weight: 60 }
        break
      }
    }
    expect(choice).not.toBeNull()

    const weight = page.getByLabel(`分值 ${choice!.code}`)
    await weight.fill(String(choice!.weight))
    await weight.blur()
    await page.getByRole('button', { name: /预览影响并保存/ }).click()
    const modal = page.getByRole('dialog', { name: '保存前预览：排名变化' })
    await expect.poll(() => modal.getByText(/个的得分、名次或等次会变化/).count()).toBe(1)
    expect(await modal.locator('tbody tr[data-row-key]').count()).toBeGreaterThan(0)
    await modal.getByRole('button', { name: /确认保存/ }).click()
    await expect.poll(() => page.getByText('考核方案已保存').count()).toBe(1)

    const after = await api<Ranking>('GET', '/api/ranking?year=2025')
    expect(after.rows.map((r) => r.bureauId)).not.toEqual(before.rows.map((r) => r.bureauId))
    await page.goto(`${t.baseUrl}/ranking?year=2025`)
    await expect.poll(rowKeys).toEqual(after.rows.map((r) => r.bureauId))
  })

  it('shows leaders and bureaus the rules they are scored by, read only', async () => {
    const bureau = await t.newPage()
    await loginAs(bureau, t.baseUrl, 'kjj')
    await bureau.getByRole('link', { name: '考核细则' }).click()
    await bureau.waitForURL((url) => url.pathname === '/scheme')
    await expect.poll(() => bureau.getByText('逾期上报扣分').count()).toBe(1)
    expect(await bureau.getByRole('spinbutton').count()).toBe(0)
    // Usable on a phone: no page-level horizontal overflow.
    await bureau.setViewportSize({ width: 390, height: 844 })
    await expect.poll(() => bureau.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true)
    await page.setViewportSize({ width: 390, height: 844 })
    await page.goto(`${t.baseUrl}/settings/scheme?year=2025`)
    await expect.poll(() => page.getByRole('button', { name: /预览影响并保存/ }).count()).toBe(1)
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true)
  })
})
