import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pdfOf } from '../helpers/evidence'
import { loginAs, startE2e, type E2eContext } from './harness'

const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 10_000 })
const field = (page: Page, code: string) => page.locator(`.entry-main [data-indicator="${code}"]`)

describe('佐证材料 in the browser', () => {
  let t: E2eContext
  let dir: string

  beforeAll(async () => {
    t = await startE2e()
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-evidence-'))
  })
  afterAll(async () => {
    await t?.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it('a bureau attaches a PDF to a value; the office sees it under the value and previews it', async () => {
    const file = path.join(dir, '专题会议纪要.pdf')
    fs.writeFileSync(file, pdfOf('e2e'))
    const page = await t.newPage()
    page.setDefaultTimeout(10_000)
    await loginAs(page, t.baseUrl, 'kjj')
    await page.goto(`${t.baseUrl}/entry?year=2026`)
    const meetings = field(page, 'lead.topic_meetings')
    await meetings.getByRole('button', { name: /上传佐证/ }).waitFor()
    await meetings.locator('input[type=file]').setInputFiles(file)
    await poll(() => meetings.locator('.evidence-list').textContent()).toContain('专题会议纪要.pdf')
    const id = (t.db.$client.prepare("select id from evidence_files where name = '专题会议纪要.pdf'").get() as { id: number }).id

    const office = await t.newPage()
    office.setDefaultTimeout(10_000)
    await loginAs(office, t.baseUrl, 'office')
    const submission = (t.db.$client.prepare("select s.id from submissions s join bureaus b on b.id = s.bureau_id where b.code = 'kjj' and s.year = 2026").get() as { id: number }).id
    await office.goto(`${t.baseUrl}/submissions/${submission}`)
    const value = field(office, 'lead.topic_meetings')
    await poll(() => value.locator('.evidence-list').textContent()).toContain('专题会议纪要.pdf')
    await value.getByRole('button', { name: /预\s*览/ }).click()
    const frame = office.locator('iframe.evidence-preview')
    await frame.waitFor()
    expect(await frame.getAttribute('src')).toBe(`/api/files/${id}?inline=1`)
    // The bytes the frame loads come back inline, as a PDF.
    const res = await office.request.get(`${t.baseUrl}/api/files/${id}?inline=1`)
    expect(res.headers()['content-type']).toBe('application/pdf')
    expect(res.headers()['content-disposition']).toMatch(/^inline; /)
  })
})
