import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, login, withCsrf, type TestContext } from '../../helpers/app'

let t: TestContext
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

describe('response headers', () => {
  it('sets a CSP that allows only the app’s own scripts, and no x-powered-by', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' })
    const csp = res.headers['content-security-policy'] as string
    expect(csp).toContain("default-src 'self'")
    expect(csp).toContain("script-src 'self'")
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/)
    expect(csp).toContain("frame-ancestors 'none'")
    expect(res.headers['x-powered-by']).toBeUndefined()
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['strict-transport-security']).toBeDefined()
  })

  it('uses a Secure __Host- session cookie when configured for HTTPS', async () => {
    const secure = await createTestApp({ seed: true, secureCookies: true })
    try {
      const res = await secure.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'office', password: 'Demo@2026' } })
      const cookie = res.cookies.find((c) => c.name === '__Host-sid')!
      expect(cookie).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Strict', path: '/' })
      expect(cookie.domain).toBeUndefined()
    } finally {
      await secure.close()
    }
  })
})

describe('limits', () => {
  it('answers a JSON body over 1 MB with 413 and changes nothing', async () => {
    const cookie = await login(t.app, 'kjj')
    const before = await t.sql.get('select cast(count(*) as integer) as n from rectification_items')
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/rectifications',
      headers: { ...withCsrf(cookie), 'content-type': 'application/json' },
      payload: JSON.stringify({ year: 2026, problem: 'x'.repeat(1024 * 1024), deadline: '2026-12-31' }),
    })
    expect(res.statusCode).toBe(413)
    expect(res.json().message).toMatch(/过大/)
    expect(await t.sql.get('select cast(count(*) as integer) as n from rectification_items')).toEqual(before)
  })

  it('sets request and connection timeouts on the HTTP server', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' })
    expect(t.app.server.requestTimeout).toBe(30_000)
    expect(t.app.initialConfig.connectionTimeout).toBe(60_000)
    expect(t.app.initialConfig.bodyLimit).toBe(1024 * 1024)
  })
})
