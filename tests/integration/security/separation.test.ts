import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { ROLE_LABELS, type AdminUser, type AuditEvent } from '@fazhi/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROUTE_ACCESS } from '../../../server/src/plugins/access'
import { createTestApp, isPg, DEMO_PASSWORD, login, withCsrf, type TestContext } from '../../helpers/app'
import { jsonOf, truthOf } from '../../helpers/databases'

/**
 * 三员分立 (issue 16, item 6): the sysadmin creates accounts but cannot give them rights, the
 * 安全保密管理员 grants them but never to itself, the auditor reads both of their actions, and no
 * one takes away the last holder of an administrator role.
 */

let t: TestContext
/** The session cookies of the demo's administrators and the office. */
const as: Record<string, string> = {}
beforeAll(async () => {
  // The administrators' sessions are kept for the whole file while some tests log the same account
  // in again: the one-session rule has its own tests (sessions-limit.test.ts).
  t = await createTestApp({ maxSessionsPerUser: 5 })
  for (const who of ['sysadmin', 'secadmin', 'auditor', 'office']) as[who] = await login(t.app, who)
})
afterAll(() => t.close())

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE'
const call = (who: string, method: Method, url: string, payload?: object) =>
  t.app.inject({ method, url, payload, headers: method === 'GET' ? { cookie: as[who] } : withCsrf(as[who]) })
const idOf = async (username: string) => (await t.sql.get('select id from users where username = ?', [username]) as { id: number }).id
const row = async (id: number) => {
  const r = (await t.sql.get('select role, bureau_id as "bureauId", active, version from users where id = ?', [id])) as { role: string | null; bureauId: number | null; active: unknown; version: number }
  return { ...r, active: truthOf(r.active) }
}
const sessionsOf = async (id: number) => (await t.sql.get('select cast(count(*) as integer) as n from sessions where user_id = ?', [id]) as { n: number }).n
const attempt = (username: string, password: string) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } })
const versionOf = async (id: number) => (await row(id)).version

/** A new account created by the sysadmin, with its initial password. */
async function created(username: string) {
  const res = await call('sysadmin', 'POST', '/api/users', { username, displayName: `新账户${username}`, password: 'Init#2026pw' })
  expect(res.statusCode, res.body).toBe(201)
  return res.json() as AdminUser
}
const grant = async (who: string, id: number, role: string | null, bureauId: number | null = null) =>
  call(who, 'PUT', `/api/users/${id}/role`, { role, bureauId, version: await versionOf(id) })

describe('an account from its creation to its first approval', () => {
  it('is created without a role, cannot log in until the 安全保密管理员 grants one, then works', async () => {
    // A role in the body is not the sysadmin's to give: the account is created without one.
    const res = await call('sysadmin', 'POST', '/api/users', { username: 'newoffice', displayName: '新同事', password: 'Init#2026pw', role: 'office' })
    expect(res.statusCode, res.body).toBe(201)
    const account = res.json() as AdminUser
    expect(account).toMatchObject({ role: null, bureauId: null, mustChangePassword: true, hasSecondFactor: false })

    // The sysadmin cannot grant it: neither on the role route nor through the account edit.
    expect((await grant('sysadmin', account.id, 'office')).statusCode).toBe(403)
    expect((await call('sysadmin', 'PUT', `/api/users/${account.id}`, { role: 'office', version: 1 })).statusCode).toBe(400)
    expect(await row(account.id)).toMatchObject({ role: null, version: 1 })

    const refused = await attempt('newoffice', 'Init#2026pw')
    expect(refused.statusCode).toBe(403)
    expect(refused.json().message).toContain('尚未授予角色')
    expect(refused.cookies).toHaveLength(0)

    const granted = await grant('secadmin', account.id, 'office')
    expect(granted.statusCode, granted.body).toBe(200)
    expect(granted.json()).toMatchObject({ role: 'office', version: 2 })

    const cookie = await login(t.app, 'newoffice', 'Init#2026pw')
    const changed = await t.app.inject({ method: 'POST', url: '/api/auth/password', headers: withCsrf(cookie), payload: { currentPassword: 'Init#2026pw', newPassword: 'Office#2026ok' } })
    expect(changed.statusCode).toBe(200)
    const submission = await t.sql.get("select id from submissions where status = 'submitted' order by id limit 1") as { id: number }
    const approved = await t.app.inject({ method: 'POST', url: `/api/submissions/${submission.id}/approve`, headers: withCsrf(cookie) })
    expect(approved.statusCode, approved.body).toBe(200)
  })

  it('a bureau account is bound to a bureau that exists; a bad grant changes nothing', async () => {
    const account = await created('newbureau')
    const kjj = (await t.sql.get("select id from bureaus where code = 'kjj'") as { id: number }).id
    const unbound = await grant('secadmin', account.id, 'bureau', null)
    expect(unbound.statusCode).toBe(400)
    expect(unbound.json().message).toContain('单位用户必须且只能绑定一个单位')
    expect((await grant('secadmin', account.id, 'office', kjj)).statusCode).toBe(400)
    const unknown = await grant('secadmin', account.id, 'bureau', 99_999)
    expect(unknown.statusCode).toBe(400)
    expect(unknown.json().message).toBe('单位不存在')
    expect(await row(account.id)).toEqual({ role: null, bureauId: null, active: 1, version: 1 })

    expect((await grant('secadmin', account.id, 'bureau', kjj)).statusCode).toBe(200)
    expect(await row(account.id)).toMatchObject({ role: 'bureau', bureauId: kjj })
    const stale = await call('secadmin', 'PUT', `/api/users/${account.id}/role`, { role: 'leader', bureauId: null, version: 1 })
    expect(stale.statusCode).toBe(409)
    expect(await row(account.id)).toMatchObject({ role: 'bureau', bureauId: kjj })
  })

  it('two parallel grants based on the same version: one wins, the other is 409', async () => {
    const account = await created('raced')
    // Both read the version first: read in each request's own time, the second could see the first's grant.
    const version = await versionOf(account.id)
    const results = await Promise.all(['leader', 'office'].map((role) => call('secadmin', 'PUT', `/api/users/${account.id}/role`, { role, bureauId: null, version })))
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409])
    const winner = results.find((r) => r.statusCode === 200)!.json() as AdminUser
    expect(await row(account.id)).toMatchObject({ role: winner.role, version: 2 })
  })

  it('a change of role ends the account’s sessions; a revoked account cannot log in', async () => {
    const account = await created('mover')
    await grant('secadmin', account.id, 'leader')
    const cookie = await login(t.app, 'mover', 'Init#2026pw')
    expect(await sessionsOf(account.id)).toBe(1)
    expect((await grant('secadmin', account.id, 'office')).statusCode).toBe(200)
    expect(await sessionsOf(account.id)).toBe(0)
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401)
    await login(t.app, 'mover', 'Init#2026pw')
    expect((await grant('secadmin', account.id, null)).statusCode).toBe(200)
    expect(await sessionsOf(account.id)).toBe(0)
    expect((await attempt('mover', 'Init#2026pw')).statusCode).toBe(403)
  })
})

describe('the sysadmin', () => {
  it('has no route to business data: every route it may call administers accounts or its own session', () => {
    const reachable = Object.entries(ROUTE_ACCESS)
      .filter(([, access]) => 'roles' in access && access.roles.includes('sysadmin'))
      .map(([key]) => key)
    expect(reachable.filter((key) => !/^(GET|POST|PUT|DELETE) \/api\/(users|sessions|auth)\b|^GET \/api\/(bureaus|regions)$/.test(key))).toEqual([])
  })

  it('cannot approve a submission', async () => {
    const submission = await t.sql.get("select id from submissions where status = 'submitted' order by id limit 1") as { id: number }
    expect((await call('sysadmin', 'POST', `/api/submissions/${submission.id}/approve`)).statusCode).toBe(403)
    expect(await t.sql.get('select status from submissions where id = ?', [submission.id])).toEqual({ status: 'submitted' })
  })

  it('cannot deactivate itself or reset its own password here', async () => {
    const me = await idOf('sysadmin')
    const deactivate = await call('sysadmin', 'PUT', `/api/users/${me}`, { active: false, version: await versionOf(me) })
    expect(deactivate.statusCode).toBe(403)
    expect(deactivate.json().message).toContain('不能停用自己的账户')
    expect((await call('sysadmin', 'POST', `/api/users/${me}/reset-password`, { password: 'Other#2026pw' })).statusCode).toBe(403)
    expect(await row(me)).toMatchObject({ active: 1 })
    expect((await attempt('sysadmin', DEMO_PASSWORD)).statusCode).toBe(200)
  })
})

describe('the sysadmin’s password reset', () => {
  const ADMIN_RESET_REFUSAL = '管理员账户的密码只能由运维人员在服务器上重置'
  const hashOf = async (id: number) => await t.sql.value('select password_hash from users where id = ?', [id])

  it('refuses an administrator’s account: the reviewer’s way to business rights stops at its first step', async () => {
    // The repro: reset secadmin's password, log in as secadmin, grant office to an account of its own.
    for (const username of ['secadmin', 'auditor']) {
      const id = await idOf(username)
      const before = await hashOf(id)
      const res = await call('sysadmin', 'POST', `/api/users/${id}/reset-password`, { password: 'Taken#2026pw' })
      expect(res.statusCode, username).toBe(403)
      expect(res.json().message).toBe(ADMIN_RESET_REFUSAL)
      expect(await hashOf(id)).toBe(before)
      expect((await attempt(username, 'Taken#2026pw')).statusCode).toBe(401)
    }
    // An account granted an administrator role since (one that has not enrolled a second factor yet) too.
    const account = await created('newauditor')
    expect((await grant('secadmin', account.id, 'auditor')).statusCode).toBe(200)
    const res = await call('sysadmin', 'POST', `/api/users/${account.id}/reset-password`, { password: 'Taken#2026pw' })
    expect(res.statusCode).toBe(403)
    expect(res.json().message).toBe(ADMIN_RESET_REFUSAL)
    expect((await grant('secadmin', account.id, null)).statusCode).toBe(200)
  })

  it('of a business account keeps its second factor, and it must change the password', async () => {
    const account = await created('withfactor')
    expect((await grant('secadmin', account.id, 'leader')).statusCode).toBe(200)
    await t.sql.run("update users set totp_secret = 'JBSWY3DPEHPK3PXP', recovery_codes = '[\"ab\"]', must_change_password = false where id = ?", [account.id])
    const res = await call('sysadmin', 'POST', `/api/users/${account.id}/reset-password`, { password: 'Reset#2026pw' })
    expect(res.statusCode, res.body).toBe(200)
    const factor = (await t.sql.get('select totp_secret as secret, recovery_codes as codes, must_change_password as must from users where id = ?', [account.id]))!
    expect({ ...factor, codes: jsonOf(factor.codes), must: truthOf(factor.must) }).toEqual({
      secret: 'JBSWY3DPEHPK3PXP',
      codes: ['ab'],
      must: 1,
    })
    // The password alone does not log in: the second factor is still asked for.
    const login = await attempt('withfactor', 'Reset#2026pw')
    expect(login.statusCode).toBe(200)
    expect(login.json()).toMatchObject({ pendingFactor: 'verify' })
  })

  it('racing a grant of an administrator role: never an administrator with the password the sysadmin set', async () => {
    const account = await created('racedadmin')
    const [reset, granted] = await Promise.all([
      call('sysadmin', 'POST', `/api/users/${account.id}/reset-password`, { password: 'Raced#2026pw' }),
      await grant('secadmin', account.id, 'auditor'),
    ])
    expect(granted.statusCode).toBe(200)
    const order = await t.sql.column("select action from audit_events where object_type = 'user' and object_id = ? and action in ('user.reset-password', 'user.role-change') and success = true order by id", [String(account.id)])
    // A reset that went through was written before the grant; otherwise it was refused.
    if (reset.statusCode === 200) expect(order).toEqual(['user.reset-password', 'user.role-change'])
    else {
      expect(reset.statusCode).toBe(403)
      expect(order).toEqual(['user.role-change'])
    }
    expect((await grant('secadmin', account.id, null)).statusCode).toBe(200)
  })
})

describe('the 安全保密管理员', () => {
  it('never acts on its own account: role, second factor, lock', async () => {
    const me = await idOf('secadmin')
    await t.sql.run("update users set totp_secret = 'JBSWY3DPEHPK3PXP' where id = ?", [me])
    try {
      for (const [method, url, payload] of [
        ['PUT', `/api/users/${me}/role`, { role: 'office', bureauId: null, version: await versionOf(me) }],
        ['PUT', `/api/users/${me}/role`, { role: 'secadmin', bureauId: null, version: await versionOf(me) }],
        ['POST', `/api/users/${me}/totp/reset`],
        ['POST', `/api/users/${me}/unlock`],
      ] as [Method, string, object?][]) {
        const res = await call('secadmin', method, url, payload)
        expect(res.statusCode, url).toBe(403)
        expect(res.json().message).toContain('请由另一名安全保密管理员操作')
      }
      expect(await t.sql.get('select role, totp_secret as secret, version from users where id = ?', [me])).toEqual({ role: 'secadmin', secret: 'JBSWY3DPEHPK3PXP', version: 1 })
    } finally {
      await t.sql.run('update users set totp_secret = null where id = ?', [me])
    }
  })

  it('may make another account a 安全保密管理员, which then acts on the first one', async () => {
    const account = await created('secadmin2')
    expect((await grant('secadmin', account.id, 'secadmin')).statusCode).toBe(200)
    as.secadmin2 = await login(t.app, 'secadmin2', 'Init#2026pw')
    await t.app.inject({ method: 'POST', url: '/api/auth/password', headers: withCsrf(as.secadmin2), payload: { currentPassword: 'Init#2026pw', newPassword: 'Second#2026ok' } })
    expect((await call('secadmin2', 'POST', `/api/users/${await idOf('secadmin')}/unlock`)).statusCode).toBe(200)
    // Back to one 安全保密管理员, so the last-holder rules below see the demo's county.
    expect((await grant('secadmin', account.id, null)).statusCode).toBe(200)
  })

  it('unlocks a locked account, which the sysadmin’s password reset does not', async () => {
    const id = await idOf('czj')
    for (let i = 0; i < 5; i++) await attempt('czj', 'wrong')
    expect((await attempt('czj', DEMO_PASSWORD)).statusCode).toBe(423)
    expect((await call('sysadmin', 'POST', `/api/users/${id}/reset-password`, { password: 'Reset#2026pw' })).statusCode).toBe(200)
    expect((await attempt('czj', 'Reset#2026pw')).statusCode).toBe(423)
    expect((await call('sysadmin', 'POST', `/api/users/${id}/unlock`)).statusCode).toBe(403)
    const listed = ((await call('secadmin', 'GET', '/api/users')).json() as AdminUser[]).find((u) => u.id === id)!
    expect(listed.lockedUntil).not.toBeNull()
    const res = await call('secadmin', 'POST', `/api/users/${id}/unlock`)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ lockedUntil: null })
    expect((await attempt('czj', 'Reset#2026pw')).statusCode).toBe(200)
  })

  it('resets a second factor: every TOTP column is cleared and the account’s sessions end', async () => {
    const id = await idOf('leader')
    const cookie = await login(t.app, 'leader')
    await t.sql.run("update users set totp_secret = 'JBSWY3DPEHPK3PXP', totp_pending_secret = 'KRSXG5DSNFXGOIDB', totp_last_step = 12345, recovery_codes = '[\"ab\"]' where id = ?", [id])
    expect(((await call('secadmin', 'GET', '/api/users')).json() as AdminUser[]).find((u) => u.id === id)!.hasSecondFactor).toBe(true)
    const res = await call('secadmin', 'POST', `/api/users/${id}/totp/reset`)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ hasSecondFactor: false })
    const factor = (await t.sql.get('select totp_secret, totp_pending_secret, totp_last_step, recovery_codes from users where id = ?', [id]))!
    expect({ ...factor, recovery_codes: jsonOf(factor.recovery_codes) }).toEqual({
      totp_secret: null,
      totp_pending_secret: null,
      totp_last_step: null,
      recovery_codes: [],
    })
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401)
    // The sysadmin cannot do it.
    expect((await call('sysadmin', 'POST', `/api/users/${id}/totp/reset`)).statusCode).toBe(403)
  })
})

describe('the last administrator of each kind', () => {
  // The sysadmin cannot deactivate itself and the 安全保密管理员 cannot change its own role (403): the rest is the last-holder rule (400).
  it.each([
    ['sysadmin', 403, 400],
    ['secadmin', 400, 403],
    ['auditor', 400, 400],
  ] as const)('the only active %s: deactivation %i, revocation %i, nothing changes', async (role, deactivation, revocation) => {
    const id = await idOf(role)
    const deactivate = await call('sysadmin', 'PUT', `/api/users/${id}`, { active: false, version: await versionOf(id) })
    expect(deactivate.statusCode).toBe(deactivation)
    const revoke = await grant('secadmin', id, 'office')
    expect(revoke.statusCode).toBe(revocation)
    for (const res of [deactivate, revoke].filter((r) => r.statusCode === 400)) expect(res.json().message).toContain(`是唯一启用的${ROLE_LABELS[role]}`)
    expect(await row(id)).toMatchObject({ role, active: 1 })
  })

  it('with two auditors, parallel deactivations of both leave one active', async () => {
    const second = await created('auditor2')
    expect((await grant('secadmin', second.id, 'auditor')).statusCode).toBe(200)
    const ids = [await idOf('auditor'), second.id]
    const results = await Promise.all(ids.map(async (id) => call('sysadmin', 'PUT', `/api/users/${id}`, { active: false, version: await versionOf(id) })))
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 400])
    const active = await t.sql.get("select cast(count(*) as integer) as n from users where role = 'auditor' and active = true")
    expect(active).toEqual({ n: 1 })
    // Reactivate the one deactivated, so the auditor of the demo reads the log below.
    const rows = await Promise.all(ids.map(row))
    const off = ids.find((_, i) => !rows[i].active)!
    expect((await call('sysadmin', 'PUT', `/api/users/${off}`, { active: true, version: await versionOf(off) })).statusCode).toBe(200)
    as.auditor = await login(t.app, 'auditor')
  })

  it('with two auditors, parallel revocations of both leave one', async () => {
    const ids = [await idOf('auditor'), await idOf('auditor2')]
    const results = await Promise.all(ids.map((id) => grant('secadmin', id, 'leader')))
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 400])
    expect(await t.sql.get("select cast(count(*) as integer) as n from users where role = 'auditor' and active = true")).toEqual({ n: 1 })
    const rows = await Promise.all(ids.map(row))
    const revoked = ids.find((_, i) => rows[i].role === 'leader')!
    expect((await grant('secadmin', revoked, 'auditor')).statusCode).toBe(200)
    as.auditor = await login(t.app, 'auditor')
  })
})

describe('the audit log', () => {
  it('records every administrator’s action with its actor, and the auditor reads them', async () => {
    const read = async (action: string) => {
      const res = await call('auditor', 'GET', `/api/audit?action=${action}&pageSize=500`)
      expect(res.statusCode).toBe(200)
      return (res.json() as { rows: AuditEvent[] }).rows
    }
    const byActor = (rows: AuditEvent[]) => new Set(rows.filter((r) => r.success).map((r) => r.username))
    expect(byActor(await read('user.create'))).toEqual(new Set(['sysadmin']))
    expect(byActor(await read('user.update'))).toEqual(new Set(['sysadmin']))
    expect(byActor(await read('user.role-change'))).toEqual(new Set(['secadmin']))
    expect(byActor(await read('user.unlock'))).toEqual(new Set(['secadmin', 'secadmin2']))
    expect(byActor(await read('user.totp-reset'))).toEqual(new Set(['secadmin']))

    const grantOfOffice = (await read('user.role-change')).find((r) => (r.after as AdminUser).username === 'newoffice')!
    expect(grantOfOffice).toMatchObject({ username: 'secadmin', objectType: 'user', objectId: String(await idOf('newoffice')) })
    expect((grantOfOffice.before as AdminUser).role).toBeNull()
    expect((grantOfOffice.after as AdminUser).role).toBe('office')
  })
})

describe('the operator’s command line', () => {
  const ROOT = path.resolve(import.meta.dirname, '../../..')
  const resetCli = (username: string, password: string) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'server/src/features/users/cli-reset-password.ts', '--username', username], {
      cwd: ROOT,
      encoding: 'utf8',
      input: `${password}\n`,
      env: { ...process.env, ...(isPg ? { DATABASE_URL: t.dbUrl } : { DB_PATH: t.dbPath }), AUDIT_HMAC_KEY: '' },
    })

  it('resets an administrator’s password (npm run user:reset-password), audited as cli, keeping its second factor', async () => {
    const id = await idOf('auditor')
    await t.sql.run("update users set totp_secret = 'JBSWY3DPEHPK3PXP' where id = ?", [id])
    const run = resetCli('auditor', 'Operator#2026pw')
    expect(run.status, run.stderr).toBe(0)
    expect(run.stdout).toContain('已重置用户 auditor（安全审计员）的密码')
    const factor = (await t.sql.get('select totp_secret as secret, must_change_password as must from users where id = ?', [id]))!
    expect({ ...factor, must: truthOf(factor.must) }).toEqual({ secret: 'JBSWY3DPEHPK3PXP', must: 1 })
    expect(await sessionsOf(id)).toBe(0)
    const audited = await t.sql.get("select username, user_id as \"userId\", object_id as \"objectId\", success from audit_events where action = 'user.reset-password' order by id desc limit 1")
    expect({ ...audited, success: truthOf(audited!.success) }).toEqual({ username: 'cli', userId: null, objectId: String(id), success: 1 })

    await t.sql.run('update users set totp_secret = null where id = ?', [id])
    expect((await attempt('auditor', DEMO_PASSWORD)).statusCode).toBe(401)
    const login = await attempt('auditor', 'Operator#2026pw')
    expect(login.statusCode).toBe(200)
    expect(login.json()).toMatchObject({ mustChangePassword: true })
  })

  it('refuses an unknown account or a weak password, and changes nothing', async () => {
    const unknown = resetCli('nobody', 'Operator#2026pw')
    expect(unknown.status).toBe(1)
    expect(unknown.stderr).toContain('未重置密码：用户 nobody 不存在')
    const before = await t.sql.value("select password_hash from users where username = 'office'")
    const weak = resetCli('office', 'short')
    expect(weak.status).toBe(1)
    expect(weak.stderr).toContain('未重置密码')
    expect(await t.sql.value("select password_hash from users where username = 'office'")).toBe(before)
  })
})
