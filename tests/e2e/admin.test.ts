import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loginAs, startE2e, type E2eContext } from './harness'

const NEW_USER = { username: 'e2e_leader', displayName: '督察组测试账号', initial: 'Init@2026x', changed: 'Chang3d!Pass' }

describe('the system administrator and the 安全保密管理员 (三员分立)', () => {
  let t: E2eContext
  let admin: Page
  let secadmin: Page
  let newcomer: Page

  /**
   * Picks an option of a form's select (or a node of its tree select), again until the select shows it:
   * under load a click can land while the dropdown still opens.
   */
  const pick = async (page: Page, label: string, option: string, item = '.ant-select-item-option') => {
    const field = page.locator('.ant-form-item', { has: page.locator('label', { hasText: new RegExp(`^${label}$`) }) })
    const select = field.locator('.ant-select')
    const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
    await expect
      .poll(
        async () => {
          if ((await select.textContent())?.includes(option)) return true
          if (!(await dropdown.isVisible())) await select.click()
          await dropdown.locator(item, { hasText: option }).first().click({ timeout: 3_000 }).catch(() => undefined)
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

  it('creates an account without a role, checking the password policy', async () => {
    await admin.getByRole('button', { name: /新建账户/ }).click()
    const dialog = admin.getByRole('dialog', { name: '新建账户' })
    await dialog.waitFor()
    // Rights are not the sysadmin's to give.
    expect(await dialog.getByLabel('角色').count()).toBe(0)
    expect(await dialog.getByLabel('所属单位').count()).toBe(0)
    await dialog.getByLabel('初始密码').fill('short')
    await dialog.getByRole('button', { name: '创建' }).click()
    await expect.poll(() => dialog.getByText('密码至少 8 位').count()).toBe(1)

    await dialog.getByLabel('用户名').fill(NEW_USER.username)
    await dialog.getByLabel('姓名').fill(NEW_USER.displayName)
    await dialog.getByLabel('初始密码').fill(NEW_USER.initial)
    await dialog.getByRole('button', { name: '创建' }).click()
    await expect.poll(() => userRow().count()).toBe(1)
    const row = await userRow().textContent()
    expect(row).toContain('未授权')
    expect(row).toContain('待修改密码')
  })

  it('the new account cannot log in before it has a role', async () => {
    newcomer = await t.newPage()
    await newcomer.goto(`${t.baseUrl}/login`)
    await newcomer.getByPlaceholder('用户名').fill(NEW_USER.username)
    await newcomer.getByPlaceholder('密码').fill(NEW_USER.initial)
    await newcomer.getByRole('button', { name: /登\s*录/ }).click()
    await expect.poll(() => newcomer.locator('.login-error').textContent()).toContain('该账户尚未授予角色')
  })

  it('the 安全保密管理员 grants the role, and cannot act on its own account', async () => {
    secadmin = await t.newPage()
    await loginAs(secadmin, t.baseUrl, 'secadmin')
    await secadmin.waitForURL((url) => url.pathname === '/admin/users')
    const nav = secadmin.getByRole('navigation', { name: '主导航' })
    await expect.poll(() => nav.getByRole('link').allTextContents()).toEqual(['安全设置', '角色授权'])
    expect(await secadmin.getByRole('button', { name: /新建账户/ }).count()).toBe(0)

    const own = secadmin.locator('tr.ant-table-row', { hasText: '当前账号' })
    await expect.poll(() => own.getByRole('button', { name: '变更角色' }).isDisabled()).toBe(true)
    expect(await own.getByRole('button', { name: '重置双因素' }).isDisabled()).toBe(true)

    const row = secadmin.locator('tr.ant-table-row', { hasText: NEW_USER.username })
    await row.getByRole('button', { name: '授予角色' }).click()
    const dialog = secadmin.getByRole('dialog', { name: `授予/变更角色：${NEW_USER.username}（${NEW_USER.displayName}）` })
    await dialog.waitFor()
    await pick(secadmin, '角色', '单位用户')
    await expect.poll(() => dialog.getByLabel('所属单位').count()).toBe(1)
    await pick(secadmin, '角色', '领导/督察')
    await expect.poll(() => dialog.getByLabel('所属单位').count()).toBe(0)
    // A leader reads a region and those below it: 全部地区 until one is picked from the region tree.
    const region = dialog.locator('.ant-form-item', { has: secadmin.locator('label', { hasText: /^所属地区$/ }) }).locator('.ant-select')
    await expect.poll(() => region.textContent()).toContain('全部地区')
    await pick(secadmin, '所属地区', '示例县', '.ant-select-tree-title')
    await dialog.getByRole('button', { name: '保存' }).click()
    await expect.poll(() => row.textContent()).toContain('领导/督察')
    expect(await row.textContent()).toContain('示例县')
    // A login, the account list and three dropdown picks: on a loaded machine this runs near the default 30 s.
  }, 60_000)

  it('makes the new user change the password before anything else, then shows the overview', async () => {
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
    await userRow().getByRole('button', { name: '会话' }).click()
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
