import type { ReviewComment, SubmissionDetail } from '@fazhi/shared'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Page, Response } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, withCsrf } from '../helpers/app'
import { pdfOf } from '../helpers/evidence'
import { completeValues } from '../integration/workflow/helpers'
import { clickUntil, loginAs, startE2e, type E2eContext } from './harness'

/** Browser tests run side by side: give the page time to settle under load. */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 15_000 })

const CODE = 'lead.topic_meetings'
const NAME = '党组(党委)会议专题研究法治建设次数'
const FILE = '专题会议纪要.pdf'
const COMMENT = '会议次数与会议纪要不符，请核对'
const ANSWER = '已核对，另有 1 次专题会议纪要已补充'

const value = (page: Page) => page.locator(`.entry-main [data-indicator="${CODE}"] .ind-materials`)
/** The value's own 批注 box (its files carry their own). */
const valueComments = (page: Page) => value(page).locator(`[data-comment-target="indicator:${CODE}"]`)
/** Resolves with the answer to the next request the page makes to `pathname` with `method`. */
const answerTo = (page: Page, method: string, pathname: string | RegExp): Promise<Response> =>
  page.waitForResponse((r) => r.request().method() === method && (typeof pathname === 'string' ? new URL(r.url()).pathname === pathname : pathname.test(new URL(r.url()).pathname)))

/**
 * The story in one flow: 科技局 attaches a PDF to a value and submits; the office previews
 * it, comments on the value and returns the report with the comment; 科技局 answers beside the
 * field and resubmits; the thread stays under the return in the 流转记录 for both.
 */
describe('materials story: evidence, 批注, return, answer, resubmit', () => {
  let t: E2eContext
  let dir: string
  let id: number
  const cookies: Record<string, string> = {}

  async function call<T>(user: string, method: 'GET' | 'PUT', url: string, payload?: object): Promise<T> {
    const res = await t.app.inject({ method, url, headers: withCsrf(cookies[user]), ...(payload ? { payload } : {}) })
    expect(res.statusCode, res.body).toBeLessThan(300)
    return res.json() as T
  }
  const detail = () => call<SubmissionDetail>('office', 'GET', `/api/submissions/${id}`)

  beforeAll(async () => {
    t = await startE2e()
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-story-'))
    for (const user of ['office', 'kjj']) cookies[user] = await login(t.app, user)
    // 科技局's 2026 draft (in the demo), completed so that it can be submitted: the story starts at the evidence.
    id = (await t.sql.get("select s.id from submissions s join bureaus b on b.id = s.bureau_id where b.code = 'kjj' and s.year = 2026") as { id: number }).id
    const draft = await call<SubmissionDetail>('kjj', 'GET', `/api/submissions/${id}`)
    expect(draft.status).toBe('draft')
    await call('kjj', 'PUT', `/api/submissions/${id}`, { version: draft.version, values: completeValues(draft) })
  })
  afterAll(async () => {
    await t?.close()
    if (dir) fs.rmSync(dir, { recursive: true, force: true })
  })

  it('runs from the attached PDF to the answered comment in the history', async () => {
    const bureau = await t.newPage()
    const office = await t.newPage()
    for (const page of [bureau, office]) page.setDefaultTimeout(15_000)
    await loginAs(bureau, t.baseUrl, 'kjj')
    await loginAs(office, t.baseUrl, 'office')

    // 1. 科技局 attaches the minutes to the value in its entry form, then submits.
    const pdf = path.join(dir, FILE)
    fs.writeFileSync(pdf, pdfOf('materials story'))
    await bureau.goto(`${t.baseUrl}/entry?year=2026`)
    await value(bureau).getByRole('button', { name: /上传佐证/ }).waitFor()
    const uploaded = answerTo(bureau, 'POST', '/api/files')
    await value(bureau).locator('input[type=file]').setInputFiles(pdf)
    expect((await uploaded).status()).toBe(201)
    await poll(() => value(bureau).locator('.evidence-name').allTextContents()).toEqual([FILE])
    const fileId = (await t.sql.get('select id from evidence_files where submission_id = ? and indicator_code = ?', [id, CODE]) as { id: number }).id

    await clickUntil(bureau.locator('.entry-side').getByRole('button', { name: /上报$/ }), bureau.getByRole('button', { name: '确认上报' }))
    const submitted = answerTo(bureau, 'POST', `/api/submissions/${id}/submit`)
    await bureau.getByRole('button', { name: '确认上报' }).click()
    expect((await submitted).status()).toBe(200)
    expect((await detail()).status).toBe('submitted')

    // 2. The office previews the PDF inline, under the value it backs.
    await office.goto(`${t.baseUrl}/submissions/${id}`)
    await poll(() => value(office).locator('.evidence-name').allTextContents()).toEqual([FILE])
    const frame = office.locator('iframe.evidence-preview')
    const previewed = answerTo(office, 'GET', `/api/files/${fileId}`)
    await clickUntil(value(office).getByRole('button', { name: /预\s*览/ }), frame)
    expect(await frame.getAttribute('src')).toBe(`/api/files/${fileId}?inline=1`)
    const preview = await previewed
    expect(preview.url()).toBe(`${t.baseUrl}/api/files/${fileId}?inline=1`)
    expect(preview.status()).toBe(200)
    const headers = await preview.allHeaders()
    expect(headers['content-type']).toBe('application/pdf')
    expect(headers['content-disposition']).toMatch(/^inline; /)
    expect(headers['x-content-type-options']).toBe('nosniff')
    await clickUntil(office.getByRole('dialog', { name: FILE }).locator('.ant-modal-close'), frame, 'hidden')

    // … comments on the value; the comment waits (未发送), and the value heads 需关注.
    const box = valueComments(office)
    await clickUntil(box.getByText('添加批注'), box.getByRole('textbox'))
    await box.getByRole('textbox').fill(COMMENT)
    const commented = answerTo(office, 'POST', '/api/comments')
    await box.getByRole('button', { name: /发\s*送/ }).click()
    expect((await commented).status()).toBe(201)
    await poll(() => box.locator('.comment-text').allTextContents()).toEqual([COMMENT])
    expect(await box.getByText('未发送', { exact: false }).count()).toBe(1)
    const attention = office.getByLabel('需关注的数值')
    await poll(() => attention.locator('tbody tr.ant-table-row').first().textContent()).toContain(NAME)
    expect(await attention.locator('tbody tr.ant-table-row').first().textContent()).toContain('批注 1')

    // … and returns the report: the dialog lists the comment, the reason defaults to 详见批注.
    const dialog = office.getByRole('dialog', { name: /退回/ })
    await clickUntil(office.locator('.entry-side').getByRole('button', { name: /退\s*回/ }), dialog)
    await poll(() => dialog.getByLabel('随退回发送的批注').textContent()).toContain('以下 1 条批注将随退回一并发给单位')
    expect(await dialog.getByLabel('随退回发送的批注').textContent()).toContain(COMMENT)
    const returned = answerTo(office, 'POST', `/api/submissions/${id}/return`)
    await dialog.getByRole('button', { name: /退\s*回/ }).click()
    expect((await returned).status()).toBe(200)
    const back = await detail()
    expect(back).toMatchObject({ status: 'returned', returnReason: '详见批注' })
    const [sent] = await call<ReviewComment[]>('kjj', 'GET', `/api/comments?submissionId=${id}`)
    expect(sent).toMatchObject({ text: COMMENT, sent: true, eventId: back.history.at(-1)!.id })

    // 3. 科技局 sees the comment beside the field (and cannot start one), answers it, and resubmits.
    await bureau.goto(`${t.baseUrl}/entry?year=2026`)
    const mine = valueComments(bureau)
    await poll(() => mine.locator('.comment-text').allTextContents()).toEqual([COMMENT])
    expect(await mine.getByText('批注 1').count()).toBe(1)
    expect(await value(bureau).getByText('添加批注').count()).toBe(0)
    expect(await value(bureau).locator('.evidence-name').allTextContents()).toEqual([FILE])
    await clickUntil(mine.getByText('回复', { exact: true }), mine.getByRole('textbox'))
    await mine.getByRole('textbox').fill(ANSWER)
    const answered = answerTo(bureau, 'POST', '/api/comments')
    await mine.getByRole('button', { name: /发\s*送/ }).click()
    expect((await answered).status()).toBe(201)
    await poll(() => mine.locator('.comment-reply .comment-text').allTextContents()).toEqual([ANSWER])

    await clickUntil(bureau.locator('.entry-side').getByRole('button', { name: /上报$/ }), bureau.getByRole('button', { name: '确认上报' }))
    const resubmitted = answerTo(bureau, 'POST', `/api/submissions/${id}/submit`)
    await bureau.getByRole('button', { name: '确认上报' }).click()
    expect((await resubmitted).status()).toBe(200)
    expect((await detail()).status).toBe('submitted')

    // 4. The thread (comment + answer) stays under the return in the 流转记录, for both sides.
    await office.goto(`${t.baseUrl}/submissions/${id}`)
    for (const page of [bureau, office]) {
      const history = page.getByLabel('流转记录')
      await poll(() => history.locator('[data-history-action]').evaluateAll((els) => els.map((e) => e.getAttribute('data-history-action')))).toEqual([
        'submit',
        'return',
        'resubmit',
      ])
      const thread = history.locator(`[data-history-comments="${back.history.at(-1)!.id}"]`)
      await poll(() => thread.locator('.comment-text').allTextContents()).toEqual([COMMENT, ANSWER])
      expect(await thread.textContent()).toContain(NAME)
    }

    // The review queue counts the report's comment.
    await office.goto(`${t.baseUrl}/review?year=2026`)
    await poll(() => office.locator('tr', { hasText: '示例县科技局' }).locator('[data-comment-count]').getAttribute('data-comment-count')).toBe('1')
  }, 180_000)
})
