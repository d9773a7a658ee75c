import path from 'node:path'
import type { RectificationItem, SubmissionDetail, SubmissionListRow } from '@fazhi/shared'
import { and, eq } from 'drizzle-orm'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bureaus, submissions, submissionValues } from '../../server/src/db/schema'
import { login, withCsrf } from '../helpers/app'
import { loginAs, startE2e, type E2eContext } from './harness'

/** Browser tests run side by side: give the page time to settle under load (vitest's default is 1 s). */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 10_000 })

const REPORT = path.join(import.meta.dirname, '../fixtures/reports/xixia-kjj-2023.docx')
const ACCEPTED = ['study.exam_pass_rate', 'publicity.events'] as const

describe('annual report import (科技局, 2026 draft)', () => {
  let t: E2eContext
  let page: Page
  let cookie: string

  beforeAll(async () => {
    t = await startE2e()
    cookie = await login(t.app, 'kjj')
    page = await t.newPage()
    // A step that cannot happen fails with its locator rather than with the test's timeout.
    page.setDefaultTimeout(10_000)
    await loginAs(page, t.baseUrl, 'kjj')
  })

  afterAll(async () => {
    await t?.close()
  })

  const get = async <T>(url: string): Promise<T> => {
    const res = await t.app.inject({ method: 'GET', url, headers: { cookie } })
    expect(res.statusCode, res.body).toBe(200)
    return res.json() as T
  }
  const detail = async () => {
    const [row] = await get<SubmissionListRow[]>('/api/submissions?year=2026')
    return get<SubmissionDetail>(`/api/submissions/${row.id}`)
  }
  const dialog = () => page.getByRole('dialog')
  const proposal = (code: string) => dialog().locator(`li[data-indicator="${code}"]`)

  it('reads the uploaded report into a side-by-side review with the structure check', async () => {
    await page.goto(`${t.baseUrl}/entry?year=2026`)
    await poll(() => page.locator('.entry-main [data-indicator]').count()).toBeGreaterThan(20)
    await page.locator('input[type=file][accept=".docx,.txt"]').setInputFiles(REPORT)
    await poll(() => dialog().getByText('年度报告导入：xixia-kjj-2023.docx').count()).toBe(1)

    const check = dialog().getByRole('list', { name: '报告结构检查' })
    expect(await check.locator('li[data-present="true"]').count()).toBe(4)
    expect(await check.locator('li[data-section="other"]').getAttribute('data-present')).toBe('false')
    // It says the report is for 2023, not the 2026 being filled.
    expect(await dialog().getByText('报告所述年度为 2023 年', { exact: false }).count()).toBe(1)

    expect(await dialog().locator('li[data-indicator]').count()).toBe(4)
    expect(await proposal('publicity.events').textContent()).toContain('24 场')
    // Clicking a proposal highlights its quote in the report text.
    await proposal('publicity.events').click()
    const active = dialog().locator('mark.mark-active')
    await poll(() => active.count()).toBeGreaterThan(0)
    expect(await active.first().textContent()).toContain('举办动员大会和政策宣讲辅导活动24场')
  })

  it('saves two accepted values marked as imported, quoting the report where it overrides the ledger', async () => {
    const before = await detail()
    expect(before.ledgerValues['publicity.events']).not.toBe(24)
    for (const code of ACCEPTED) await proposal(code).getByRole('button', { name: '采纳', exact: true }).click()
    await proposal('publicity.people_reached').getByRole('button', { name: '不采纳', exact: true }).click()
    await dialog().getByRole('button', { name: /写入填报（2）/ }).click()
    for (const code of ACCEPTED) await poll(() => proposal(code).getByText('已采纳').count()).toBe(1)

    // In the API…
    const after = await detail()
    const value = (code: string) => after.values.find((v) => v.indicator === code)
    expect(value('study.exam_pass_rate')).toMatchObject({ value: 100, source: 'import' })
    expect(value('publicity.events')).toMatchObject({ value: 24, source: 'import' })
    expect(value('publicity.events')!.note).toMatch(/^年度报告：.*24场/)
    expect(value('publicity.people_reached')!.source).not.toBe('import')

    // …in the database…
    const kjj = t.db.select().from(bureaus).where(eq(bureaus.code, 'kjj')).get()!
    const sub = t.db.select().from(submissions).where(and(eq(submissions.bureauId, kjj.id), eq(submissions.year, 2026))).get()!
    const rows = t.db.select().from(submissionValues).where(eq(submissionValues.submissionId, sub.id)).all()
    for (const code of ACCEPTED) expect(rows.find((r) => r.indicatorCode === code)?.source).toBe('import')

    // …and on the form, once the review is closed.
    await dialog().getByRole('button', { name: '关闭' }).click()
    for (const code of ACCEPTED)
      await poll(() => page.locator(`.entry-main [data-indicator="${code}"] [data-source="import"]`).textContent()).toBe('导入')
    expect(await page.locator('.entry-main [data-indicator="publicity.events"] [role="spinbutton"]').inputValue()).toBe('24')
  })

  it('turns a problem from the report into a rectification item of the next year, once that year is open', async () => {
    await page.getByRole('button', { name: /查看上次导入/ }).click()
    // Reopened later, the review still knows which values were taken.
    for (const code of ACCEPTED) await poll(() => proposal(code).getByText('已采纳').count()).toBe(1)
    await dialog().getByRole('tab', { name: /存在的不足/ }).click()
    // A 2026 report's problems are rectified in 2027, which is not open yet: said, and nothing can be picked.
    await poll(() => dialog().getByText('尚未开启 2027 年度的填报周期', { exact: false }).count()).toBe(1)
    expect(await dialog().getByLabel('选择问题 1').isDisabled()).toBe(true)
    await dialog().getByRole('button', { name: '关闭' }).click()

    const office = await login(t.app, 'office')
    const opened = await t.app.inject({ method: 'POST', url: '/api/cycles', headers: withCsrf(office), payload: { year: 2027 } })
    expect(opened.statusCode, opened.body).toBe(201)
    await page.reload()
    await page.getByRole('button', { name: /查看上次导入/ }).click()
    await dialog().getByRole('tab', { name: /存在的不足/ }).click()
    await poll(() => dialog().getByText('列入 2027 年度整改', { exact: false }).count()).toBe(1)
    await dialog().getByLabel('选择问题 1').check()
    await dialog().getByRole('button', { name: /转为整改事项（1）/ }).click()
    await poll(() => dialog().getByText('已转为整改事项').count()).toBe(1)
    expect(await dialog().getByLabel('选择问题 1').isDisabled()).toBe(true)
    const report = (await get<{ report: { id: number } }>('/api/imports/latest?year=2026')).report
    const created = (await get<RectificationItem[]>('/api/rectifications?year=2027')).find((i) =>
      i.problem.startsWith('法治宣传教育的形式和内容还需进一步创新，普法宣传形式有待丰富'),
    )
    expect(created).toMatchObject({ year: 2027, sourceYear: 2026, sourceImportId: report.id, deadline: '2027-12-31', status: 'not_started' })
    // The year reported on keeps its items as they were.
    expect((await get<RectificationItem[]>('/api/rectifications?year=2026')).some((i) => i.sourceImportId === report.id)).toBe(false)
  })
})
