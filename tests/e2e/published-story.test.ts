import type { Indicator, Ranking, SubmissionDetail, SubmissionListRow, Summary } from '@fazhi/shared'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, withCsrf } from '../helpers/app'
import { loginAs, startE2e, type E2eContext } from './harness'

/** Browser tests run side by side: give the page time to settle under load. */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 15_000 })

const YEAR = 2025
const LATE = { code: 'gxj', name: '示例县工业和信息化局' }

/**
 * The whole story of results an office can defend, in the browser: a return does not make an
 * on-time report late, a published ranking does not move when a late report is approved after the
 * meeting, and republishing shows what changed.
 */
describe('results an office can defend: return, resubmit on time, publish, approve a late report, republish', () => {
  let t: E2eContext
  let office: Page
  let bureau: Page
  let officeCookie: string
  /** An on-time, submitted 2025 report without flagged values: the one the office returns. */
  let returned: SubmissionListRow
  let before: Summary
  let published: Ranking

  async function api<T>(method: 'GET' | 'PUT' | 'POST', url: string, payload?: object, cookie = officeCookie): Promise<T> {
    const res = await t.app.inject({ method, url, headers: withCsrf(cookie), ...(payload ? { payload } : {}) })
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300)
    return res.json() as T
  }
  const summary = () => api<Summary>('GET', `/api/dashboard/summary?year=${YEAR}`)
  const rowOf = (s: Summary, code: string) => s.bureaus.find((b) => b.code === code)!

  beforeAll(async () => {
    t = await startE2e()
    officeCookie = await login(t.app, 'office')
    before = await summary()
    const onTime = new Set(before.bureaus.filter((b) => b.status === 'submitted' && b.onTime).map((b) => b.code))
    const rows = await api<SubmissionListRow[]>('GET', `/api/submissions?year=${YEAR}`)
    returned = rows.find((r) => onTime.has(r.bureauCode) && r.flagCount === 0 && r.returnCount === 0)!
    expect(returned).toBeDefined()
    office = await t.newPage()
    bureau = await t.newPage()
    for (const page of [office, bureau]) page.setDefaultTimeout(15_000)
    await loginAs(office, t.baseUrl, 'office')
    await loginAs(bureau, t.baseUrl, returned.bureauCode)
  })

  afterAll(async () => {
    await t?.close()
  })

  it('1. the office returns an on-time report, with a reason and the default resubmission deadline', async () => {
    await office.goto(`${t.baseUrl}/review?year=${YEAR}`)
    const row = office.locator('tr', { hasText: returned.bureauName })
    await row.getByRole('button', { name: '退回' }).click()
    const dialog = office.getByRole('dialog')
    await dialog.getByLabel('退回原因').fill('请补充重大行政决策合法性审查的佐证材料')
    await dialog.getByRole('button', { name: '退回' }).click()
    await poll(async () => (await api<SubmissionDetail>('GET', `/api/submissions/${returned.id}`)).status).toBe('returned')
  })

  it('2. the bureau resubmits within the deadline and stays on time', async () => {
    await bureau.goto(`${t.baseUrl}/entry?year=${YEAR}`)
    await poll(() => bureau.getByText('依法治县办已退回本填报', { exact: false }).count()).toBe(1)
    await bureau.locator('.entry-side').getByRole('button', { name: /上报$/ }).click()
    await bureau.getByRole('button', { name: '确认上报' }).click()
    await poll(async () => (await api<SubmissionDetail>('GET', `/api/submissions/${returned.id}`)).status).toBe('submitted')
    const history = bureau.getByLabel('流转记录')
    await poll(() => history.locator('[data-history-action]').evaluateAll((els) => els.map((e) => e.getAttribute('data-history-action')))).toEqual([
      'submit',
      'return',
      'resubmit',
    ])

    const after = await summary()
    const entry = rowOf(after, returned.bureauCode)
    expect(entry).toMatchObject({ status: 'submitted', onTime: true, daysOverdue: 0, firstSubmittedAt: rowOf(before, returned.bureauCode).firstSubmittedAt })
    expect([after.onTimeRate, after.reportingRate]).toEqual([before.onTimeRate, before.reportingRate])
  })

  it('3. the office publishes the year’s results', async () => {
    await office.goto(`${t.baseUrl}/results?year=${YEAR}`)
    await office.getByRole('button', { name: /发布定稿/ }).click()
    const dialog = office.getByRole('dialog')
    await dialog.getByLabel('定稿标题').fill('2025年度考核结果（第一次）')
    await dialog.getByRole('button', { name: '确认发布' }).click()
    await poll(() => office.getByText('首次发布').count()).toBe(1)
    published = await api<Ranking>('GET', `/api/ranking?year=${YEAR}&version=1`)
    expect(published.rows.some((r) => r.code === LATE.code)).toBe(false)
  })

  it('4. a late bureau reports, and the office approves it', async () => {
    // The bureau completes and submits its draft (months after the due date): the setup of this step.
    const gxj = await login(t.app, LATE.code)
    const [row] = (await api<SubmissionListRow[]>('GET', `/api/submissions?year=${YEAR}`, undefined, gxj)).filter((r) => r.bureauCode === LATE.code)
    const draft = await api<SubmissionDetail>('GET', `/api/submissions/${row.id}`, undefined, gxj)
    const kinds = new Map((await api<Indicator[]>('GET', `/api/indicators?year=${YEAR}`)).map((i) => [i.code, i.kind]))
    const valueOf = (code: string) => (kinds.get(code) === 'boolean' ? true : kinds.get(code) === 'percent' ? 100 : 2)
    const values = draft.missing.map((indicator) => ({ indicator, value: valueOf(indicator), note: '补报' }))
    await api('PUT', `/api/submissions/${row.id}`, { version: draft.version, values }, gxj)
    await api('POST', `/api/submissions/${row.id}/submit`, undefined, gxj)

    await office.goto(`${t.baseUrl}/review?year=${YEAR}`)
    const line = office.locator('tr', { hasText: LATE.name })
    await line.getByRole('button', { name: '审核通过' }).click()
    await office.locator('.ant-popconfirm-buttons').getByRole('button', { name: '审核通过' }).click()
    await poll(async () => rowOf(await summary(), LATE.code).status).toBe('approved')
    expect(rowOf(await summary(), LATE.code)).toMatchObject({ onTime: false })
  })

  it('5. the published ranking is unchanged; the live view shows the late bureau marked 逾期', async () => {
    expect(await api<Ranking>('GET', `/api/ranking?year=${YEAR}&version=1`)).toEqual(published)
    await office.goto(`${t.baseUrl}/ranking?year=${YEAR}`)
    const table = office.getByLabel('单位排名表')
    const names = () => table.locator('tbody tr[data-row-key]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-row-key')))
    // Opens on the published version: the same bureaus in the same order, without the late one.
    await poll(names).toEqual(published.rows.map((r) => String(r.bureauId)))

    await office.getByText('实时数据', { exact: true }).click()
    const late = table.locator('tr', { hasText: LATE.name })
    await poll(() => late.count()).toBe(1)
    expect(await late.locator('.late-tag').textContent()).toBe('逾期')
    const live = await api<Ranking>('GET', `/api/ranking?year=${YEAR}`)
    await poll(names).toEqual(live.rows.map((r) => String(r.bureauId)))
  })

  it('6. republishing shows the rank changes against the first version', async () => {
    await office.goto(`${t.baseUrl}/results?year=${YEAR}`)
    await office.getByRole('button', { name: /发布定稿/ }).click()
    const dialog = office.getByRole('dialog')
    await dialog.getByLabel('定稿标题').fill('2025年度考核结果（第二次）')
    await dialog.getByRole('button', { name: '确认发布' }).click()
    const changes = office.getByLabel('第2版与第1版相比的变化')
    await poll(() => changes.count()).toBe(1)
    const live = await api<Ranking>('GET', `/api/ranking?year=${YEAR}`)
    const rank = live.rows.find((r) => r.code === LATE.code)!.rank
    expect(await changes.getByText(`${LATE.name} 第 ${rank} 名`, { exact: false }).count()).toBe(1)
    // Every bureau ranked below the late one moved down by one.
    const movedDown = published.rows.filter((r) => r.rank >= rank)
    expect(movedDown.length).toBeGreaterThan(0)
    for (const r of movedDown) expect(await changes.getByText(`${r.name} ${r.rank} → ${r.rank + 1} ↓1`).count(), r.name).toBe(1)
    // And version 1 still reads as it did.
    expect(await api<Ranking>('GET', `/api/ranking?year=${YEAR}&version=1`)).toEqual(published)
  })
})
