import { jsonOf, sqlOf } from '../../helpers/databases'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, DEMO_PASSWORD, login, withCsrf, type TestContext } from '../../helpers/app'

let t: TestContext
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

const change = (app: TestContext['app'], cookie: string, currentPassword: string) =>
  app.inject({ method: 'POST', url: '/api/auth/password', headers: withCsrf(cookie), payload: { currentPassword, newPassword: 'Guess#2026ok' } })

const changeRows = async (username: string) =>
  (
    await t.sql.all<{ success: number; after: unknown }>("select cast(success as integer) as success, after from audit_events where action = 'password.change' and username = ? order by id", [
      username,
    ])
  ).map(({ success, after }) => ({ success, reason: jsonOf<{ reason: string }>(after).reason }))

const lockedAndSessions = async (username: string) =>
  await t.sql.get('select cast(u.locked_until is not null as integer) as locked, (select cast(count(*) as integer) from sessions s where s.user_id = u.id) as sessions from users u where u.username = ?', [username])

describe('guessing the current password on POST /api/auth/password', () => {
  it('20 wrong tries in a row: five are checked, the fifth locks the account and ends the guessing session', async () => {
    const cookie = await login(t.app, 'jyj')
    const codes: number[] = []
    for (let i = 0; i < 20; i++) codes.push((await change(t.app, cookie, `wrong${i}`)).statusCode)
    // Four refusals, the lock at the fifth, then the session is gone.
    expect(codes).toEqual([400, 400, 400, 400, 423, ...Array(15).fill(401)])
    expect(await changeRows('jyj')).toEqual(Array(5).fill({ success: 0, reason: 'current password' }))
    expect(await lockedAndSessions('jyj')).toEqual({ locked: 1, sessions: 0 })
    expect(await t.sql.get("select cast(count(*) as integer) as n from audit_events where action = 'lockout' and username = 'jyj'")).toEqual({ n: 1 })
    // The account is locked for the login as well, even with the right password.
    const relogin = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'jyj', password: DEMO_PASSWORD } })
    expect(relogin.statusCode).toBe(423)
    expect(await t.sql.get("select cast(password_hash = (select password_hash from users where username = 'kjj') as integer) as unchanged from users where username = 'jyj'")).toEqual({ unchanged: 1 })
  })

  it('the lockout ends the session that guessed, not the owner’s other session', async () => {
    const two = await createTestApp({ maxSessionsPerUser: 2 })
    try {
      const owner = await login(two.app, 'mzj')
      const stolen = await login(two.app, 'mzj')
      const codes: number[] = []
      for (let i = 0; i < 5; i++) codes.push((await change(two.app, stolen, `wrong${i}`)).statusCode)
      expect(codes).toEqual([400, 400, 400, 400, 423])
      const me = (cookie: string) => two.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })
      expect((await me(stolen)).statusCode).toBe(401)
      expect((await me(owner)).statusCode).toBe(200)
      const lockout = await sqlOf(two.db).value("select after from audit_events where action = 'lockout' and username = 'mzj'")
      expect(jsonOf<{ endedSessions: number[] }>(lockout).endedSessions).toHaveLength(1)
    } finally {
      await two.close()
    }
  })

  it('10 wrong tries at once check at most five and leave the account locked', async () => {
    const cookie = await login(t.app, 'czj')
    const codes = (await Promise.all(Array.from({ length: 10 }, (_, i) => change(t.app, cookie, `wrong${i}`)))).map((r) => r.statusCode)
    expect(codes.filter((c) => c === 400).length).toBeLessThanOrEqual(4)
    expect(codes.filter((c) => c === 423).length).toBeGreaterThanOrEqual(1)
    expect(codes.every((c) => [400, 401, 423].includes(c))).toBe(true)
    const checked = (await changeRows('czj')).filter((r) => r.reason === 'current password')
    expect(checked.length).toBeLessThanOrEqual(5)
    expect((await changeRows('czj')).every((r) => r.success === 0)).toBe(true)
    expect(await lockedAndSessions('czj')).toEqual({ locked: 1, sessions: 0 })
  })

  it('shares the login’s limit per client address (429 past the limit): the login used one of three', async () => {
    const limited = await createTestApp({ loginRateLimit: 3 })
    try {
      const cookie = await login(limited.app, 'sjj')
      const codes: number[] = []
      for (let i = 0; i < 5; i++) codes.push((await change(limited.app, cookie, `wrong${i}`)).statusCode)
      expect(codes).toEqual([400, 400, 429, 429, 429])
    } finally {
      await limited.close()
    }
  })
})
