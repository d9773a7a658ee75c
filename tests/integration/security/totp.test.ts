import { RECOVERY_CODE_COUNT, type SecondFactorMode } from '@fazhi/shared'
import { Secret, TOTP, URI } from 'otpauth'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { users } from '../../../server/src/db/schema'
import { hashPassword } from '../../../server/src/features/auth/passwords'
import { securitySettings } from '../../../server/src/features/security/settings'
import { createTestApp, DEMO_PASSWORD, login, seededTemplate, withCsrf, type TestContext } from '../../helpers/app'
import { jsonOf, truthOf } from '../../helpers/databases'

/**
 * The second factor (TOTP, RFC 6238) through HTTP on a seeded database: the test computes the codes
 * an authenticator app would show from the secret the enrolment hands out.
 */

const NOW = new Date('2026-11-30T02:00:10Z')
const STEP_MS = 30_000

let template: string
let t: TestContext
beforeAll(async () => {
  template = await seededTemplate()
}, 60_000)
afterEach(() => t?.close())

const fresh = async () => {
  t = await createTestApp({ template, now: NOW })
  return t
}

const codeAt = (secret: string, at: Date) => TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: at.getTime() })
/** A 6-digit code that none of the accepted steps (now and one either side) has. */
function wrongCode(secret: string, at: Date) {
  const taken = new Set([-1, 0, 1].map((d) => codeAt(secret, new Date(at.getTime() + d * STEP_MS))))
  for (let n = 0; ; n++) {
    const code = String(n).padStart(6, '0')
    if (!taken.has(code)) return code
  }
}

const cookieOf = (res: { cookies: { name: string; value: string }[] }) => {
  const sid = res.cookies.find((c) => c.name === 'sid')
  return sid ? `sid=${sid.value}` : null
}

async function passwordLogin(username: string) {
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: DEMO_PASSWORD } })
  expect(res.statusCode, res.body).toBe(200)
  return { cookie: cookieOf(res)!, body: res.json() }
}

const get = (url: string, cookie: string) => t.app.inject({ method: 'GET', url, headers: { cookie } })
const post = (url: string, cookie: string, payload: unknown) => t.app.inject({ method: 'POST', url, headers: withCsrf(cookie), payload: payload as object })

/** Sets the county's mode as the security admin; once the mode asks the admin for a factor, pass a session opened before. */
async function setMode(mode: SecondFactorMode, secadmin?: string) {
  const cookie = secadmin ?? (await login(t.app, 'secadmin'))
  const res = await t.app.inject({ method: 'PUT', url: '/api/security/settings', headers: withCsrf(cookie), payload: { secondFactor: mode } })
  expect(res.statusCode, res.body).toBe(200)
}

/** Enrols `username` from a session that may enrol; returns the secret, the recovery codes and the session afterwards. */
async function enrolFrom(cookie: string) {
  const enrolment = await post('/api/auth/totp/enrolment', cookie, undefined)
  expect(enrolment.statusCode, enrolment.body).toBe(200)
  const { secret } = enrolment.json() as { secret: string }
  const res = await post('/api/auth/totp/enrol', cookie, { code: codeAt(secret, NOW) })
  expect(res.statusCode, res.body).toBe(200)
  return { secret, recoveryCodes: res.json().recoveryCodes as string[], cookie: cookieOf(res) ?? cookie }
}

/** An account enrolled voluntarily (the demo's mode is off), then logged out. */
async function enrolled(username: string) {
  const { cookie } = await passwordLogin(username)
  return enrolFrom(cookie)
}

/** The account's second-factor columns, its recovery codes parsed. */
const userRow = async (username: string) => {
  const row = (await t.sql.get('select failed_logins, locked_until, totp_secret, totp_pending_secret, totp_last_step, recovery_codes from users where username = ?', [username])) as {
    failed_logins: number
    locked_until: string | null
    totp_secret: string | null
    totp_pending_secret: string | null
    totp_last_step: number | null
    recovery_codes: unknown
  }
  return { ...row, recovery_codes: jsonOf<string[]>(row.recovery_codes) }
}
/** The audit rows of `action` by `username`, success as 0/1 and before/after parsed. */
const auditRows = async (action: string, username: string) =>
  (await t.sql.all('select success, before, after from audit_events where action = ? and username = ? order by id', [action, username])).map((r) => ({
    success: truthOf(r.success),
    before: jsonOf<Record<string, unknown> | null>(r.before),
    after: jsonOf<Record<string, unknown> | null>(r.after),
  }))

describe('enrolment', () => {
  it('an office account under the default mode must enrol: QR code, a wrong code counted, then recovery codes and a full session under a new token', async () => {
    await fresh()
    await setMode('privileged')
    const { cookie, body } = await passwordLogin('office')
    expect(body).toMatchObject({ pendingFactor: 'enrol', totpEnrolled: false })
    expect((await get('/api/dashboard/summary?year=2025', cookie)).statusCode).toBe(401)

    const enrolment = await post('/api/auth/totp/enrolment', cookie, undefined)
    expect(enrolment.statusCode).toBe(200)
    const { secret, uri, qr } = enrolment.json() as { secret: string; uri: string; qr: string }
    expect(secret).toMatch(/^[A-Z2-7]{32}$/)
    const parsed = URI.parse(uri) as TOTP
    expect(uri.startsWith('otpauth://totp/')).toBe(true)
    expect(parsed).toMatchObject({ issuer: '法治督察看板', label: 'office', digits: 6, period: 30, algorithm: 'SHA1' })
    expect(parsed.secret.base32).toBe(secret)
    expect(qr).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/)
    expect(await userRow('office')).toMatchObject({ totp_pending_secret: secret, totp_secret: null })

    const wrong = await post('/api/auth/totp/enrol', cookie, { code: wrongCode(secret, NOW) })
    expect(wrong.statusCode).toBe(400)
    expect(wrong.json().message).toContain('验证码不正确')
    expect(await userRow('office')).toMatchObject({ failed_logins: 1, totp_secret: null })
    expect((await auditRows('totp.enrol', 'office')).map((r) => r.success)).toEqual([0])

    const right = await post('/api/auth/totp/enrol', cookie, { code: codeAt(secret, NOW) })
    expect(right.statusCode, right.body).toBe(200)
    const { recoveryCodes } = right.json() as { recoveryCodes: string[] }
    expect(recoveryCodes).toHaveLength(RECOVERY_CODE_COUNT)
    expect(new Set(recoveryCodes).size).toBe(RECOVERY_CODE_COUNT)
    for (const code of recoveryCodes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/)
    const row = await userRow('office')
    expect(row).toMatchObject({ totp_secret: secret, totp_pending_secret: null, failed_logins: 0 })
    const stored = row.recovery_codes
    expect(stored).toHaveLength(RECOVERY_CODE_COUNT)
    for (const hash of stored) expect(hash).toMatch(/^[0-9a-f]{64}$/)
    expect(JSON.stringify(stored)).not.toContain(recoveryCodes[0].slice(0, 5))

    // The token captured before the second factor is useless; the new one reaches the pages.
    const full = cookieOf(right)!
    expect(full).not.toBe(cookie)
    expect((await get('/api/auth/me', cookie)).statusCode).toBe(401)
    expect((await get('/api/auth/me', full)).json()).toMatchObject({ pendingFactor: null, totpEnrolled: true })
    expect((await get('/api/dashboard/summary?year=2025', full)).statusCode).toBe(200)
    expect((await post('/api/auth/totp/enrolment', full, undefined)).statusCode).toBe(409)
  })

  it('refuses a code before a QR code was fetched, and a code of a replaced QR code', async () => {
    await fresh()
    await setMode('privileged')
    const { cookie } = await passwordLogin('auditor')
    const none = await post('/api/auth/totp/enrol', cookie, { code: '123456' })
    expect(none.statusCode).toBe(409)
    const first = (await post('/api/auth/totp/enrolment', cookie, undefined)).json().secret as string
    const second = (await post('/api/auth/totp/enrolment', cookie, undefined)).json().secret as string
    expect(second).not.toBe(first)
    expect((await post('/api/auth/totp/enrol', cookie, { code: wrongCode(second, NOW) })).statusCode).toBe(400)
    expect((await post('/api/auth/totp/enrol', cookie, { code: codeAt(second, NOW) })).statusCode).toBe(200)
  })

  it('a voluntary enrolment under mode off keeps the session; the next login asks for the code', async () => {
    await fresh()
    const { cookie, body } = await passwordLogin('leader')
    expect(body).toMatchObject({ pendingFactor: null, totpEnrolled: false })
    const { cookie: after } = await enrolFrom(cookie)
    expect(after).toBe(cookie)
    expect((await get('/api/auth/me', cookie)).json()).toMatchObject({ pendingFactor: null, totpEnrolled: true })
    expect((await passwordLogin('leader')).body).toMatchObject({ pendingFactor: 'verify', totpEnrolled: true })
  })

  it('a new account of a database without the demo must enrol before it changes its password', async () => {
    t = await createTestApp({ seed: false, now: NOW })
    expect(await securitySettings(t.db).secondFactorMode()).toBe('privileged')
    await t.db.insert(users).values({ username: 'newoffice', displayName: '新同事', role: 'office', passwordHash: await hashPassword('Init#2026pw'), mustChangePassword: true })
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'newoffice', password: 'Init#2026pw' } })
    expect(res.json()).toMatchObject({ pendingFactor: 'enrol', mustChangePassword: true })
    const pending = cookieOf(res)!
    expect((await post('/api/auth/password', pending, { currentPassword: 'Init#2026pw', newPassword: 'Fresh#2026pw' })).statusCode).toBe(401)
    const { cookie } = await enrolFrom(pending)
    expect((await get('/api/dashboard/summary?year=2025', cookie)).statusCode).toBe(403)
    expect((await post('/api/auth/password', cookie, { currentPassword: 'Init#2026pw', newPassword: 'Fresh#2026pw' })).statusCode).toBe(200)
  })

  it('after the security admin resets the factor, the next login enrols again when the role needs it, or uses the password alone', async () => {
    await fresh()
    const office = await enrolled('office')
    await enrolled('leader')
    await setMode('privileged')
    await t.sql.run("update users set totp_secret = null, totp_pending_secret = null, totp_last_step = null, recovery_codes = '[]' where username in ('office', 'leader')")
    const { cookie, body } = await passwordLogin('office')
    expect(body.pendingFactor).toBe('enrol')
    const again = await enrolFrom(cookie)
    expect(again.secret).not.toBe(office.secret)
    expect((await passwordLogin('leader')).body).toMatchObject({ pendingFactor: null, totpEnrolled: false })
  })
})

describe('login with the second factor', () => {
  it('a pending session reaches nothing until a right code; the code completes the login under a new token', async () => {
    await fresh()
    const { secret } = await enrolled('office')
    const { cookie, body } = await passwordLogin('office')
    expect(body).toMatchObject({ pendingFactor: 'verify', totpEnrolled: true })
    expect((await get('/api/dashboard/summary?year=2025', cookie)).statusCode).toBe(401)
    expect((await post('/api/auth/totp/enrolment', cookie, undefined)).statusCode).toBe(401)
    expect((await get('/api/auth/me', cookie)).json()).toMatchObject({ pendingFactor: 'verify' })

    // One step of clock drift is accepted.
    const res = await post('/api/auth/totp/verify', cookie, { code: codeAt(secret, new Date(NOW.getTime() + STEP_MS)) })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ username: 'office', pendingFactor: null, totpEnrolled: true })
    const full = cookieOf(res)!
    expect(full).not.toBe(cookie)
    expect(res.json().csrfToken).toBe(withCsrf(full)['x-csrf-token'])
    expect((await get('/api/auth/me', cookie)).statusCode).toBe(401)
    expect((await get('/api/dashboard/summary?year=2025', full)).statusCode).toBe(200)
    // A full session has nothing to verify.
    expect((await post('/api/auth/totp/verify', full, { code: codeAt(secret, NOW) })).statusCode).toBe(409)
    expect((await auditRows('login.second-factor', 'office')).map((r) => [r.success, r.after!.method])).toEqual([[1, 'totp']])
  })

  it('never accepts a code of a step already used, nor an older one', async () => {
    await fresh()
    const { secret } = await enrolled('office')
    // The enrolment used NOW's step.
    const first = await passwordLogin('office')
    expect((await post('/api/auth/totp/verify', first.cookie, { code: codeAt(secret, NOW) })).statusCode).toBe(400)
    expect((await post('/api/auth/totp/verify', first.cookie, { code: codeAt(secret, new Date(NOW.getTime() - STEP_MS)) })).statusCode).toBe(400)
    t.setNow(new Date(NOW.getTime() + STEP_MS))
    const next = codeAt(secret, new Date(NOW.getTime() + STEP_MS))
    expect((await post('/api/auth/totp/verify', first.cookie, { code: next })).statusCode).toBe(200)
    const second = await passwordLogin('office')
    expect((await post('/api/auth/totp/verify', second.cookie, { code: next })).statusCode).toBe(400)
    expect((await userRow('office')).failed_logins).toBe(1)
  })

  it('one code sent from five pending sessions at once completes exactly one login', async () => {
    await fresh()
    const { secret } = await enrolled('office')
    t.setNow(new Date(NOW.getTime() + STEP_MS))
    const code = codeAt(secret, new Date(NOW.getTime() + STEP_MS))
    const sessions = await Promise.all(Array.from({ length: 5 }, () => passwordLogin('office')))
    const results = await Promise.all(sessions.map(({ cookie }) => post('/api/auth/totp/verify', cookie, { code })))
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 400, 400, 400, 400])
  })

  it('wrong codes count with the passwords: the fifth locks the account (423) and ends that session', async () => {
    await fresh()
    const { secret } = await enrolled('office')
    const { cookie } = await passwordLogin('office')
    const wrong = wrongCode(secret, NOW)
    for (let i = 1; i <= 4; i++) expect((await post('/api/auth/totp/verify', cookie, { code: wrong })).statusCode).toBe(400)
    const fifth = await post('/api/auth/totp/verify', cookie, { code: wrong })
    expect(fifth.statusCode).toBe(423)
    expect(fifth.json().message).toContain('账户已锁定')
    expect((await get('/api/auth/me', cookie)).statusCode).toBe(401)
    expect((await auditRows('lockout', 'office'))[0].after!.endedSessions).toHaveLength(1)
    const again = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'office', password: DEMO_PASSWORD } })
    expect(again.statusCode).toBe(423)
    expect(await auditRows('lockout', 'office')).toHaveLength(1)
  })

  it('the right password does not reset the count of wrong codes: logging in again between guesses still locks', async () => {
    await fresh()
    const { secret } = await enrolled('office')
    const wrong = wrongCode(secret, NOW)
    const { cookie: spare } = await passwordLogin('office')
    let lockedInRound: number | null = null
    for (let round = 1; round <= 10 && lockedInRound === null; round++) {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'office', password: DEMO_PASSWORD } })
      if (res.statusCode === 423) lockedInRound = round
      else {
        expect(res.statusCode, res.body).toBe(200)
        const pending = cookieOf(res)!
        for (let i = 0; i < 4 && lockedInRound === null; i++) {
          const code = (await post('/api/auth/totp/verify', pending, { code: wrong })).statusCode
          if (code === 423) lockedInRound = round
          else expect(code).toBe(400)
        }
      }
    }
    expect(lockedInRound).toBe(2)
    expect(await auditRows('lockout', 'office')).toHaveLength(1)
    // Locked: the right password is refused, and the right code too, from a pending session the lockout did not end.
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'office', password: DEMO_PASSWORD } })).statusCode).toBe(423)
    expect((await get('/api/auth/me', spare)).statusCode).toBe(200)
    t.setNow(new Date(NOW.getTime() + STEP_MS))
    expect((await post('/api/auth/totp/verify', spare, { code: codeAt(secret, new Date(NOW.getTime() + STEP_MS)) })).statusCode).toBe(423)
  })

  it('several pending logins with the right password lock nothing: each gives its attempt back', async () => {
    await fresh()
    const { secret } = await enrolled('office')
    for (let i = 0; i < 6; i++) await passwordLogin('office')
    expect(await userRow('office')).toMatchObject({ failed_logins: 0, locked_until: null })
    const { cookie } = await passwordLogin('office')
    t.setNow(new Date(NOW.getTime() + STEP_MS))
    expect((await post('/api/auth/totp/verify', cookie, { code: codeAt(secret, new Date(NOW.getTime() + STEP_MS)) })).statusCode).toBe(200)
  })

  it('ten wrong codes at once are checked at most five times', async () => {
    await fresh()
    const { secret } = await enrolled('office')
    const { cookie } = await passwordLogin('office')
    const wrong = wrongCode(secret, NOW)
    const results = await Promise.all(Array.from({ length: 10 }, () => post('/api/auth/totp/verify', cookie, { code: wrong })))
    const codes = results.map((r) => r.statusCode)
    expect(codes.filter((c) => c === 400)).toHaveLength(4)
    expect(codes.filter((c) => c === 423).length).toBeGreaterThanOrEqual(1)
    expect(codes.every((c) => c === 400 || c === 423 || c === 401)).toBe(true)
    const checked = (await auditRows('login.second-factor', 'office')).filter((r) => r.success === 0 && r.after!.reason !== 'locked')
    expect(checked).toHaveLength(5)
    expect((await userRow('office')).locked_until).not.toBeNull()
    // Even the right code is refused now.
    expect((await post('/api/auth/totp/verify', cookie, { code: codeAt(secret, new Date(NOW.getTime() + STEP_MS)) })).statusCode).not.toBe(200)
  })

  it('a recovery code completes a login once, however it is typed, and the audit row says how many remain', async () => {
    await fresh()
    const { recoveryCodes } = await enrolled('office')
    const first = await passwordLogin('office')
    const typed = ` ${recoveryCodes[3].toUpperCase().replace('-', ' ')} `
    const used = await post('/api/auth/totp/verify', first.cookie, { code: typed })
    expect(used.statusCode, used.body).toBe(200)
    expect((await userRow('office')).recovery_codes).toHaveLength(RECOVERY_CODE_COUNT - 1)
    expect((await auditRows('login.second-factor', 'office')).at(-1)!.after).toMatchObject({ method: 'recovery code', remaining: RECOVERY_CODE_COUNT - 1 })

    const second = await passwordLogin('office')
    expect((await post('/api/auth/totp/verify', second.cookie, { code: recoveryCodes[3] })).statusCode).toBe(400)
    expect((await post('/api/auth/totp/verify', second.cookie, { code: recoveryCodes[4] })).statusCode).toBe(200)
    expect((await userRow('office')).recovery_codes).toHaveLength(RECOVERY_CODE_COUNT - 2)
  })
})

describe('the rate limit of the credential routes', () => {
  it('login, password change and the second factor share one limit per client address', async () => {
    t = await createTestApp({ template, now: NOW, loginRateLimit: 3 })
    const secret = new Secret({ size: 20 }).base32
    await t.sql.run("update users set totp_secret = ? where username = 'office'", [secret])
    const first = await passwordLogin('office')
    const { cookie } = await passwordLogin('office')
    expect(first.body.pendingFactor).toBe('verify')
    const wrong = wrongCode(secret, NOW)
    expect((await post('/api/auth/totp/verify', cookie, { code: wrong })).statusCode).toBe(400)
    const fourth = await post('/api/auth/totp/verify', cookie, { code: codeAt(secret, NOW) })
    expect(fourth.statusCode).toBe(429)
    expect(fourth.json().message).toMatch(/请求过于频繁/)
    expect(await t.sql.get("select cast(count(*) as integer) as n from audit_events where action = 'rate-limited'")).toEqual({ n: 1 })
  })

  it('a new QR code counts against it as well', async () => {
    t = await createTestApp({ template, now: NOW, loginRateLimit: 3 })
    const { cookie } = await passwordLogin('leader')
    const codes: number[] = []
    for (let i = 0; i < 3; i++) codes.push((await post('/api/auth/totp/enrolment', cookie, undefined)).statusCode)
    expect(codes).toEqual([200, 200, 429])
    expect(await auditRows('totp.enrolment', 'leader')).toHaveLength(2)
  })
})

describe('the session limit with a second factor', () => {
  it('a password alone logs nobody out: the pending login ends no session, the completed one ends the older session and names it', async () => {
    await fresh()
    const { secret, cookie: owner } = await enrolled('kjj')
    expect((await get('/api/auth/me', owner)).statusCode).toBe(200)
    // Someone with the password only: the owner's session lives on.
    const { cookie: pending, body } = await passwordLogin('kjj')
    expect(body.pendingFactor).toBe('verify')
    expect((await get('/api/auth/me', owner)).statusCode).toBe(200)
    expect((await get('/api/dashboard/summary?year=2025', pending)).statusCode).toBe(401)
    // Completing the login with the factor applies the limit of one session per account.
    t.setNow(new Date(NOW.getTime() + STEP_MS))
    const done = await post('/api/auth/totp/verify', pending, { code: codeAt(secret, new Date(NOW.getTime() + STEP_MS)) })
    expect(done.statusCode, done.body).toBe(200)
    expect((await get('/api/auth/me', owner)).statusCode).toBe(401)
    expect((await get('/api/auth/me', cookieOf(done)!)).statusCode).toBe(200)
    const after = (await auditRows('login.second-factor', 'kjj')).at(-1)!.after!
    expect(after.endedSessions).toHaveLength(1)
  })
})

describe('the county setting', () => {
  it('mode off (the demo): the office logs in with the password alone', async () => {
    await fresh()
    expect((await passwordLogin('office')).body).toMatchObject({ pendingFactor: null })
    expect((await passwordLogin('kjj')).body).toMatchObject({ pendingFactor: null })
  })

  it('mode privileged: office and the three administrators enrol, leader and bureau do not; mode all: a bureau account must enrol', async () => {
    await fresh()
    const secadmin = await login(t.app, 'secadmin')
    await setMode('privileged', secadmin)
    for (const username of ['office', 'sysadmin', 'secadmin', 'auditor']) expect((await passwordLogin(username)).body.pendingFactor, username).toBe('enrol')
    for (const username of ['leader', 'kjj']) expect((await passwordLogin(username)).body.pendingFactor, username).toBe(null)
    // The stricter mode ended the security admin's own session: the office, enrolled now, raises it further.
    expect((await get('/api/auth/me', secadmin)).statusCode).toBe(401)
    const office = await enrolFrom((await passwordLogin('office')).cookie)
    await setMode('all', office.cookie)
    const { cookie, body } = await passwordLogin('kjj')
    expect(body.pendingFactor).toBe('enrol')
    expect((await get('/api/submissions?year=2026&bureauId=1', cookie)).statusCode).toBe(401)
    const { cookie: full } = await enrolFrom(cookie)
    expect((await get('/api/auth/me', full)).json()).toMatchObject({ username: 'kjj', pendingFactor: null })
  })

  it('office and security admin read and change it (audited with before and after); the others are refused; a bad mode changes nothing', async () => {
    await fresh()
    const office = await login(t.app, 'office')
    expect((await get('/api/security/settings', office)).json()).toEqual({ secondFactor: 'off' })
    for (const username of ['leader', 'kjj', 'sysadmin', 'auditor']) {
      const cookie = await login(t.app, username)
      expect((await get('/api/security/settings', cookie)).statusCode, username).toBe(403)
      const put = await t.app.inject({ method: 'PUT', url: '/api/security/settings', headers: withCsrf(cookie), payload: { secondFactor: 'all' } })
      expect(put.statusCode, username).toBe(403)
    }
    const bad = await t.app.inject({ method: 'PUT', url: '/api/security/settings', headers: withCsrf(office), payload: { secondFactor: 'sometimes' } })
    expect(bad.statusCode).toBe(400)
    expect(await securitySettings(t.db).secondFactorMode()).toBe('off')

    const secadmin = await login(t.app, 'secadmin')
    const put = await t.app.inject({ method: 'PUT', url: '/api/security/settings', headers: withCsrf(secadmin), payload: { secondFactor: 'all' } })
    expect(put.statusCode, put.body).toBe(200)
    expect(put.json()).toEqual({ secondFactor: 'all' })
    expect(await securitySettings(t.db).secondFactorMode()).toBe('all')
    // None of the six logged-in accounts has a second factor: their sessions ended with the change.
    expect((await get('/api/auth/me', office)).statusCode).toBe(401)
    expect((await auditRows('security.settings', 'secadmin')).map((r) => [r.success, r.before, r.after])).toEqual([
      [1, { secondFactor: 'off' }, { secondFactor: 'all', endedSessions: 6 }],
    ])
  })

  it('the office may only raise the requirement; lowering it is the security admin’s (403, nothing changes)', async () => {
    await fresh()
    // Enrolled first, so that raising the requirement leaves the office its session.
    const { cookie: office } = await enrolled('office')
    const put = (cookie: string, secondFactor: SecondFactorMode) =>
      t.app.inject({ method: 'PUT', url: '/api/security/settings', headers: withCsrf(cookie), payload: { secondFactor } })
    expect((await put(office, 'privileged')).statusCode).toBe(200)
    expect((await put(office, 'all')).statusCode).toBe(200)
    for (const lower of ['privileged', 'off'] as const) {
      const refused = await put(office, lower)
      expect(refused.statusCode, lower).toBe(403)
      expect(refused.json().message).toBe('只有安全保密管理员可以降低双因素认证要求；依法治县办只能提高要求')
      expect(await securitySettings(t.db).secondFactorMode()).toBe('all')
    }
    expect(await auditRows('access.denied', 'office')).toHaveLength(2)
    // The security admin, enrolled too, lowers it step by step.
    const { cookie: secadmin } = await enrolled('secadmin')
    expect((await put(secadmin, 'privileged')).statusCode).toBe(200)
    expect((await put(secadmin, 'off')).statusCode).toBe(200)
    expect(await securitySettings(t.db).secondFactorMode()).toBe('off')
    // Setting the same level again is no lowering.
    expect((await put(office, 'off')).statusCode).toBe(200)
  })

  it('raising the requirement ends at once the live sessions of the accounts it now asks for a factor they lack', async () => {
    await fresh()
    const { cookie: office } = await enrolled('office')
    const sessions = Object.fromEntries(await Promise.all(['sysadmin', 'auditor', 'leader', 'kjj'].map(async (u) => [u, await login(t.app, u)] as const)))
    const live = async () => Object.fromEntries(await Promise.all(Object.entries(sessions).map(async ([u, c]) => [u, (await get('/api/auth/me', c)).statusCode] as const)))
    const raise = (secondFactor: SecondFactorMode) => t.app.inject({ method: 'PUT', url: '/api/security/settings', headers: withCsrf(office), payload: { secondFactor } })
    const ended = async () => (await auditRows('security.settings', 'office')).map((r) => r.after!.endedSessions as number | undefined)

    expect((await raise('privileged')).statusCode).toBe(200)
    expect(await live()).toEqual({ sysadmin: 401, auditor: 401, leader: 200, kjj: 200 })
    // The office has its factor: its session lives on.
    expect((await get('/api/auth/me', office)).statusCode).toBe(200)
    expect((await raise('all')).statusCode).toBe(200)
    expect(await live()).toEqual({ sysadmin: 401, auditor: 401, leader: 401, kjj: 401 })
    expect((await get('/api/auth/me', office)).statusCode).toBe(200)
    expect(await ended()).toEqual([2, 2])
    // Their next login sets the factor up.
    expect((await passwordLogin('kjj')).body.pendingFactor).toBe('enrol')
  })
})
