import fs from 'node:fs'
import type { SubmissionDetail, SubmissionListRow } from '@fazhi/shared'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login } from '../helpers/app'
import { filled } from '../integration/fillin/helpers'
import { loginAs, startE2e, type E2eContext } from './harness'

const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 10_000 })

describe('离线填报 (科技局, 2026 draft; the office’s stack)', () => {
  let t: E2eContext
  let page: Page
  let template: Buffer

  beforeAll(async () => {
    t = await startE2e()
    page = await t.newPage()
    page.setDefaultTimeout(15_000)
    await loginAs(page, t.baseUrl, 'kjj')
  })
  afterAll(async () => {
    await t?.close()
  })

  const detail = async (): Promise<SubmissionDetail> => {
    const cookie = await login(t.app, 'office')
    const rows = (await t.app.inject({ method: 'GET', url: '/api/submissions?year=2026', headers: { cookie } })).json() as SubmissionListRow[]
    const id = rows.find((r) => r.bureauCode === 'kjj')!.id
    return (await t.app.inject({ method: 'GET', url: `/api/submissions/${id}`, headers: { cookie } })).json() as SubmissionDetail
  }
  const valueOf = async (code: string) => (await detail()).values.find((v) => v.indicator === code)
  const dialog = () => page.getByRole('dialog')

  it('downloads the template under its Chinese name, uploads it filled, previews the change and saves it as Excel 填报', async () => {
    await page.goto(`${t.baseUrl}/entry?year=2026`)
    await poll(() => page.locator('.entry-main [data-indicator]').count()).toBeGreaterThan(20)
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载填报模板' }).click()])
    expect(download.suggestedFilename()).toContain('2026年度')
    template = fs.readFileSync((await download.path())!)

    const edited = await filled(template, { 'publicity.new_media_posts': { value: 66, note: '公众号 66 条' }, 'study.exam_pass_rate': { value: 130 } })
    await page.locator('input[type=file][accept=".xlsx"]').setInputFiles({ name: '填报表.xlsx', mimeType: 'application/octet-stream', buffer: edited })
    await poll(() => dialog().getByText('填报表预览').count()).toBe(1)
    await poll(() => dialog().getByText('有 1 处错误', { exact: false }).count()).toBe(1)
    expect(await dialog().getByRole('button', { name: /确认保存/ }).isDisabled()).toBe(true)
    await dialog().getByRole('button', { name: /取\s*消/ }).click()

    const fixed = await filled(template, { 'publicity.new_media_posts': { value: 66, note: '公众号 66 条' } })
    await page.locator('input[type=file][accept=".xlsx"]').setInputFiles({ name: '填报表.xlsx', mimeType: 'application/octet-stream', buffer: fixed })
    await poll(() => dialog().getByText('→ 66', { exact: false }).count()).toBe(1)
    await dialog().getByRole('button', { name: /确认保存/ }).click()
    await poll(async () => (await valueOf('publicity.new_media_posts'))?.value).toBe(66)
    expect(await valueOf('publicity.new_media_posts')).toMatchObject({ source: 'excel', note: '公众号 66 条' })
    await poll(() => dialog().count()).toBe(0)
  })

  it('fits a 390 px screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 })
    const box = await page.getByRole('button', { name: '上传填报表' }).boundingBox()
    expect(box).not.toBeNull()
    expect(box!.x + box!.width).toBeLessThanOrEqual(390)
    await page.setViewportSize({ width: 1440, height: 900 })
  })

  it('the office uploads a filled template on the review page and saves it after the stack preview', async () => {
    const office = await t.newPage()
    office.setDefaultTimeout(15_000)
    await loginAs(office, t.baseUrl, 'office')
    await office.goto(`${t.baseUrl}/review?year=2026`)
    const current = await t.app.inject({ method: 'GET', url: `/api/submissions/${(await detail()).id}/template.xlsx`, headers: { cookie: await login(t.app, 'office') } })
    const edited = await filled(current.rawPayload, { 'publicity.new_media_posts': { value: 70 } })
    await office.locator('input[type=file][accept=".zip,.xlsx"]').setInputFiles({ name: '科技局.xlsx', mimeType: 'application/octet-stream', buffer: edited })
    const modal = office.getByRole('dialog')
    await poll(() => modal.getByText('批量上传预览', { exact: false }).count()).toBe(1)
    await poll(() => modal.getByText('1 项修改').count()).toBeGreaterThan(0)
    await modal.getByRole('button', { name: /确认保存/ }).click()
    await poll(async () => (await valueOf('publicity.new_media_posts'))?.value).toBe(70)
  })
})
