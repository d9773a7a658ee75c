import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loginAs, startE2e, type E2eContext } from './harness'

const NEW_USER = { username: 'e2e_leader', displayName: '督察组测试账号', initial: 'Init@2026x', changed: 'Chang3d!Pass' }

describe('system administrator (三员分立)', () => {
  let t: E2eContext
  let admin: Page
  let newcomer: Page

  /** Picks an option of a form's select, again until the select shows it (under load a click can land while the dropdown still opens). */
  const pick = async (page: Page, label: string, option: string) => {
    const field = page.locator('.ant-form-item', { has: page.locator('label', { hasText: new RegExp(`^${label}$`) }) })
    const select = field.locator('.ant-select')
    const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
    await expect
      .poll(
        async () => {
          if ((await select.textContent())?.includes(option)) return true
          if (!(await dropdown.isVisible())) await select.click()
          await dropdown.locator('.ant-select-item-option', { hasText: option }).first().click({ timeout: 3_000 }).catch(() => undefined)
          return false
        },
        { timeout: 20_000 },
      )
      .toBe(true)
  }
  const userRow = () => admin.locator('tr.ant-table-row', { hasText: NEW_USER.username })

  beforeAll(async () => {
    t = await startE2e()
    admin = await t.newPage()
    await loginAs(admin, t.baseUrl, 'sysadmin')
  })

  afterAll(async () => {
    await t?.close()
  })

  it('lands on user management, the only page in the navigation', async () => {
    await admin.waitForURL((url) => url.pathname === '/admin/users')
    const nav = admin.getByRole('navigation', { name: '主导航' })
    await expect.poll(() => nav.getByRole('link').allTextContents()).toEqual(['用户管理'])
    await expect.poll(() => admin.locator('tr.ant-table-row', { hasText: 'kjj' }).textContent()).toContain('示例县科技局')
    // Business pages are not theirs.
    await admin.goto(`${t.baseUrl}/ranking`)
    await admin.waitForURL((url) => url.pathname === '/admin/users')
  })

  it('asks for a bureau only for bureau accounts, and checks the password policy', async () => {
    await admin.getByRole('button', { name: /新建用户/ }).click()
    const dialog = admin.getByRole('dialog', { name: '新建用户' })
    await dialog.waitFor()
    expect(await dialog.getByLabel('所属单位').count()).toBe(1)
    await pick(admin, '角色', '领导/督察')
    await expect.poll(() => dialog.getByLabel('所属单位').count()).toBe(0)
    await dialog.getByLabel('初始密码').fill('short')
    await dialog.getByRole('button', { name: '创建' }).click()
    await expect.poll(() => dialog.getByText('密码至少 8 位').count()).toBe(1)
  })

  it('creates a leader account', async () => {
    const dialog = admin.getByRole('dialog', { name: '新建用户' })
    await dialog.getByLabel('用户名').fill(NEW_USER.username)
    await dialog.getByLabel('姓名').fill(NEW_USER.displayName)
    await dialog.getByLabel('初始密码').fill(NEW_USER.initial)
    await dialog.getByRole('button', { name: '创建' }).click()
    await expect.poll(() => userRow().count()).toBe(1)
    const row = await userRow().textContent()
    expect(row).toContain('领导/督察')
    expect(row).toContain('待修改密码')
  })

  it('makes the new user change the password before anything else, then shows the overview', async () => {
    newcomer = await t.newPage()
    await loginAs(newcomer, t.baseUrl, NEW_USER.username, NEW_USER.initial)
    await newcomer.waitForURL((url) => url.pathname === '/account/password')
    await expect.poll(() => newcomer.getByText('首次登录或密码已被管理员重置，请先设置新密码').count()).toBe(1)
    await newcomer.goto(`${t.baseUrl}/ranking`)
    await newcomer.waitForURL((url) => url.pathname === '/account/password')

    const form = newcomer.locator('form.account-form')
    await form.getByLabel('当前密码').fill(NEW_USER.initial)
    await form.getByLabel('新密码', { exact: true }).fill('weakpassword')
    await form.getByLabel('确认新密码').fill('weakpassword')
    await form.getByRole('button', { name: '修改密码' }).click()
    await expect.poll(() => form.getByText('密码须包含大写字母、小写字母、数字、特殊字符中的至少三类').count()).toBe(1)

    await form.getByLabel('新密码', { exact: true }).fill(NEW_USER.changed)
    await form.getByLabel('确认新密码').fill(NEW_USER.changed)
    await form.getByRole('button', { name: '修改密码' }).click()
    await newcomer.waitForURL((url) => url.pathname === '/')
    await expect.poll(() => newcomer.getByRole('heading', { name: '全县法治政府建设总览' }).count()).toBe(1)
  })

  it('revokes the new user’s session, which signs them out', async () => {
    await admin.reload()
    await expect.poll(() => userRow().textContent()).toContain('正常')
    await userRow().getByRole('button', { name: '登录会话' }).click()
    const drawer = admin.getByRole('dialog', { name: `登录会话：${NEW_USER.displayName}（${NEW_USER.username}）` })
    const sessions = drawer.locator('tr.ant-table-row')
    await expect.poll(() => sessions.count()).toBe(1)
    await sessions.first().getByRole('button', { name: '强制下线' }).click()
    await admin.locator('.ant-popconfirm').getByRole('button', { name: '下线' }).click()
    await expect.poll(() => drawer.getByText('该用户当前没有有效的登录会话').count()).toBe(1)

    await newcomer.reload()
    await newcomer.waitForURL((url) => url.pathname === '/login')
  })
})
