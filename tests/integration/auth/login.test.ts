import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, login, withCsrf, type TestContext } from '../../helpers/app'

let t: TestContext
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

describe('POST /api/auth/login', () => {
  it('sets an HttpOnly SameSite=Strict session cookie and returns the user without secrets', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'office', password: 'Demo@2026' } })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({
      id: expect.any(Number),
      username: 'office',
      displayName: '县委依法治县办',
      role: 'office',
      bureauId: null,
      regionId: null,
      mustChangePassword: false,
      installationWide: true,
      csrfToken: expect.stringMatching(/^[0-9a-f]{64}$/),
      pendingFactor: null,
      totpEnrolled: false,
    })
    const cookie = res.cookies.find((c) => c.name === 'sid')!
    expect(cookie.httpOnly).toBe(true)
    expect(cookie.sameSite).toBe('Strict')
    expect(res.body).not.toContain('argon2')
  })

  it('refuses a wrong password and an unknown user with the same 401 message', async () => {
    const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'office', password: 'nope' } })
    const unknown = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'ghost', password: 'nope' } })
    expect(wrong.statusCode).toBe(401)
    expect(unknown.statusCode).toBe(401)
    expect(wrong.json().message).toBe(unknown.json().message)
    expect(wrong.cookies).toHaveLength(0)
  })

  it('rejects a malformed body with 400 and a Chinese message', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: '' } })
    expect(res.statusCode).toBe(400)
    expect(res.json().message).toMatch(/请输入用户名|无效/)
  })
})

describe('session lifecycle', () => {
  it('me answers with the logged-in user, and logout ends the session on the server', async () => {
    const cookie = await login(t.app, 'kjj')
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })
    expect(me.json()).toMatchObject({ username: 'kjj', role: 'bureau', bureauId: expect.any(Number) })
    await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: withCsrf(cookie) })
    const after = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })
    expect(after.statusCode).toBe(401)
  })

  it('refuses a session idle for 31 minutes', async () => {
    const start = new Date('2026-11-22T08:00:00Z')
    t.setNow(start)
    const cookie = await login(t.app, 'office')
    t.setNow(new Date(start.getTime() + 29 * 60_000))
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200)
    t.setNow(new Date(start.getTime() + 29 * 60_000 + 31 * 60_000))
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401)
    t.setNow(new Date())
  })
})
