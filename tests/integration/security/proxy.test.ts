import { sqlOf } from '../../helpers/databases'
import { afterEach, describe, expect, it } from 'vitest'
import { loadConfig } from '../../../server/src/config'
import { createTestApp, type TestContext } from '../../helpers/app'

// Every inject comes from 127.0.0.1: the proxy in front of the app, as nginx on the same machine.
let t: TestContext | undefined
afterEach(() => t?.close())

const loginFrom = (app: TestContext['app'], forwardedFor: string, username = 'nosuchuser') =>
  app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'x-forwarded-for': forwardedFor }, payload: { username, password: 'wrong' } })

const auditedAddresses = async (ctx: TestContext, usernamePattern: string) =>
  (await sqlOf(ctx.db).all("select distinct ip from audit_events where action = 'login' and username like ?", [usernamePattern]) as { ip: string }[]).map((r) => r.ip)

describe('TRUST_PROXY', () => {
  it('reads the number of proxy hops: unset, false and 0 none, true one, n n; anything else stops the start', () => {
    expect(loadConfig({}).trustProxy).toBe(0)
    for (const none of ['', 'false', '0']) expect(loadConfig({ TRUST_PROXY: none }).trustProxy).toBe(0)
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(1)
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2)
    for (const bad of ['yes', '-1', '1.5', '10.0.0.1', 'loopback'])
      expect(() => loadConfig({ TRUST_PROXY: bad }), bad).toThrow(/TRUST_PROXY 应为反向代理的层数/)
  })

  it('behind one proxy, the address that proxy saw counts: a forged X-Forwarded-For neither escapes the rate limit nor reaches the audit log', async () => {
    t = await createTestApp({ seed: false, trustProxy: 1, loginRateLimit: 10 })
    const codes: number[] = []
    // nginx with $proxy_add_x_forwarded_for appends the address it saw (198.51.100.9) to what the
    // client wrote. A username each, so that no username's lockout answers first.
    for (let n = 1; n <= 30; n++) codes.push((await loginFrom(t.app, `6.6.6.${n}, 198.51.100.9`, `ghost${n}`)).statusCode)
    expect(codes.slice(0, 10).every((c) => c === 401)).toBe(true)
    expect(codes.slice(10).every((c) => c === 429)).toBe(true)
    expect(await auditedAddresses(t, 'ghost%')).toEqual(['198.51.100.9'])
    // The limit is that address's, not the proxy's own (127.0.0.1): another client still gets through.
    expect((await loginFrom(t.app, '6.6.6.1, 198.51.100.10', 'other')).statusCode).toBe(401)
    expect(await auditedAddresses(t, 'other')).toEqual(['198.51.100.10'])
  })

  it('behind two proxies, the address the outer proxy saw counts (a, b, c from the socket: b)', async () => {
    t = await createTestApp({ seed: false, trustProxy: 2, loginRateLimit: 3 })
    // The client wrote 6.6.6.N, the outer proxy saw 203.0.113.7 and the inner one saw the outer (10.0.0.2).
    const codes: number[] = []
    for (let n = 1; n <= 5; n++) codes.push((await loginFrom(t.app, `6.6.6.${n}, 203.0.113.7, 10.0.0.2`)).statusCode)
    expect(codes).toEqual([401, 401, 401, 429, 429])
    expect(await auditedAddresses(t, 'nosuchuser')).toEqual(['203.0.113.7'])
    // Another client behind the same proxies has its own allowance.
    expect((await loginFrom(t.app, '6.6.6.1, 203.0.113.8, 10.0.0.2', 'other')).statusCode).toBe(401)
    expect(await auditedAddresses(t, 'other')).toEqual(['203.0.113.8'])
  })

  it('without a proxy, X-Forwarded-For is ignored', async () => {
    t = await createTestApp({ seed: false, loginRateLimit: 10 })
    await loginFrom(t.app, '6.6.6.6')
    expect(await auditedAddresses(t, 'nosuchuser')).toEqual(['127.0.0.1'])
  })
})
