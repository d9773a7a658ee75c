import type { SubmissionDetail } from '@fazhi/shared'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, withCsrf } from '../helpers/app'
import { completeValues } from '../integration/workflow/helpers'
import { loginAs, startE2e, type E2eContext } from './harness'

/** Browser tests run side by side: give the page time to settle under load (vitest's default is 1 s). */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 20_000 })

const FGW = { code: 'fgw', name: '示例县发展和改革委员会' }
const GXJ = { code: 'gxj', name: '示例县工业和信息化局' }
const REASONS = { [FGW.code]: '发改委：规范性文件件数与发文登记不符', [GXJ.code]: '工信局：请补充法律顾问聘用合同' }

/** The page itself never scrolls sideways (a table may, inside its own box). */
const pageOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)

describe('batch review in the review queue', () => {
  let t: E2eContext
  let office: Page
  let officeCookie: string
  const ids: Record<string, number> = {}

  async function call<T>(cookie: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object): Promise<T> {
    const res = await t.app.inject({ method, url, headers: withCsrf(cookie), ...(payload ? { payload } : {}) })
    expect(res.statusCode, res.body).toBeLessThan(300)
    return res.json() as T
  }

  beforeAll(async () => {
    t = await startE2e()
    officeCookie = await login(t.app, 'office')
    // Two reports opened by the office, filled and submitted by their bureaus, through the API.
    for (const { code } of [FGW, GXJ]) {
      const bureauId = await t.sql.value('select id from bureaus where code = ?', [code]) as number
      const created = await call<SubmissionDetail>(officeCookie, 'POST', '/api/submissions', { year: 2026, bureauId })
      const values = completeValues(created).map((v) => ({ ...v, note: '已核实' }))
      await call(officeCookie, 'PUT', `/api/submissions/${created.id}`, { version: created.version, values })
      await call(await login(t.app, code), 'POST', `/api/submissions/${created.id}/submit`)
      ids[code] = created.id
    }
    office = await t.newPage()
    office.setDefaultTimeout(10_000)
    await office.setViewportSize({ width: 1280, height: 720 })
    await loginAs(office, t.baseUrl, 'office')
  }, 120_000)

  afterAll(async () => {
    await t?.close()
  })

  const row = (name: string) => office.locator('tr.ant-table-row', { hasText: name })
  const dialog = () => office.getByRole('dialog')

  it('returns two selected reports, each with its own reason, and both show 已退回', async () => {
    await office.goto(`${t.baseUrl}/review?year=2026`)
    const batchReturn = office.getByRole('button', { name: '批量退回' })
    await poll(() => row(FGW.name).count()).toBe(1)
    expect(await batchReturn.isDisabled()).toBe(true)
    // Only submitted reports can be selected: a draft's box is disabled.
    await office.getByText('全部（', { exact: false }).click()
    await poll(() => row('示例县科技局').count()).toBe(1)
    expect(await office.getByRole('checkbox', { name: '选择示例县科技局' }).isDisabled()).toBe(true)
    await office.getByText('待审核（', { exact: false }).click()

    for (const { name } of [FGW, GXJ]) await office.getByRole('checkbox', { name: `选择${name}` }).check()
    await poll(() => office.getByText('已选 2 份').count()).toBe(1)
    await batchReturn.click()
    await poll(() => dialog().getByText('批量退回 2 份报告').count()).toBe(1)
    expect(await pageOverflow(office)).toBe(0)

    // Each reason is required: one left empty is named, nothing is sent.
    await dialog().getByLabel(`${FGW.name}退回原因`).fill(REASONS[FGW.code])
    await dialog().getByRole('button', { name: '全部退回' }).click()
    await poll(() => dialog().getByText(`请填写${GXJ.name}的退回原因`).count()).toBe(1)
    expect(await t.sql.value("select cast(count(*) as integer) from submissions where status = 'returned' and id in (?, ?)", [ids[FGW.code], ids[GXJ.code]])).toBe(0)

    await dialog().getByLabel(`${GXJ.name}退回原因`).fill(REASONS[GXJ.code])
    const answer = office.waitForResponse((r) => r.url().endsWith('/api/submissions/batch/return'))
    await dialog().getByRole('button', { name: '全部退回' }).click()
    expect((await answer).status()).toBe(200)
    await poll(() => office.getByText('已批量退回 2 份报告').count()).toBe(1)
    await poll(() => dialog().count()).toBe(0)

    // The queue refreshed: both wait for their bureaus under 已退回, each with its own reason.
    await poll(() => row(FGW.name).count()).toBe(0)
    await office.getByText('已退回（2）').click()
    for (const { code, name } of [FGW, GXJ]) {
      await poll(() => row(name).locator('.ant-tag', { hasText: '已退回' }).count()).toBe(1)
      await poll(() => row(name).getByText(REASONS[code]).count()).toBe(1)
    }
  }, 120_000)

  it('shows the office what the bureau changed since the return, in the queue and beside the review actions', async () => {
    const fgw = await login(t.app, FGW.code)
    const detail = await call<SubmissionDetail>(fgw, 'GET', `/api/submissions/${ids[FGW.code]}`)
    await call(fgw, 'PUT', `/api/submissions/${ids[FGW.code]}`, { version: detail.version, values: [{ indicator: 'lead.topic_meetings', value: 9, note: '补录专题会议' }] })
    await call(fgw, 'POST', `/api/submissions/${ids[FGW.code]}/submit`)

    await office.goto(`${t.baseUrl}/review?year=2026`)
    await poll(() => row(FGW.name).count()).toBe(1)
    await row(FGW.name).getByRole('button', { name: '展开行' }).click()
    const changes = office.getByRole('region', { name: '自退回以来的修改' })
    await poll(() => changes.getByRole('table').locator('tbody tr').count()).toBe(1)
    const changed = changes.locator('tbody tr').first()
    expect(await changed.textContent()).toContain('党组(党委)会议专题研究法治建设次数')
    expect(await changed.textContent()).toContain('9 次')
    expect(await changed.textContent()).toContain('补录专题会议')

    await office.goto(`${t.baseUrl}/submissions/${ids[FGW.code]}`)
    const beside = office.locator('.entry-side').getByRole('region', { name: '自退回以来的修改' })
    await poll(() => beside.locator('tbody tr').count()).toBe(1)
    expect(await pageOverflow(office)).toBe(0)
  }, 120_000)

  it('does not make the review queue scroll sideways at 390 px', async () => {
    await office.setViewportSize({ width: 390, height: 844 })
    await office.goto(`${t.baseUrl}/review?year=2026`)
    await poll(() => office.getByRole('button', { name: '批量通过' }).count()).toBe(1)
    const bar = await office.locator('[data-batch-review]').boundingBox()
    expect(bar!.x + bar!.width).toBeLessThanOrEqual(390)
    expect(await pageOverflow(office)).toBe(0)
    await office.setViewportSize({ width: 1280, height: 720 })
  }, 60_000)
})
