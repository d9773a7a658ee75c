import { defaultResubmitDeadline, type Summary, type SubmissionDetail, type SubmissionListRow } from '@fazhi/shared'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, withCsrf } from '../helpers/app'
import { loginAs, startE2e, type E2eContext } from './harness'

/** Browser tests run side by side: give the page time to settle under load (vitest's default is 1 s). */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 10_000 })

const FGW = { code: 'fgw', name: '示例县发展和改革委员会' }
const RETURN_REASON = '制发行政规范性文件件数与发文登记不符，请核实后重新上报'

/**
 * Fills every required, still empty indicator the way a user would: ledger-fed ones take the
 * ledger roll-up, rates 100, other counts 2, booleans 是.
 */
async function fillRequired(page: Page) {
  const rows = page.locator('.entry-main [data-indicator]')
  const n = await rows.count()
  for (let i = 0; i < n; i++) {
    const row = rows.nth(i)
    const code = (await row.getAttribute('data-indicator'))!
    const adopt = row.getByRole('button', { name: '采用台账值' })
    if (await adopt.count()) {
      await adopt.click()
      continue
    }
    const number = row.getByRole('spinbutton')
    if (await number.count()) {
      if (!(await number.inputValue())) await number.fill(code.endsWith('_rate') ? '100' : '2')
      continue
    }
    const yes = row.getByRole('radio', { name: '是' })
    if ((await yes.count()) && !(await yes.isChecked())) await row.locator('label', { hasText: '是' }).click()
  }
}

const field = (page: Page, code: string) => page.locator(`.entry-main [data-indicator="${code}"]`)
const sideButton = (page: Page, name: RegExp) => page.locator('.entry-side').getByRole('button', { name })

describe('report workflow: fill, submit, return, resubmit, approve', () => {
  let t: E2eContext
  let bureau: Page
  let office: Page
  let officeCookie: string

  beforeAll(async () => {
    t = await startE2e()
    officeCookie = await login(t.app, 'office')
    bureau = await t.newPage()
    office = await t.newPage()
    // A step that cannot happen fails with its locator rather than with the test's timeout.
    for (const page of [bureau, office]) page.setDefaultTimeout(10_000)
    await loginAs(bureau, t.baseUrl, FGW.code)
    await loginAs(office, t.baseUrl, 'office')
  })

  afterAll(async () => {
    await t?.close()
  })

  async function api<T>(method: 'GET' | 'PUT', url: string, payload?: object): Promise<T> {
    const res = await t.app.inject({ method, url, headers: withCsrf(officeCookie), ...(payload ? { payload } : {}) })
    expect(res.statusCode, res.body).toBe(200)
    return res.json() as T
  }
  const fgwSubmission = async () => {
    const [row] = await api<SubmissionListRow[]>('GET', '/api/submissions?year=2026')
      .then((rows) => rows.filter((r) => r.bureauCode === FGW.code))
    return row ? api<SubmissionDetail>('GET', `/api/submissions/${row.id}`) : undefined
  }

  it('opens the bureau’s 2026 draft on the first visit and fills and submits it', async () => {
    expect(await fgwSubmission()).toBeUndefined()
    await bureau.getByRole('link', { name: '填报', exact: true }).click()
    await bureau.waitForURL((url) => url.pathname === '/entry')
    await poll(() => bureau.getByRole('heading', { level: 1 }).textContent()).toBe('2026 年度法治政府建设填报')
    await poll(() => bureau.locator('.entry-main [data-indicator]').count()).toBeGreaterThan(20)
    expect((await fgwSubmission())?.status).toBe('draft')

    await fillRequired(bureau)
    await poll(() => bureau.getByText('必填指标均已完成，可以上报', { exact: false }).count()).toBe(1)
    // Unsaved changes hold the submit button back.
    expect(await sideButton(bureau, /上报$/).isDisabled()).toBe(true)
    await sideButton(bureau, /保存$/).click()
    await poll(() => bureau.getByText('所有修改均已保存').count()).toBe(1)
    expect((await fgwSubmission())!.missing).toEqual([])

    await sideButton(bureau, /上报$/).click()
    await bureau.getByRole('button', { name: '确认上报' }).click()
    await poll(() => bureau.locator('.ant-alert', { hasText: '等待依法治县办审核' }).count()).toBe(1)
    expect((await fgwSubmission())!.status).toBe('submitted')
    // A submitted report is read-only: no inputs left.
    expect(await bureau.locator('.entry-main [data-indicator] input').count()).toBe(0)
  })

  it('lets the office return it with a reason, which the bureau sees', async () => {
    await office.goto(`${t.baseUrl}/review?year=2026`)
    const row = office.locator('tr', { hasText: FGW.name })
    await row.getByRole('button', { name: '退回' }).click()
    const dialog = office.getByRole('dialog')
    // The dialog is open and settled before its button is pressed.
    await dialog.getByLabel('退回原因').waitFor()
    // The reason is required.
    await dialog.getByRole('button', { name: '退回' }).click()
    await poll(() => dialog.getByText('请填写退回原因').count()).toBe(1)
    await dialog.getByLabel('退回原因').fill(RETURN_REASON)
    // The resubmission deadline defaults to 5 working days after today.
    expect(await dialog.getByLabel('重报期限').inputValue()).toBe(defaultResubmitDeadline(new Date()))
    await dialog.getByRole('button', { name: '退回' }).click()
    await poll(async () => (await fgwSubmission())!.status).toBe('returned')
    expect((await fgwSubmission())!.resubmitDeadline).toBe(defaultResubmitDeadline(new Date()))

    await bureau.reload()
    await poll(() => bureau.locator('[data-return-reason]').textContent()).toBe(RETURN_REASON)
    await poll(() => bureau.getByText('依法治县办已退回本填报', { exact: false }).count()).toBe(1)
    expect(await bureau.locator('[data-resubmit-deadline]').textContent()).toBe(defaultResubmitDeadline(new Date()))
    // The bureau's 流转记录 shows the return with its reason and deadline.
    const history = bureau.getByLabel('流转记录')
    await poll(() => history.locator('[data-history-action]').evaluateAll((els) => els.map((e) => e.getAttribute('data-history-action')))).toEqual(['submit', 'return'])
    expect(await history.locator('[data-history-reason]').textContent()).toBe(RETURN_REASON)
  })

  it('lets the bureau fix a value and submit again', async () => {
    const issued = field(bureau, 'review.normative_docs_issued').getByRole('spinbutton')
    await issued.fill('3')
    await poll(() => field(bureau, 'review.normative_docs_issued').getByText('未保存').count()).toBe(1)
    // Leaving with unsaved changes asks first; staying keeps them.
    await bureau.getByRole('link', { name: '排名', exact: true }).click()
    const leave = bureau.getByRole('dialog', { name: '有未保存的修改' })
    await poll(() => leave.count()).toBe(1)
    await leave.getByRole('button', { name: '留在此页' }).click()
    expect(new URL(bureau.url()).pathname).toBe('/entry')
    expect(await issued.inputValue()).toBe('3')
    // The browser's back button is held too.
    await bureau.goBack()
    await poll(() => leave.count()).toBe(1)
    await leave.getByRole('button', { name: '留在此页' }).click()
    expect(new URL(bureau.url()).pathname).toBe('/entry')
    expect(await issued.inputValue()).toBe('3')
    await sideButton(bureau, /保存$/).click()
    await poll(() => bureau.getByText('所有修改均已保存').count()).toBe(1)
    await sideButton(bureau, /上报$/).click()
    await bureau.getByRole('button', { name: '确认上报' }).click()
    await poll(async () => (await fgwSubmission())!.status).toBe('submitted')
    const detail = (await fgwSubmission())!
    expect(detail.values.find((v) => v.indicator === 'review.normative_docs_issued')?.value).toBe(3)
    expect(detail.returnReason).toBeNull()
    expect(detail.firstSubmittedAt).not.toBe(detail.submittedAt)
    expect(detail.history.map((e) => e.action)).toEqual(['submit', 'return', 'resubmit'])
  })

  it('lets the office approve it, and the dashboard counts the bureau as reported', async () => {
    await office.goto(`${t.baseUrl}/review?year=2026`)
    const row = office.locator('tr', { hasText: FGW.name })
    await poll(() => row.locator('[data-return-count]').getAttribute('data-return-count')).toBe('1')
    await row.getByRole('button', { name: '审核通过' }).click()
    await office.locator('.ant-popconfirm-buttons').getByRole('button', { name: '审核通过' }).click()
    await poll(async () => (await fgwSubmission())!.status).toBe('approved')

    const summary = await api<Summary>('GET', '/api/dashboard/summary?year=2026')
    expect(summary.bureaus.find((b) => b.code === FGW.code)).toMatchObject({ status: 'approved', rank: 1 })

    await office.goto(`${t.baseUrl}/?year=2026`)
    const ranking = office.locator('section.panel', { has: office.getByRole('heading', { name: '单位排名', exact: true }) })
    await poll(() => ranking.getByText(FGW.name).count()).toBeGreaterThan(0)
    const chase = office.locator('section.panel', { has: office.getByRole('heading', { name: '催报名单', exact: true }) })
    await poll(() => chase.getByRole('link').count()).toBeGreaterThan(0)
    expect(await chase.getByRole('link', { name: FGW.name }).count()).toBe(0)
  })

  it('keeps what the user typed when someone else saved first (409), and re-saves it on request', async () => {
    const page = await t.newPage()
    page.setDefaultTimeout(10_000)
    await loginAs(page, t.baseUrl, 'jyj')
    await page.goto(`${t.baseUrl}/entry?year=2026`)
    await poll(() => page.locator('.entry-main [data-indicator]').count()).toBeGreaterThan(20)
    await field(page, 'lead.topic_meetings').getByRole('spinbutton').fill('7')

    // Meanwhile the office saves the same field and another one.
    const [row] = (await api<SubmissionListRow[]>('GET', '/api/submissions?year=2026')).filter((r) => r.bureauCode === 'jyj')
    const before = await api<SubmissionDetail>('GET', `/api/submissions/${row.id}`)
    await api('PUT', `/api/submissions/${row.id}`, {
      version: before.version,
      values: [
        { indicator: 'lead.topic_meetings', value: 5 },
        { indicator: 'publicity.new_media_posts', value: 33 },
      ],
    })

    await sideButton(page, /保存$/).click()
    const conflict = page.locator('.ant-alert', { hasText: '保存冲突' })
    await poll(() => conflict.count()).toBe(1)
    expect(await conflict.textContent()).toContain('县委依法治县办')
    expect(await conflict.textContent()).toContain('党组(党委)会议专题研究法治建设次数：最新为 5 次，您填写的是 7 次')
    expect(await field(page, 'lead.topic_meetings').getByRole('spinbutton').inputValue()).toBe('7')

    await conflict.getByRole('button', { name: '以我的为准重新保存' }).click()
    await poll(() => conflict.count()).toBe(0)
    await poll(() => page.getByText('所有修改均已保存').count()).toBe(1)
    const after = await api<SubmissionDetail>('GET', `/api/submissions/${row.id}`)
    const valueOf = (code: string) => after.values.find((v) => v.indicator === code)?.value
    expect(valueOf('lead.topic_meetings')).toBe(7)
    // The other user's change to a field this user did not touch stays.
    expect(valueOf('publicity.new_media_posts')).toBe(33)
    expect(await field(page, 'publicity.new_media_posts').getByRole('spinbutton').inputValue()).toBe('33')
  })
})
