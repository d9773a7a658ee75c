import path from 'node:path'
import type { RectificationItem, SubmissionDetail, SubmissionListRow } from '@fazhi/shared'
import { and, eq } from 'drizzle-orm'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bureaus, reportImports, submissions, submissionValues } from '../../server/src/db/schema'
import { login, withCsrf } from '../helpers/app'
import { clickUntil, loginAs, startE2e, type E2eContext } from './harness'

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
  const acceptButton = (code: string) => proposal(code).getByRole('button', { name: '采纳', exact: true })
  const importCount = async () => (await t.db.select().from(reportImports)).length
  const fileInput = () => page.locator('input[type=file][accept=".docx,.txt"]')

  it('asks before importing a report of another county; 取消 saves nothing', async () => {
    await page.goto(`${t.baseUrl}/entry?year=2026`)
    await poll(() => page.locator('.entry-main [data-indicator]').count()).toBeGreaterThan(20)
    const text = '清河县司法局2026年度法治政府建设工作报告\n\n一、主要举措和成效\n全年开展普法宣传活动9场。\n'
    await fileInput().setInputFiles({ name: '清河县报告.txt', mimeType: 'text/plain', buffer: Buffer.from(text) })
    const confirm = page.getByRole('dialog').filter({ hasText: '报告所属地区与本单位不一致' })
    await poll(() => confirm.getByText('报告所述为清河县，与本单位所属的示例县不一致', { exact: false }).count()).toBe(1)
    await confirm.getByRole('button', { name: '取消' }).click()
    await poll(() => confirm.count()).toBe(0)
    expect(await importCount()).toBe(0)
    expect(await page.getByText('年度报告导入：', { exact: false }).count()).toBe(0)
  })

  it('reads the uploaded report into a side-by-side review with the structure check', async () => {
    // A 西峡县 report uploaded by 示例县's 科技局: confirmed, it is imported.
    await fileInput().setInputFiles(REPORT)
    const confirm = page.getByRole('dialog').filter({ hasText: '报告所属地区与本单位不一致' })
    await poll(() => confirm.getByText('报告所述为西峡县，与本单位所属的示例县不一致', { exact: false }).count()).toBe(1)
    await confirm.getByRole('button', { name: '确认导入' }).click()
    await poll(() => dialog().getByText('年度报告导入：xixia-kjj-2023.docx').count()).toBe(1)
    expect(await importCount()).toBe(1)

    const check = dialog().getByRole('list', { name: '报告结构检查' })
    expect(await check.locator('li[data-present="true"]').count()).toBe(4)
    expect(await check.locator('li[data-section="other"]').getAttribute('data-present')).toBe('false')
    // It says the report is for 2023, not the 2026 being filled.
    expect(await dialog().getByText('报告所述年度为 2023 年', { exact: false }).count()).toBe(1)

    expect(await dialog().locator('li[data-indicator]').count()).toBe(4)
    // At 1,280 × 720 the list scrolls inside its panel, above the footer, instead of running under it.
    await page.setViewportSize({ width: 1280, height: 720 })
    const holder = await dialog()
      .locator('.import-side .ant-tabs-body-holder')
      .evaluate((e) => ({ overflowY: getComputedStyle(e).overflowY, clips: e.scrollHeight > e.clientHeight }))
    expect(holder).toEqual({ overflowY: 'auto', clips: true })
    await page.setViewportSize({ width: 1440, height: 900 })
    expect(await proposal('publicity.events').textContent()).toContain('24 场')
    // Clicking a proposal highlights its quote in the report text.
    await proposal('publicity.events').click()
    const active = dialog().locator('mark.mark-active')
    await poll(() => active.count()).toBeGreaterThan(0)
    expect(await active.first().textContent()).toContain('举办动员大会和政策宣讲辅导活动24场')
  })

  it('starts with the certain proposals accepted; an uncertain or flagged one waits for a click', async () => {
    // Certain and unflagged: accepted already.
    for (const code of ['study.exam_participation_rate', 'study.exam_pass_rate'])
      expect(await acceptButton(code).getAttribute('aria-pressed')).toBe('true')
    // “300余家” is an approximate number: uncertain, with its reason.
    expect(await acceptButton('publicity.people_reached').getAttribute('aria-pressed')).toBe('false')
    expect(await proposal('publicity.people_reached').locator('[data-confidence="uncertain"]').textContent()).toContain('约数')
    // 24 场 is certain, but off the ledger roll-up and last year's value: flagged, not accepted.
    expect(await acceptButton('publicity.events').getAttribute('aria-pressed')).toBe('false')
    const flags = await proposal('publicity.events').getByRole('alert').textContent()
    expect(flags).toContain('与台账汇总')
    expect(flags).toContain('与上年差异过大')
    expect(await dialog().getByRole('button', { name: /写入填报（2）/ }).count()).toBe(1)
  })

  it('saves two accepted values marked as imported, quoting the report where it overrides the ledger', async () => {
    const before = await detail()
    expect(before.ledgerValues['publicity.events']).not.toBe(24)
    for (const code of ACCEPTED) await acceptButton(code).click()
    for (const code of ['publicity.people_reached', 'study.exam_participation_rate'])
      await proposal(code).getByRole('button', { name: '不采纳', exact: true }).click()
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
    const kjj = ((await t.db.select().from(bureaus).where(eq(bureaus.code, 'kjj')).limit(1))[0])!
    const sub = ((await t.db.select().from(submissions).where(and(eq(submissions.bureauId, kjj.id), eq(submissions.year, 2026))).limit(1))[0])!
    const rows = await t.db.select().from(submissionValues).where(eq(submissionValues.submissionId, sub.id))
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

  it('lists the 需人工确认 sentences, highlighted in the text, and stays usable at phone width', async () => {
    // One count over two kinds of meeting: the reader proposes nothing and asks the reviewer.
    const sentence = '全年通过党组会、理论学习中心组组织学法12次。'
    const text = `示例县科技局2026年度法治政府建设工作报告\n\n一、主要举措和成效\n${sentence}\n`
    await page.setViewportSize({ width: 390, height: 800 })
    await page.reload()
    await fileInput().setInputFiles({ name: '需人工确认.txt', mimeType: 'text/plain', buffer: Buffer.from(text) })
    await poll(() => dialog().getByText('年度报告导入：需人工确认.txt').count()).toBe(1)
    // A click while the drawer still animates can be lost: the tab is clicked until its list shows.
    const list = dialog().getByRole('list', { name: '需人工确认' })
    await clickUntil(dialog().getByRole('tab', { name: '需人工确认（1）' }), list)
    const item = list.locator('li')
    await poll(() => item.count()).toBe(1)
    const shown = await item.textContent()
    for (const words of [sentence, '党组理论学习中心组学法次数', '数字为所列几类会议或机构的合计']) expect(shown).toContain(words)
    // Nothing can be written from it.
    expect(await item.getByRole('button').count()).toBe(0)
    await item.click()
    await poll(() => dialog().locator('mark.mark-unresolved.mark-active').textContent()).toBe(sentence)
    // At 390 px the text and the list stack inside the drawer instead of overflowing it.
    for (const pane of ['.import-text', '.import-side']) {
      const box = await dialog().locator(pane).boundingBox()
      expect(box!.x).toBeGreaterThanOrEqual(0)
      expect(box!.x + box!.width).toBeLessThanOrEqual(390)
    }
  })
})
