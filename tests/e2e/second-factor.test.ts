import { Secret, TOTP } from 'otpauth'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD } from '../helpers/app'
import { clickUntil, loginAs, startE2e, type E2eContext } from './harness'

const STEP_MS = 30_000
const PHONE = { width: 390, height: 844 }

/** The phone: the code its authenticator app shows for `secret` at `at`. */
const codeAt = (secret: string, at: Date) => TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: at.getTime() })

/** A 6-digit code the server must refuse at `at`: none of the steps it accepts (one either way) shows it. */
function wrongCodeAt(secret: string, at: Date): string {
  const accepted = [-1, 0, 1].map((step) => codeAt(secret, new Date(at.getTime() + step * STEP_MS)))
  for (let n = Number(accepted[1]) + 1; ; n++) {
    const code = String(n % 1_000_000).padStart(6, '0')
    if (!accepted.includes(code)) return code
  }
}

describe('the second factor (双因素认证): enrolment, login, a wrong code, a recovery code and a reset, in the browser', () => {
  let t: E2eContext
  let secadmin: Page
  let office: Page
  /** The server's clock: the story moves it a time step on where a new code is needed (a step is used once). */
  let now: Date
  let secret = ''
  let recoveryCodes: string[] = []

  const tick = () => {
    now = new Date(now.getTime() + STEP_MS)
    t.setNow(now)
  }
  const newPhonePage = async () => (await t.browser.newContext({ viewport: PHONE, locale: 'zh-CN', isMobile: true })).newPage()
  /** The page's width: no more than the screen's when nothing scrolls sideways. */
  const noHorizontalScroll = (page: Page) => page.evaluate(() => document.scrollingElement!.scrollWidth)

  /** The password step of the login form; the second factor's step follows on the same page. */
  const enterPassword = async (page: Page, username: string) => {
    await page.goto(`${t.baseUrl}/login`)
    await page.getByPlaceholder('用户名').fill(username)
    await page.getByPlaceholder('密码').fill(DEMO_PASSWORD)
    await page.getByRole('button', { name: /登\s*录/ }).click()
  }
  const logout = async (page: Page) => {
    // On a phone 退出 is in the navigation drawer.
    const menu = page.getByRole('button', { name: '打开导航菜单' })
    if (await menu.isVisible()) await menu.click()
    await page.getByRole('button', { name: /退\s*出/ }).click()
    await page.waitForURL((url) => url.pathname === '/login')
  }
  /** The office's home after login: its 工作台. */
  const landsOnWorkbench = async (page: Page) => {
    await page.waitForURL((url) => url.pathname === '/workbench')
    await expect.poll(() => page.getByRole('heading', { name: '工作台', exact: true }).count()).toBe(1)
  }
  /** 设置双因素认证 up to the recovery codes: reads the secret as the phone would, a wrong code first when asked. */
  const enrol = async (page: Page, { wrongFirst }: { wrongFirst: boolean }) => {
    await expect.poll(() => page.getByRole('heading', { name: '设置双因素认证' }).count(), { timeout: 20_000 }).toBe(1)
    await page.getByRole('img', { name: '双因素认证二维码' }).waitFor()
    const shown = (await page.getByLabel('密钥').textContent()) ?? ''
    secret = shown.replace(/\s/g, '')
    expect(secret).toMatch(/^[A-Z2-7]{32}$/)
    const input = page.getByRole('textbox', { name: '验证码' })
    const submit = page.getByRole('button', { name: '启用双因素认证' })
    if (wrongFirst) {
      const wrong = wrongCodeAt(secret, now)
      await input.fill(wrong)
      await submit.click()
      await expect.poll(() => page.locator('.login-error').textContent()).toContain('验证码不正确')
      // Nothing the user typed is lost, and the account has no second factor yet.
      expect(await input.inputValue()).toBe(wrong)
      expect(await page.getByRole('list', { name: '恢复码' }).count()).toBe(0)
    }
    await input.fill(codeAt(secret, now))
    await submit.click()
    const codes = page.getByRole('list', { name: '恢复码' }).locator('li')
    await expect.poll(() => codes.count()).toBe(10)
    recoveryCodes = (await codes.allTextContents()).map((code) => code.trim())
    expect(new Set(recoveryCodes).size).toBe(10)
    for (const code of recoveryCodes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/)
  }
  /** Keeps the recovery codes: 继续 waits for 我已妥善保存恢复码. */
  const confirmSaved = async (page: Page) => {
    const next = page.getByRole('button', { name: /继\s*续/ })
    expect(await next.isDisabled()).toBe(true)
    await page.getByText('我已妥善保存恢复码').click()
    await expect.poll(() => next.isEnabled()).toBe(true)
    await next.click()
  }
  const verifyStep = (page: Page) => page.getByRole('heading', { name: '输入动态验证码' })
  const codeInput = (page: Page) => page.getByRole('textbox', { name: '验证码' })
  const verifyButton = (page: Page) => page.getByRole('button', { name: '验证并登录' })

  beforeAll(async () => {
    t = await startE2e()
    // The server's clock stands still at the start of a time step: each code the story types belongs to a known step.
    now = new Date(Math.floor(Date.now() / STEP_MS) * STEP_MS + 5_000)
    t.setNow(now)
    secadmin = await t.newPage()
    office = await t.newPage()
  })

  afterAll(async () => {
    await t?.close()
  })

  it('the 安全保密管理员 makes the second factor a must for the administrative accounts', async () => {
    // The demo starts with the requirement off: the password alone logs the 安全保密管理员 in.
    await loginAs(secadmin, t.baseUrl, 'secadmin')
    await secadmin.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '安全设置' }).click()
    await secadmin.waitForURL((url) => url.pathname === '/settings/security')
    const off = secadmin.getByRole('radio', { name: /^关闭/ })
    const privileged = secadmin.getByRole('radio', { name: /^管理类账户必须/ })
    await expect.poll(() => off.isChecked()).toBe(true)
    const save = secadmin.getByRole('button', { name: /保\s*存/ })
    expect(await save.isDisabled()).toBe(true)

    await secadmin.getByText('管理类账户必须（依法治县办、三员）').click()
    await expect.poll(() => save.isEnabled()).toBe(true)
    await save.click()
    // The requirement takes effect at once: the 安全保密管理员 has no second factor yet, so its own
    // session ends, and its next login sets one up.
    await secadmin.waitForURL((url) => url.pathname === '/login')
    await enterPassword(secadmin, 'secadmin')
    await enrol(secadmin, { wrongFirst: false })
    await confirmSaved(secadmin)
    // Back where it was sent to the login from, with the new requirement in force.
    await secadmin.waitForURL((url) => url.pathname === '/settings/security')
    await expect.poll(() => privileged.isChecked()).toBe(true)
  }, 60_000)

  it('the office’s next login asks to set up the second factor: a wrong code is refused, the right one shows the recovery codes once', async () => {
    await enterPassword(office, 'office')
    await enrol(office, { wrongFirst: true })
    // The password alone is not a login: the page is still the login's.
    expect(new URL(office.url()).pathname).toBe('/login')
    await confirmSaved(office)
    await landsOnWorkbench(office)
  })

  it('logging in again asks for the code: a wrong one is refused, the next step’s code logs in', async () => {
    await logout(office)
    await enterPassword(office, 'office')
    await verifyStep(office).waitFor()
    // The code that confirmed the enrolment belongs to a step already used: refused by design.
    await codeInput(office).fill(codeAt(secret, now))
    await verifyButton(office).click()
    await expect.poll(() => office.locator('.login-error').textContent()).toContain('验证码不正确')

    await codeInput(office).fill(wrongCodeAt(secret, now))
    await verifyButton(office).click()
    await expect.poll(() => office.locator('.login-error').textContent()).toContain('验证码不正确')
    expect(new URL(office.url()).pathname).toBe('/login')

    tick()
    await codeInput(office).fill(codeAt(secret, now))
    await verifyButton(office).click()
    await landsOnWorkbench(office)
  })

  /** Logs out, then in again with the password and a recovery code instead of the app's code. */
  async function recoveryLogin(code: string) {
    await logout(office)
    await enterPassword(office, 'office')
    await verifyStep(office).waitFor()
    await clickUntil(office.getByRole('button', { name: '使用恢复码' }), office.getByRole('heading', { name: '使用恢复码登录' }))
    await office.getByRole('textbox', { name: '恢复码' }).fill(code)
    await verifyButton(office).click()
  }

  it('a recovery code logs in once, and is refused the second time', async () => {
    const [code] = recoveryCodes
    await recoveryLogin(code)
    await landsOnWorkbench(office)

    await recoveryLogin(code)
    await expect.poll(() => office.locator('.login-error').textContent()).toContain('验证码不正确或已使用过')
    expect(new URL(office.url()).pathname).toBe('/login')

    // Another of the codes still works.
    await office.getByRole('textbox', { name: '恢复码' }).fill(recoveryCodes[1])
    await verifyButton(office).click()
    await landsOnWorkbench(office)
  }, 60_000)

  it('the 安全保密管理员 resets the office’s second factor, which ends its session', async () => {
    await secadmin.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '角色授权' }).click()
    await secadmin.waitForURL((url) => url.pathname === '/admin/users')
    const row = secadmin.locator('tr.ant-table-row', { hasText: 'office' }).filter({ hasText: '依法治县办' }).first()
    await expect.poll(() => row.textContent()).toContain('已启用')
    const confirm = secadmin.locator('.ant-popconfirm', { hasText: '重置 office 的双因素认证？' })
    await clickUntil(row.getByRole('button', { name: '重置双因素' }), confirm)
    await confirm.getByRole('button', { name: /重\s*置/ }).click()
    await expect.poll(() => secadmin.getByText('已重置 office 的双因素认证').count()).toBe(1)
    await expect.poll(() => row.textContent()).toContain('未启用')

    // On a phone the list scrolls within its table, not the page.
    await secadmin.setViewportSize(PHONE)
    await expect.poll(() => noHorizontalScroll(secadmin)).toBeLessThanOrEqual(PHONE.width)
    await secadmin.setViewportSize({ width: 1440, height: 900 })

    // The office's session has ended.
    await office.reload()
    await office.waitForURL((url) => url.pathname === '/login')
  }, 60_000)

  it('on a phone, the office enrols again; the old recovery codes went with the reset; the code step fits the screen', async () => {
    const firstCodes = recoveryCodes
    const phone = await newPhonePage()
    await enterPassword(phone, 'office')
    await enrol(phone, { wrongFirst: false })
    expect(recoveryCodes.some((code) => firstCodes.includes(code))).toBe(false)
    expect(await noHorizontalScroll(phone)).toBeLessThanOrEqual(PHONE.width)
    await confirmSaved(phone)
    await landsOnWorkbench(phone)

    await logout(phone)
    await enterPassword(phone, 'office')
    await verifyStep(phone).waitFor()
    expect(await noHorizontalScroll(phone)).toBeLessThanOrEqual(PHONE.width)
    await clickUntil(phone.getByRole('button', { name: '使用恢复码' }), phone.getByRole('heading', { name: '使用恢复码登录' }))
    await phone.getByRole('textbox', { name: '恢复码' }).fill(firstCodes[2])
    await verifyButton(phone).click()
    await expect.poll(() => phone.locator('.login-error').textContent()).toContain('验证码不正确或已使用过')
    expect(await noHorizontalScroll(phone)).toBeLessThanOrEqual(PHONE.width)

    await clickUntil(phone.getByRole('button', { name: '使用动态验证码' }), verifyStep(phone))
    tick()
    await codeInput(phone).fill(codeAt(secret, now))
    await verifyButton(phone).click()
    await landsOnWorkbench(phone)
  }, 90_000)

  it('the auditor’s 安全审计 lists the story: the enrolments, the logins by code and recovery code, the refused codes and the reset', async () => {
    // The auditor is one of the administrators too: its first login since the setting sets up its own second factor.
    const auditor = await t.newPage()
    await enterPassword(auditor, 'auditor')
    await enrol(auditor, { wrongFirst: false })
    await confirmSaved(auditor)
    await auditor.waitForURL((url) => url.pathname === '/audit')
    await expect.poll(() => auditor.getByRole('alert', { name: '哈希链校验' }).textContent()).toContain('链头')
    const rows = auditor.getByRole('table', { name: '审计日志' }).locator('tr.ant-table-row')

    await auditor.goto(`${t.baseUrl}/audit?action=user.totp-reset`)
    await expect.poll(() => rows.count()).toBe(1)
    expect(await rows.first().textContent()).toMatch(/secadmin.*重置双因素/)

    await auditor.goto(`${t.baseUrl}/audit?user=office&action=login.second-factor`)
    // Three logins by the code and recovery codes, one refused reused step, one wrong code, one reused recovery code; on the phone one old recovery code refused, one login.
    await expect.poll(() => rows.count()).toBe(8)
    await expect.poll(() => auditor.locator('tr.ant-table-row', { hasText: '失败' }).count()).toBe(4)

    await auditor.goto(`${t.baseUrl}/audit?user=office&action=totp.enrol`)
    // Twice enrolled, once a wrong code first.
    await expect.poll(() => rows.count()).toBe(3)
    await expect.poll(() => auditor.locator('tr.ant-table-row', { hasText: '失败' }).count()).toBe(1)

    // On a phone the log scrolls within its table, not the page.
    await auditor.setViewportSize(PHONE)
    await expect.poll(() => noHorizontalScroll(auditor)).toBeLessThanOrEqual(PHONE.width)
  }, 60_000)
})
