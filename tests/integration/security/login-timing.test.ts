import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { UNKNOWN_USERNAME_ROWS } from '../../../server/src/features/auth/attempts'
import { decoyPasswordHash } from '../../../server/src/features/auth/passwords'
import { createTestApp, type TestContext } from '../../helpers/app'
import { watchWrites, type WriteMarks } from '../../helpers/writes'

// Timing itself is measured by the bench (server/bench/login-timing.ts), never asserted here: this
// checks that the three ways a wrong password can fail do the same work.
let t: TestContext
let marks: () => Promise<WriteMarks>
beforeAll(async () => {
  t = await createTestApp()
  await t.sql.run("update users set active = false where username = 'tjj'")
  marks = await watchWrites(t.db)
})
afterAll(() => t.close())

const sql = () => t.sql
const auditRows = async () => (await sql().get('select cast(count(*) as integer) as n from audit_events') as { n: number }).n

/** What one wrong-password login writes: rows written to every table but the audit log and the sessions, audit rows appended. */
async function workOf(username: string) {
  const [before, audits] = [await marks(), await auditRows()]
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'wrong' } })
  expect(res.statusCode).toBe(401)
  return { rows: (await marks()).rows - before.rows, auditRows: await auditRows() - audits }
}

describe('a wrong password costs the same whether or not the account exists', () => {
  it('an active account, an inactive one and an unknown username each reserve one attempt and append one audit row', async () => {
    const known = await workOf('kjj')
    expect(known).toEqual({ rows: 1, auditRows: 1 })
    expect(await workOf('tjj')).toEqual(known)
    expect(await workOf('nobody')).toEqual(known)
    expect(await sql().get("select failed_logins from login_throttles where username = 'nobody'")).toEqual({ failed_logins: 1 })
  })

  it('the decoy hash an unknown username is checked against has the stored hashes’ argon2 parameters', async () => {
    const params = (hash: string) => hash.split('$').slice(1, 4).join('$')
    const stored = (await sql().get("select password_hash from users where username = 'kjj'") as { password_hash: string }).password_hash
    expect(params(await decoyPasswordHash())).toMatch(/^argon2id\$v=19\$m=\d+,t=\d+,p=\d+$/)
    expect(params(await decoyPasswordHash())).toBe(params(stored))
  })

  it('an unknown username locks at the fifth failure with the account’s message, and is forgotten after a day', async () => {
    const attempt = (username: string) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'wrong' } })
    const start = new Date('2026-11-22T02:00:00Z')
    t.setNow(start)
    const known: Awaited<ReturnType<typeof attempt>>[] = []
    const unknown: typeof known = []
    for (let i = 0; i < 6; i++) {
      known.push(await attempt('czj'))
      unknown.push(await attempt('ghost'))
    }
    expect(unknown.map((r) => r.statusCode)).toEqual(known.map((r) => r.statusCode))
    expect(unknown.at(-1)!.json().message).toBe(known.at(-1)!.json().message)
    expect(await sql().get("select cast(count(*) as integer) as n from audit_events where action = 'lockout' and username = 'ghost'")).toEqual({ n: 1 })

    t.setNow(new Date(start.getTime() + 25 * 60 * 60_000))
    await attempt('another')
    expect(await sql().all("select username from login_throttles where username in ('ghost', 'another')")).toEqual([{ username: 'another' }])
    t.setNow(new Date())
  })

  it('keeps at most UNKNOWN_USERNAME_ROWS usernames: the least recently tried go first', async () => {
    await sql().run('delete from login_throttles')
    const base = Date.now() - 60 * 60_000
    await sql().transaction(async () => {
      for (let i = 0; i < UNKNOWN_USERNAME_ROWS; i++)
        await sql().run('insert into login_throttles (username, failed_logins, last_attempt_at) values (?, 1, ?)', [`filler${i}`, new Date(base + i).toISOString()])
    })
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'newcomer', password: 'wrong' } })).statusCode).toBe(401)
    expect(await sql().get('select cast(count(*) as integer) as n from login_throttles')).toEqual({ n: UNKNOWN_USERNAME_ROWS })
    expect(await sql().all("select username from login_throttles where username in ('filler0', 'filler1', 'newcomer')")).toEqual([{ username: 'filler1' }, { username: 'newcomer' }])
  })
})
