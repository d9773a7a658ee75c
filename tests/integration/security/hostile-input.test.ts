import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROUTE_ACCESS } from '../../../server/src/plugins/access'
import { openDatabase } from '../../../server/src/db/client'
import { createTestApp, DEMO_PASSWORD, isPg, login, withCsrf, type TestContext } from '../../helpers/app'
import { sqlOf } from '../../helpers/databases'
import { watchWrites, type WriteMarks } from '../../helpers/writes'

/**
 * Property-based: random and malformed JSON, query strings, path parameters and multipart bodies
 * sent to every mutating route are answered with 4xx, never 5xx, and change nothing in the database.
 */
const RUNS = 25
const SEED = 20261122

let t: TestContext
let headersFor: Record<string, Record<string, string>>
let writes: () => Promise<WriteMarks>
let real: { kjj: number; submission: number; ledger: number; rectification: number; leader: number }

// Logout takes no input and ends the caller's own session: nothing to attack, and it would log the test out.
const MUTATING = Object.keys(ROUTE_ACCESS).filter((k) => !k.startsWith('GET ') && k !== 'POST /api/auth/logout')
/** Who sends the hostile requests: the most privileged caller of each route, so authorisation does not hide a crash. */
const callerOf = (key: string) => {
  const access = ROUTE_ACCESS[key]
  if ('public' in access) return 'office'
  return access.roles.includes('office') ? 'office' : access.roles[0]
}

/** Fills the route's path parameters with ids of real rows, so the request reaches the handler. */
function realPath(key: string): string {
  const path = key.split(' ')[1]
  return path
    .replace(/\/ledgers\/([a-z-]+)\/:id/, (_m, type) => `/ledgers/${type}/${real.ledger}`)
    .replace('/submissions/:id', `/submissions/${real.submission}`)
    .replace('/rectifications/:id', `/rectifications/${real.rectification}`)
    .replace('/users/:id', `/users/${real.leader}`)
    .replace('/cycles/:year', '/cycles/2026')
    .replace(':sessionId', 'b'.repeat(64))
}

/** A path parameter that names no row: not a number, out of range, or too large to exist. */
const badParam = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom('0', '-1', '1.5', '1e3', 'NaN', 'Infinity', '%00', '..%2F..', '９', '99999999999999999999', ' 1', 'null'),
  fc.integer({ min: 1_000_000_000, max: Number.MAX_SAFE_INTEGER }).map(String),
)

/** Text that is not JSON, sent as application/json. */
const malformedJson = fc.oneof(
  fc.string({ minLength: 1 }).filter((s) => {
    try {
      JSON.parse(s)
      return false
    } catch {
      return true
    }
  }),
  fc.constantFrom('{', '{"a":', '[1,2', '{"year": 2026,}', "{'year': 2026}", '\u0000', '{"__proto__": {"x": 1}', 'undefined'),
)

beforeAll(async () => {
  t = await createTestApp()
  const one = async (query: string, params: unknown[] = []) => (await t.sql.value<number>(query, params))!
  const kjj = await one("select id from bureaus where code = 'kjj'")
  real = {
    kjj,
    submission: await one('select id from submissions where bureau_id = ? and year = 2026', [kjj]),
    ledger: await one('select max(id) as id from study_sessions where bureau_id = ? and year = 2026', [kjj]),
    rectification: await one("insert into rectification_items (bureau_id, year, problem, deadline) values (?, 2026, '台账不全', '2026-12-31') returning id", [kjj]),
    leader: await one("select id from users where username = 'leader'"),
  }
  headersFor = {}
  for (const user of new Set(MUTATING.map(callerOf))) {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user, password: DEMO_PASSWORD } })
    headersFor[user] = withCsrf(`sid=${res.cookies.find((c) => c.name === 'sid')!.value}`)
  }
  writes = await watchWrites(t.db)
}, 60_000)
afterAll(() => t.close())

async function assertRejectedAndUnchanged(send: () => Promise<{ statusCode: number; body: string }>) {
  const before = await writes()
  const res = await send()
  expect(res.statusCode, res.body.slice(0, 200)).toBeGreaterThanOrEqual(400)
  expect(res.statusCode, res.body.slice(0, 200)).toBeLessThan(500)
  // The caller is allowed: a 401 or 403 would mean the input never reached the route's own checks.
  expect([401, 403], res.body.slice(0, 200)).not.toContain(res.statusCode)
  expect(JSON.parse(res.body)).toMatchObject({ statusCode: res.statusCode, message: expect.any(String) })
  expect(await writes()).toEqual(before)
}

describe.each(MUTATING)('%s', (key) => {
  const method = key.split(' ')[0] as 'POST' | 'PUT' | 'DELETE'
  const headers = () => headersFor[callerOf(key)]

  it('answers malformed JSON with 4xx and writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(malformedJson, (body) =>
        assertRejectedAndUnchanged(() => t.app.inject({ method, url: realPath(key), payload: body, headers: { ...headers(), 'content-type': 'application/json' } })),
      ),
      { numRuns: RUNS, seed: SEED },
    )
  })

  if (key.includes(':'))
    it('answers a path parameter that names nothing with 4xx and writes nothing', async () => {
      await fc.assert(
        fc.asyncProperty(badParam, fc.jsonValue(), async (param, body) => {
          const url = key.split(' ')[1].replace(/:[a-zA-Z]+/g, encodeURIComponent(param))
          await assertRejectedAndUnchanged(() => t.app.inject({ method, url, payload: JSON.stringify(body), headers: { ...headers(), 'content-type': 'application/json' } }))
        }),
        { numRuns: RUNS, seed: SEED },
      )
    })

  it('answers random JSON bodies and query strings with 4xx and writes nothing', async () => {
    // Routes that take no body act on their path alone; for them a random query string is the input.
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 12 })), async (body, query) => {
        const search = new URLSearchParams({ ...query, year: 'x' + (query.year ?? '') }).toString()
        await assertRejectedAndUnchanged(() =>
          t.app.inject({ method, url: `${realPath(key)}?${search}`, payload: JSON.stringify(body), headers: { ...headers(), 'content-type': 'application/json' } }),
        )
      }),
      { numRuns: RUNS, seed: SEED },
    )
  })

  it('answers a broken multipart body with 4xx and writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), fc.string({ maxLength: 20 }), async (bytes, name) => {
        const boundary = 'xYz'
        const payload = Buffer.concat([
          Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name.replace(/["\r\n]/g, '')}.bin"\r\n\r\n`),
          Buffer.from(bytes),
        ])
        await assertRejectedAndUnchanged(() =>
          t.app.inject({ method, url: `${realPath(key)}?year=2026&bureauId=${real.kjj}`, payload, headers: { ...headers(), 'content-type': `multipart/form-data; boundary=${boundary}` } }),
        )
      }),
      { numRuns: RUNS, seed: SEED },
    )
  })
})

// Last in the file: these write on purpose, after every hostile request has been sent.
describe('the write check', () => {
  it('sees a request that writes', async () => {
    const headers = withCsrf(await login(t.app, 'kjj'))
    const payload = { date: '2026-04-01', topic: '学习民法典', form: '集体学法', participants: 20, year: 2026, bureauId: real.kjj }
    const before = await writes()
    const res = await t.app.inject({ method: 'POST', url: '/api/ledgers/study-sessions', headers, payload })
    expect(res.statusCode, res.body).toBe(201)
    expect((await writes()).rows).toBeGreaterThan(before.rows)
  })

  it('sees rows written to a table created after it started watching, which no trigger counts', async () => {
    const before = await writes()
    await t.sql.exec('create table written_later (x integer); insert into written_later values (1)')
    const after = await writes()
    await t.sql.exec('drop table written_later')
    expect(after.rows).toBe(before.rows)
    expect(after.schema).not.toBe(before.schema)
  })

  // SQLite's triggers are the watched connection's own: its data_version sees the other's commit.
  // PostgreSQL's fire for every connection: the rows count it, and otherConnections stays 0.
  it('sees a change another connection commits', async () => {
    const other = openDatabase(t.dbUrl)
    const before = await writes()
    try {
      await sqlOf(other).run('update rectification_items set problem = ? where id = ?', ['台账不全，已补齐', real.rectification])
    } finally {
      await other.connection.close()
    }
    const after = await writes()
    if (isPg) {
      expect(after.rows).toBeGreaterThan(before.rows)
      expect(after.otherConnections).toBe(0)
    } else {
      expect(after.rows).toBe(before.rows)
      expect(after.otherConnections).not.toBe(before.otherConnections)
    }
  })
})
