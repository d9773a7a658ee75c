import type { BureauOverview, Ranking } from '@fazhi/shared'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login } from '../helpers/app'
import { loginAs, startE2e, type E2eContext } from './harness'

/** The demo scheme's rules where a score is shown: the ranking's 等次/加分/扣分 and the bureau page's sentences. */
describe('the year’s rules on the pages (office)', () => {
  let t: E2eContext
  let page: Page
  let ranking: Ranking
  let sfj: BureauOverview

  beforeAll(async () => {
    t = await startE2e()
    const cookie = await login(t.app, 'office')
    ranking = (await t.app.inject({ method: 'GET', url: '/api/ranking?year=2025', headers: { cookie } })).json()
    const id = ranking.rows.find((r) => r.code === 'sfj')!.bureauId
    sfj = (await t.app.inject({ method: 'GET', url: `/api/bureaus/${id}/overview?year=2025`, headers: { cookie } })).json()
    page = await t.newPage()
    await loginAs(page, t.baseUrl, 'office')
  })

  afterAll(async () => {
    await t?.close()
  })

  it('the ranking shows each bureau’s 等次, 加分 and 扣分 as the API ranks them, and filters by grade', async () => {
    await page.goto(`${t.baseUrl}/ranking?year=2025`)
    const rows = page.locator('tbody tr.ant-table-row')
    await expect.poll(() => rows.count()).toBe(ranking.rows.length)
    const grades = await page.locator('tbody tr.ant-table-row .grade-tag').allTextContents()
    expect(grades).toEqual(ranking.rows.map((r) => r.grade))
    const late = ranking.rows.find((r) => (r.deduction ?? 0) > 0)!
    expect(await page.locator(`tr[data-row-key="${late.bureauId}"]`).textContent()).toContain('−0.5')
    expect(await page.locator(`tr[data-row-key="${sfj.bureau.id}"]`).textContent()).toContain('+3')

    await page.getByRole('combobox', { name: '按等次筛选' }).click()
    await page.locator('.ant-select-item-option', { hasText: '合格' }).click()
    await page.keyboard.press('Escape')
    const qualified = ranking.rows.filter((r) => r.grade === '合格').length
    await expect.poll(() => rows.count()).toBe(qualified)
    expect(new Set(await page.locator('tbody tr.ant-table-row .grade-tag').allTextContents())).toEqual(new Set(['合格']))
  })

  it('the bureau page shows the grade, how the score is made up, each rule in words and what it took or added', async () => {
    await page.goto(`${t.baseUrl}/bureaus/${sfj.bureau.id}?year=2025`)
    await expect.poll(() => page.locator('[data-stat="grade"] .grade-tag').textContent()).toBe(sfj.grade)
    expect(await page.locator('[data-stat="score"] .stat-detail').first().textContent()).toBe(`基础分 ${sfj.baseScore!.toFixed(2)} + 加分 3`)
    await expect.poll(() => page.getByRole('list', { name: '加分与扣分' }).textContent()).toContain('加分项合计4分，按上限加3分')
    const table = page.getByRole('table', { name: '指标明细' })
    await expect.poll(() => table.getByText('每少1次扣0.3分，累计扣分不超过1.2分').count()).toBe(1)
    for (const i of sfj.indicators.filter((x) => x.explanation)) expect(await table.getByText(i.explanation!, { exact: true }).count(), i.code).toBeGreaterThanOrEqual(1)
  })
})
