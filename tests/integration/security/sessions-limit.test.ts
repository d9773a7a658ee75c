import { jsonOf, sqlOf } from '../../helpers/databases'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sessionIdOf } from '../../../server/src/features/auth/service'
import { createTestApp, login, withCsrf, type TestContext } from '../../helpers/app'

let t: TestContext
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

const me = (app: TestContext['app'], cookie: string) => app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })
const sessionId = (cookie: string) => sessionIdOf(cookie.replace(/^sid=/, ''))
const lastLoginAfter = async (ctx: TestContext, username: string) =>
  jsonOf(await sqlOf(ctx.db).value("select after from audit_events where action = 'login' and success = true and username = ? order by id desc limit 1", [username])) ?? {}

describe('logging in again', () => {
  it('ends the account’s earlier session by default (one session per account) and audits which', async () => {
    const first = await login(t.app, 'kjj')
    const second = await login(t.app, 'kjj')
    expect((await me(t.app, first)).statusCode).toBe(401)
    expect((await me(t.app, second)).statusCode).toBe(200)
    expect(await lastLoginAfter(t, 'kjj')).toEqual({ endedSessions: [sessionId(first)] })
    expect(await t.sql.get("select cast(count(*) as integer) as n from sessions where user_id = (select id from users where username = 'kjj')")).toEqual({ n: 1 })
    // Another account's session is untouched.
    const other = await login(t.app, 'jyj')
    await login(t.app, 'kjj')
    expect((await me(t.app, other)).statusCode).toBe(200)
  })

  it('ends the session whose cookie the login presented, whoever’s it was', async () => {
    const leader = await login(t.app, 'leader')
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: withCsrf(leader), payload: { username: 'office', password: 'Demo@2026' } })
    expect(res.statusCode).toBe(200)
    expect((await me(t.app, leader)).statusCode).toBe(401)
    expect(await lastLoginAfter(t, 'office')).toEqual({ endedSessions: [sessionId(leader)] })
  })

  it('with MAX_SESSIONS_PER_USER 2, the third login ends the oldest session only; a failed login ends none', async () => {
    const two = await createTestApp({ maxSessionsPerUser: 2 })
    try {
      const [a, b] = [await login(two.app, 'kjj'), await login(two.app, 'kjj')]
      expect((await me(two.app, a)).statusCode).toBe(200)
      const wrong = await two.app.inject({ method: 'POST', url: '/api/auth/login', headers: withCsrf(b), payload: { username: 'kjj', password: 'wrong' } })
      expect(wrong.statusCode).toBe(401)
      expect((await me(two.app, a)).statusCode).toBe(200)
      expect((await me(two.app, b)).statusCode).toBe(200)
      const c = await login(two.app, 'kjj')
      expect((await me(two.app, a)).statusCode).toBe(401)
      expect((await me(two.app, b)).statusCode).toBe(200)
      expect((await me(two.app, c)).statusCode).toBe(200)
      expect(await lastLoginAfter(two, 'kjj')).toEqual({ endedSessions: [sessionId(a)] })
    } finally {
      await two.close()
    }
  })

  it('parallel logins of one account leave exactly one live session', async () => {
    const answers = await Promise.all(Array.from({ length: 5 }, () => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'czj', password: 'Demo@2026' } })))
    expect(answers.map((r) => r.statusCode)).toEqual(Array(5).fill(200))
    const live = await Promise.all(answers.map((r) => me(t.app, `sid=${r.cookies.find((c) => c.name === 'sid')!.value}`)))
    expect(live.filter((r) => r.statusCode === 200)).toHaveLength(1)
  })
})
