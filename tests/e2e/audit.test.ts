import Database from 'better-sqlite3'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formatDateTime } from '../../client/src/lib/format'
import { CATALOG } from '@fazhi/shared'
import { isPg, login, withCsrf } from '../helpers/app'
import { loginAs, startE2e, type E2eContext } from './harness'

describe('security auditor (三员分立)', () => {
  let t: E2eContext
  let page: Page
  let auditorCookie: string
  let submissionId: number

  beforeAll(async () => {
    t = await startE2e()
    // Something to find: logins by the office, one failed, and an export.
    const office = await login(t.app, 'office')
    await login(t.app, 'office')
    await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'office', password: 'wrong-password' } })
    await t.app.inject({ method: 'GET', url: '/api/exports/ranking.csv?year=2025', headers: { cookie: office } })
    // And a report saved by its bureau, for the names the log reads in Chinese.
    const kjj = await login(t.app, 'kjj')
    const s = await t.sql.get("select s.id, s.version from submissions s join bureaus b on b.id = s.bureau_id where b.code = 'kjj' and s.year = 2026") as { id: number; version: number }
    submissionId = s.id
    const saved = await t.app.inject({ method: 'PUT', url: `/api/submissions/${s.id}`, headers: withCsrf(kjj), payload: { version: s.version, values: [{ indicator: 'lead.topic_meetings', value: 5 }] } })
    expect(saved.statusCode).toBe(200)
    auditorCookie = await login(t.app, 'auditor')
    page = await t.newPage()
    await loginAs(page, t.baseUrl, 'auditor')
  })

  afterAll(async () => {
    await t?.close()
  })

  const rows = () => page.getByRole('table', { name: '审计日志' }).locator('tr.ant-table-row')

  it('lands on the audit log, the only page in the navigation', async () => {
    await page.waitForURL((url) => url.pathname === '/audit')
    await expect.poll(() => page.getByRole('navigation', { name: '主导航' }).getByRole('link').allTextContents()).toEqual(['安全审计'])
    await expect.poll(() => rows().count()).toBeGreaterThan(3)
  })

  it('filters login events by user, in China time', async () => {
    await page.getByLabel('用户').fill('office')
    await page.getByLabel('操作').click()
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: '登录' }).first().click()
    await page.getByRole('button', { name: /查\s*询/ }).click()
    await page.waitForURL((url) => url.searchParams.get('user') === 'office' && url.searchParams.get('action') === 'login')

    const expected = (
      await t.app.inject({ method: 'GET', url: '/api/audit?user=office&action=login', headers: { cookie: auditorCookie } })
    ).json() as { total: number; rows: { at: string; success: boolean }[] }
    expect(expected.total).toBe(3)
    await expect.poll(() => rows().count()).toBe(3)
    for (const row of await rows().all()) {
      const text = await row.textContent()
      expect(text).toContain('office')
      expect(text).toContain('登录')
    }
    await expect.poll(() => page.getByText('共 3 条').count()).toBe(1)
    expect(await rows().first().textContent()).toContain(formatDateTime(expected.rows[0].at))
    await expect.poll(() => page.locator('tr.ant-table-row', { hasText: '失败' }).count()).toBe(1)
  })

  it('shows an event’s recorded details in an expandable row', async () => {
    await page.goto(`${t.baseUrl}/audit?action=export`)
    await expect.poll(() => rows().count()).toBe(1)
    await rows().first().click()
    const diff = page.getByRole('table', { name: '变更前后对比' })
    await expect.poll(() => diff.locator('tr', { hasText: '格式' }).textContent()).toContain('csv')
    expect(await diff.locator('tr', { hasText: '年度' }).textContent()).toContain('2025')
  })

  it('reads a report’s save in Chinese, and shows the row as stored in 原始记录', async () => {
    await page.goto(`${t.baseUrl}/audit?action=submission.save`)
    await expect.poll(() => rows().count()).toBe(1)
    const row = rows().first()
    const text = await row.textContent()
    expect(text).toContain('保存填报')
    expect(text).toContain('示例县科技局 2026 年度填报')
    expect(text).toContain('科技局法治联络员（kjj）')
    await row.click()
    const name = CATALOG.find((i) => i.code === 'lead.topic_meetings')!.name
    const diff = page.getByRole('table', { name: '变更前后对比' })
    await expect.poll(() => diff.locator('tr', { hasText: `「${name}」数值` }).textContent()).toContain('5')
    if (process.env.SCREENSHOT_DIR) await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/audit-chinese.png`, fullPage: true })

    await page.getByRole('switch', { name: '原始记录' }).click()
    await expect.poll(() => row.textContent()).toContain(`submission:${submissionId}`)
    expect(await row.textContent()).not.toContain('示例县科技局')
    const raw = page.getByLabel('原始记录', { exact: true }).and(page.locator('.audit-raw'))
    await expect.poll(() => raw.textContent()).toContain('"lead.topic_meetings"')
    expect(await raw.textContent()).toContain('submission.save')
    if (process.env.SCREENSHOT_DIR) await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/audit-raw.png`, fullPage: true })
    await page.getByRole('switch', { name: '原始记录' }).click()
  })

  it('exports the filtered log as CSV', async () => {
    await page.goto(`${t.baseUrl}/audit?user=office&action=login`)
    await expect.poll(() => rows().count()).toBe(3)
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /导出 CSV/ }).click()])
    expect(download.suggestedFilename()).toBe('审计日志.csv')
    const { readFileSync } = await import('node:fs')
    const lines = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/)
    expect(lines[0]).toContain('时间,用户')
    expect(lines).toHaveLength(1 + 3)
  })

  // Last: it breaks the chain of this database.
  it('shows the hash chain intact with its head to copy, then the first changed row once the database was tampered with', async () => {
    await page.goto(`${t.baseUrl}/audit`)
    const card = page.locator('.audit-chain')
    await expect.poll(() => card.textContent()).toContain('审计日志完整')
    // The head when the page verified (the page's own read of the log is appended after it).
    const text = (await card.textContent())!
    const headId = Number(/链头 #(\d+)/.exec(text)?.[1])
    const head = await t.sql.get('SELECT id, hash FROM audit_events WHERE id = ?', [headId]) as { id: number; hash: string }
    expect(text).toContain(`已校验全部 ${head.id} 行`)
    expect(text).toContain(`${head.hash.slice(0, 12)}…${head.hash.slice(-6)}`)
    expect(text).toContain('未设置 AUDIT_HMAC_KEY')
    await expect.poll(() => card.getByRole('button', { name: /复制/ }).count()).toBe(1)

    // Someone who can change the database rewrites an early row: with the SQLite file, after dropping
    // the triggers; on PostgreSQL, as the owner of the tables, after disabling the one refusing updates.
    const tampered = isPg ? ['audit_events_no_update'] : ['audit_events_append_only', 'audit_events_no_update', 'audit_events_no_delete']
    if (isPg) {
      await t.sql.exec("ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update; UPDATE audit_events SET ip = '6.6.6.6' WHERE id = 2")
    } else {
      const plain = new Database(t.dbPath)
      for (const trigger of tampered) plain.exec(`DROP TRIGGER ${trigger}`)
      plain.prepare("UPDATE audit_events SET ip = '6.6.6.6' WHERE id = 2").run()
      plain.close()
    }
    await card.getByRole('button', { name: /重新校验/ }).click()
    await expect.poll(() => card.textContent()).toContain('审计日志自第 2 行起被篡改')
    expect(await card.textContent()).toContain(`防篡改触发器缺失：${tampered.join('、')}`)
  })
})
