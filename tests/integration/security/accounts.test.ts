import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditedTransaction } from '../../../server/src/db/transaction'
import { conflict } from '../../../server/src/errors'
import { credentialAttempts } from '../../../server/src/features/auth/attempts'
import { authRepository } from '../../../server/src/features/auth/repository'
import { failAuditInserts } from '../../helpers/fail-inserts'
import { createTestApp, login, withCsrf, type TestContext } from '../../helpers/app'
import { jsonOf, truthOf } from '../../helpers/databases'

let t: TestContext
beforeAll(async () => {
  t = await createTestApp({ loginRateLimit: 1000 })
})
afterAll(() => t.close())

const attemptOn = (ctx: TestContext, username: string, password: string) =>
  ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } })
const attempt = (username: string, password: string) => attemptOn(t, username, password)

const auditRows = async (action: string, username: string) =>
  (await t.sql.all('select success from audit_events where action = ? and username = ? order by id', [action, username])).map((r) => ({ success: truthOf(r.success) }))

describe('password storage', () => {
  it('stores argon2id hashes with at least 19 MiB, 2 iterations and one lane', async () => {
    const { password_hash } = await t.sql.get("select password_hash from users where username = 'office'") as { password_hash: string }
    const m = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(password_hash)
    expect(m).not.toBeNull()
    expect(Number(m![1])).toBeGreaterThanOrEqual(19_456)
    expect(Number(m![2])).toBeGreaterThanOrEqual(2)
    expect(Number(m![3])).toBe(1)
  })
})

describe('lockout', () => {
  it('locks after five failures for 15 minutes, refusing even the right password with 423', async () => {
    const start = new Date('2026-11-22T02:00:00Z')
    t.setNow(start)
    for (let i = 1; i <= 4; i++) expect((await attempt('jyj', 'wrong')).statusCode).toBe(401)
    const fifth = await attempt('jyj', 'wrong')
    expect(fifth.statusCode).toBe(423)
    const sixth = await attempt('jyj', 'Demo@2026')
    expect(sixth.statusCode).toBe(423)
    // The unlock time is given in China time: 02:15 UTC is 10:15 in Beijing.
    expect(sixth.json().message).toContain('10:15')
    expect(sixth.cookies).toHaveLength(0)

    t.setNow(new Date(start.getTime() + 14 * 60_000))
    expect((await attempt('jyj', 'Demo@2026')).statusCode).toBe(423)
    t.setNow(new Date(start.getTime() + 16 * 60_000))
    expect((await attempt('jyj', 'Demo@2026')).statusCode).toBe(200)
    t.setNow(new Date())

    expect(await auditRows('lockout', 'jyj')).toHaveLength(1)
    expect((await auditRows('login', 'jyj')).map((r) => r.success)).toEqual([0, 0, 0, 0, 0, 0, 0, 1])
  })

  it('wrong passwords at the login form lock the account but log its owner out of nothing', async () => {
    const owner = await login(t.app, 'sjj')
    for (let i = 1; i <= 5; i++) expect((await attempt('sjj', 'wrong')).statusCode).toBe(i < 5 ? 401 : 423)
    // A stranger at the login form holds no session: the owner's goes on until it ends by itself.
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: owner } })).statusCode).toBe(200)
    const lockout = await t.sql.value("select after from audit_events where action = 'lockout' and username = 'sjj'")
    expect(jsonOf<{ endedSessions?: number }>(lockout).endedSessions).toBeUndefined()
  })

  it('a check that throws is audited and counted like a failure, and its error goes on', async () => {
    const id = (await t.sql.get("select id from users where username = 'fgw'") as { id: number }).id
    const attempts = credentialAttempts(authRepository(t.db), auditedTransaction(t.db), () => new Date())
    const thrown = attempts.check({ user: null, ip: '127.0.0.1' }, { id, username: 'fgw' }, 'totp.enrol', 'wrong code', () => Promise.reject(conflict('二维码已更新')), {
      completes: true,
    })
    await expect(thrown).rejects.toMatchObject({ statusCode: 409, message: '二维码已更新' })
    expect(await t.sql.get("select failed_logins from users where username = 'fgw'")).toEqual({ failed_logins: 1 })
    const row = (await t.sql.get("select success, after from audit_events where action = 'totp.enrol' and username = 'fgw'"))!
    expect(truthOf(row.success)).toBe(0)
    expect(jsonOf<{ reason: string }>(row.after).reason).toBe('二维码已更新')
  })

  it('a success resets the failure count', async () => {
    for (let i = 0; i < 4; i++) await attempt('czj', 'wrong')
    expect((await attempt('czj', 'Demo@2026')).statusCode).toBe(200)
    for (let i = 0; i < 4; i++) expect((await attempt('czj', 'wrong')).statusCode).toBe(401)
  })
})

describe('per-address rate limit on login', () => {
  it('answers 429 past the limit', async () => {
    const limited = await createTestApp({ seed: false, loginRateLimit: 3 })
    try {
      const codes = []
      for (let i = 0; i < 5; i++)
        codes.push((await limited.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'x', password: 'y' } })).statusCode)
      expect(codes).toEqual([401, 401, 401, 429, 429])
      const res = await limited.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'x', password: 'y' } })
      expect(res.json().message).toMatch(/请求过于频繁/)
    } finally {
      await limited.close()
    }
  })
})

describe('accounts created by the sysadmin', () => {
  it('must change the password at first login, then work normally', async () => {
    const admin = await login(t.app, 'sysadmin')
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: withCsrf(admin),
      payload: { username: 'newleader', displayName: '新领导', password: 'Init#2026x' },
    })
    expect(created.statusCode).toBe(201)
    expect(created.json()).toMatchObject({ username: 'newleader', role: null, mustChangePassword: true })
    expect(created.body).not.toContain('argon2')
    const granted = await t.app.inject({
      method: 'PUT',
      url: `/api/users/${created.json().id}/role`,
      headers: withCsrf(await login(t.app, 'secadmin')),
      payload: { role: 'leader', bureauId: null, version: 1 },
    })
    expect(granted.statusCode).toBe(200)

    const cookie = await login(t.app, 'newleader', 'Init#2026x')
    const blocked = await t.app.inject({ method: 'GET', url: '/api/ranking?year=2025', headers: { cookie } })
    expect(blocked.statusCode).toBe(403)
    expect(blocked.json().message).toMatch(/须先修改密码/)

    const weak = await t.app.inject({ method: 'POST', url: '/api/auth/password', headers: withCsrf(cookie), payload: { currentPassword: 'Init#2026x', newPassword: 'alllowercase' } })
    expect(weak.statusCode).toBe(400)
    const changed = await t.app.inject({ method: 'POST', url: '/api/auth/password', headers: withCsrf(cookie), payload: { currentPassword: 'Init#2026x', newPassword: 'Better#2026y' } })
    expect(changed.statusCode).toBe(200)
    expect((await t.app.inject({ method: 'GET', url: '/api/ranking?year=2025', headers: { cookie } })).statusCode).toBe(200)
  })

  it('rejects passwords that break the policy and taken usernames', async () => {
    const admin = await login(t.app, 'sysadmin')
    const post = (payload: object) => t.app.inject({ method: 'POST', url: '/api/users', headers: withCsrf(admin), payload })
    expect((await post({ username: 'u1', displayName: 'x', password: 'Short1!' })).statusCode).toBe(400)
    expect((await post({ username: 'u2', displayName: 'x', password: 'onlylowercase1' })).statusCode).toBe(400)
    expect((await post({ username: 'office', displayName: 'x', password: 'Good#2026pw' })).statusCode).toBe(409)
    expect(await t.sql.get("select cast(count(*) as integer) as n from users where username in ('u1','u2')")).toEqual({ n: 0 })
  })

  it('only the sysadmin creates accounts', async () => {
    for (const who of ['office', 'leader', 'auditor', 'secadmin', 'kjj']) {
      const cookie = await login(t.app, who)
      const res = await t.app.inject({ method: 'POST', url: '/api/users', headers: withCsrf(cookie), payload: { username: `by${who}`, displayName: 'x', password: 'Good#2026pw' } })
      expect(res.statusCode, who).toBe(403)
    }
  })
})

describe('sessions', () => {
  it('the sysadmin lists a user’s sessions and revokes one', async () => {
    const victim = await login(t.app, 'tjj')
    const admin = await login(t.app, 'sysadmin')
    const { id } = await t.sql.get("select id from users where username = 'tjj'") as { id: number }
    const list = await t.app.inject({ method: 'GET', url: `/api/users/${id}/sessions`, headers: { cookie: admin } })
    expect(list.statusCode).toBe(200)
    expect(list.json()).toHaveLength(1)
    const revoke = await t.app.inject({ method: 'DELETE', url: `/api/sessions/${list.json()[0].id}`, headers: withCsrf(admin) })
    expect(revoke.statusCode).toBe(200)
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: victim } })).statusCode).toBe(401)
  })

  it('ends a session at its absolute limit of 12 hours even when active', async () => {
    const start = new Date('2026-11-23T00:00:00Z')
    t.setNow(start)
    const cookie = await login(t.app, 'ybj')
    for (let minutes = 25; minutes < 12 * 60; minutes += 25) {
      t.setNow(new Date(start.getTime() + minutes * 60_000))
      expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200)
    }
    t.setNow(new Date(start.getTime() + 12 * 60 * 60_000 + 1000))
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401)
    t.setNow(new Date())
  })
})

describe('two sessions of one account (MAX_SESSIONS_PER_USER 2)', () => {
  let two: TestContext
  beforeAll(async () => {
    two = await createTestApp({ loginRateLimit: 1000, maxSessionsPerUser: 2 })
  })
  afterAll(() => two.close())

  it('a password change ends the user’s other sessions but keeps the current one', async () => {
    const first = await login(two.app, 'sjj')
    const second = await login(two.app, 'sjj')
    const res = await two.app.inject({ method: 'POST', url: '/api/auth/password', headers: withCsrf(second), payload: { currentPassword: 'Demo@2026', newPassword: 'Changed#2026' } })
    expect(res.statusCode).toBe(200)
    expect((await two.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: first } })).statusCode).toBe(401)
    expect((await two.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: second } })).statusCode).toBe(200)
  })

  it('a password change whose audit row cannot be written changes nothing', async () => {
    const first = await login(two.app, 'mzj')
    const second = await login(two.app, 'mzj')
    // Stands in for any failure of the audit insert (disk full, a bug): the change must roll back with it.
    const restore = await failAuditInserts(two, 'password.change')
    try {
      const res = await two.app.inject({ method: 'POST', url: '/api/auth/password', headers: withCsrf(second), payload: { currentPassword: 'Demo@2026', newPassword: 'Changed#2026' } })
      expect(res.statusCode).toBe(500)
    } finally {
      await restore()
    }
    expect((await two.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: first } })).statusCode).toBe(200)
    expect((await attemptOn(two, 'mzj', 'Changed#2026')).statusCode).toBe(401)
    expect((await attemptOn(two, 'mzj', 'Demo@2026')).statusCode).toBe(200)
  })
})

describe('CSRF', () => {
  it('refuses a change made with the session cookie alone, as a cross-site form post would be', async () => {
    const cookie = await login(t.app, 'sysadmin')
    const payload = { username: 'csrfvictim', displayName: 'x', password: 'Good#2026pw' }
    const forged = await t.app.inject({ method: 'POST', url: '/api/users', headers: { cookie }, payload })
    expect(forged.statusCode).toBe(403)
    expect(forged.json().message).toMatch(/CSRF/)
    const wrong = await t.app.inject({ method: 'POST', url: '/api/users', headers: { cookie, 'x-csrf-token': 'f'.repeat(64) }, payload })
    expect(wrong.statusCode).toBe(403)
    // A classic HTML form post: urlencoded body, no custom header.
    const form = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      payload: 'x=1',
    })
    expect(form.statusCode).toBeGreaterThanOrEqual(400)
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200)
    expect(await t.sql.get("select cast(count(*) as integer) as n from users where username = 'csrfvictim'")).toEqual({ n: 0 })
    expect((await t.app.inject({ method: 'POST', url: '/api/users', headers: withCsrf(cookie), payload })).statusCode).toBe(201)
  })

  it('hands the token to the client at login and from /me, and the token is bound to the session', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'leader', password: 'Demo@2026' } })
    const cookie = `sid=${res.cookies.find((c) => c.name === 'sid')!.value}`
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })
    expect(me.json().csrfToken).toBe(res.json().csrfToken)
    const other = await login(t.app, 'leader')
    expect(withCsrf(other)['x-csrf-token']).not.toBe(res.json().csrfToken)
  })
})

describe('the sysadmin’s own account', () => {
  it('cannot be given another role or deactivated by itself, and its own session is marked', async () => {
    const admin = await login(t.app, 'sysadmin')
    const { id } = await t.sql.get("select id from users where username = 'sysadmin'") as { id: number }
    const demote = await t.app.inject({ method: 'PUT', url: `/api/users/${id}/role`, headers: withCsrf(admin), payload: { role: 'office', bureauId: null, version: 1 } })
    expect(demote.statusCode).toBe(403)
    const deactivate = await t.app.inject({ method: 'PUT', url: `/api/users/${id}`, headers: withCsrf(admin), payload: { active: false, version: 1 } })
    expect(deactivate.statusCode).toBe(403)
    const row = (await t.sql.get('select role, active, version from users where id = ?', [id]))!
    expect({ ...row, active: truthOf(row.active) }).toEqual({ role: 'sysadmin', active: 1, version: 1 })
    const rename = await t.app.inject({ method: 'PUT', url: `/api/users/${id}`, headers: withCsrf(admin), payload: { displayName: '系统管理员甲', version: 1 } })
    expect(rename.statusCode).toBe(200)
    const sessions = (await t.app.inject({ method: 'GET', url: `/api/users/${id}/sessions`, headers: { cookie: admin } })).json()
    expect(sessions.filter((s: { current: boolean }) => s.current)).toHaveLength(1)
  })
})
