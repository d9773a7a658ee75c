import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, DEMO_PASSWORD, type TestContext } from '../../helpers/app'
import { jsonOf, truthOf } from '../../helpers/databases'

let t: TestContext
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

const attempt = (username: string, password: string) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } })

/** The password checks that ran: each failed one leaves a `login` row with reason 'password'. */
const passwordChecks = async (username: string) =>
  (await t.sql.column("select after from audit_events where action = 'login' and username = ?", [username])).filter(
    (after) => jsonOf<{ reason?: string } | null>(after)?.reason === 'password',
  ).length

describe('parallel wrong passwords', () => {
  it('20 at once on one account check at most five, lock it, and the right password then answers 423', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, () => attempt('jyj', 'wrong')))
    const codes = answers.map((r) => r.statusCode)
    expect(codes.filter((c) => c === 401).length).toBeLessThanOrEqual(4)
    expect(codes.filter((c) => c === 423).length).toBeGreaterThanOrEqual(16)
    expect(codes.every((c) => c === 401 || c === 423)).toBe(true)
    expect(await passwordChecks('jyj')).toBeLessThanOrEqual(5)
    expect(truthOf(await t.sql.value("select locked_until is not null as locked from users where username = 'jyj'"))).toBe(1)

    const right = await attempt('jyj', DEMO_PASSWORD)
    expect(right.statusCode).toBe(423)
    expect(right.cookies).toHaveLength(0)
  })

  it('20 at once on a username without an account lock it the same way', async () => {
    const codes = (await Promise.all(Array.from({ length: 20 }, () => attempt('nobody', 'wrong')))).map((r) => r.statusCode)
    expect(codes.filter((c) => c === 401).length).toBeLessThanOrEqual(4)
    expect(codes.filter((c) => c === 423).length).toBeGreaterThanOrEqual(16)
  })
})
