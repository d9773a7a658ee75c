import type { ReviewComment, SubmissionDetail } from '@fazhi/shared'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, withCsrf } from '../helpers/app'
import { completeValues } from '../integration/workflow/helpers'
import { loginAs, startE2e, type E2eContext } from './harness'

/** Browser tests run side by side: give the page time to settle under load. */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 10_000 })

const COMMENT = '会议次数与会议纪要不符，请核对'
const ANSWER = '已核对，另有 1 次专题会议纪要已补充'
const CODE = 'lead.topic_meetings'
const materials = (page: Page) => page.locator(`.entry-main [data-indicator="${CODE}"] .ind-materials`)

describe('reviewers’ comments (批注): the office comments and returns, the bureau answers and resubmits', () => {
  let t: E2eContext
  let office: Page
  let bureau: Page
  let id: number
  const cookies: Record<string, string> = {}

  async function call<T>(user: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object): Promise<T> {
    const res = await t.app.inject({ method, url, headers: withCsrf(cookies[user]), ...(payload ? { payload } : {}) })
    expect(res.statusCode, res.body).toBeLessThan(300)
    return res.json() as T
  }

  beforeAll(async () => {
    t = await startE2e()
    for (const user of ['office', 'fgw']) cookies[user] = await login(t.app, user)
    // 发展改革委's 2026 report, filled and submitted.
    const bureaus = await call<{ id: number; code: string }[]>('office', 'GET', '/api/bureaus')
    const created = await call<SubmissionDetail>('office', 'POST', '/api/submissions', { year: 2026, bureauId: bureaus.find((b) => b.code === 'fgw')!.id })
    await call('office', 'PUT', `/api/submissions/${created.id}`, { version: created.version, values: completeValues(created) })
    await call('fgw', 'POST', `/api/submissions/${created.id}/submit`)
    id = created.id
    office = await t.newPage()
    bureau = await t.newPage()
    for (const page of [office, bureau]) page.setDefaultTimeout(10_000)
    await loginAs(office, t.baseUrl, 'office')
    await loginAs(bureau, t.baseUrl, 'fgw')
  })
  afterAll(async () => {
    await t?.close()
  })

  it('lets the office comment on a value; the comment waits, listed first under 需关注', async () => {
    await office.goto(`${t.baseUrl}/submissions/${id}`)
    await materials(office).getByText('添加批注').click()
    await materials(office).getByRole('textbox').fill(COMMENT)
    await materials(office).getByRole('button', { name: /发\s*送/ }).click()
    await poll(() => materials(office).locator('.comment-text').textContent()).toBe(COMMENT)
    expect(await materials(office).getByText('未发送', { exact: false }).count()).toBe(1)
    const attention = office.getByLabel('需关注的数值')
    await poll(() => attention.locator('tbody tr').first().textContent()).toContain('党组(党委)会议专题研究法治建设次数')
    expect(await attention.locator('tbody tr').first().textContent()).toContain('批注 1')
  })

  it('sends it with the return: the dialog lists it and the reason defaults to 详见批注', async () => {
    await office.locator('.entry-side').getByRole('button', { name: /退\s*回/ }).click()
    const dialog = office.getByRole('dialog')
    await poll(() => dialog.getByText('以下 1 条批注将随退回一并发给单位', { exact: false }).count()).toBe(1)
    expect(await dialog.textContent()).toContain(COMMENT)
    await dialog.getByRole('button', { name: /退\s*回/ }).click()
    await poll(async () => (await call<SubmissionDetail>('office', 'GET', `/api/submissions/${id}`)).status).toBe('returned')
    const detail = await call<SubmissionDetail>('office', 'GET', `/api/submissions/${id}`)
    expect(detail.returnReason).toBe('详见批注')
    const [comment] = await call<ReviewComment[]>('fgw', 'GET', `/api/comments?submissionId=${id}`)
    expect(comment).toMatchObject({ text: COMMENT, sent: true, eventId: detail.history.at(-1)!.id })
  })

  it('shows it to the bureau beside the field; the bureau answers and resubmits', async () => {
    await bureau.goto(`${t.baseUrl}/entry?year=2026`)
    await poll(() => materials(bureau).locator('.comment-text').first().textContent()).toBe(COMMENT)
    expect(await materials(bureau).getByText('批注 1').count()).toBe(1)
    expect(await materials(bureau).getByText('添加批注').count()).toBe(0)
    await materials(bureau).getByText('回复', { exact: true }).click()
    await materials(bureau).getByRole('textbox').fill(ANSWER)
    await materials(bureau).getByRole('button', { name: /发\s*送/ }).click()
    await poll(() => materials(bureau).locator('.comment-reply .comment-text').textContent()).toBe(ANSWER)

    await bureau.locator('.entry-side').getByRole('button', { name: /上报$/ }).click()
    await bureau.getByRole('button', { name: '确认上报' }).click()
    await poll(async () => (await call<SubmissionDetail>('office', 'GET', `/api/submissions/${id}`)).status).toBe('submitted')
  })

  it('keeps the thread under its return in the history', async () => {
    const history = bureau.getByLabel('流转记录')
    await poll(() => history.locator('[data-history-action]').evaluateAll((els) => els.map((e) => e.getAttribute('data-history-action')))).toEqual([
      'submit',
      'return',
      'resubmit',
    ])
    const thread = history.locator('[data-history-comments]')
    await poll(() => thread.locator('.comment-text').allTextContents()).toEqual([COMMENT, ANSWER])

    await office.goto(`${t.baseUrl}/review?year=2026`)
    await poll(() => office.locator('tr', { hasText: '示例县发展和改革委员会' }).locator('[data-comment-count]').getAttribute('data-comment-count')).toBe('1')
  })
})
