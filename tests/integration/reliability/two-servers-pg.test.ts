import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { DEMO_PASSWORD, isPg } from '../../helpers/app'
import { serverDatabase, type ServerDatabase } from '../../helpers/databases'
import { httpSession, startServerProcess, type ServerProcess } from '../../helpers/server-process'

/**
 * Two real app server processes on one PostgreSQL database (TEST_DB=pg), as behind a load balancer:
 * what one writes the other serves at once, the one-winner rule holds across them, and a server
 * killed with SIGKILL loses no save it acknowledged.
 */
const INDICATOR = 'publicity.new_media_posts'

type Call = Awaited<ReturnType<typeof httpSession>>
let servers: ServerProcess[] = []
let a: Call
let b: Call
let database: ServerDatabase
let bureauIds: number[]

const draft = async (call: Call, bureauId: number, year: number) => {
  const res = await call('POST', '/api/submissions', { year, bureauId })
  expect([200, 201]).toContain(res.status)
  return res.body as { id: number; version: number }
}
const save = (call: Call, id: number, version: number, value: number) => call('PUT', `/api/submissions/${id}`, { version, values: [{ indicator: INDICATOR, value }] })
const storedValue = (body: { values: { indicator: string; value: number | null }[] }) => body.values.find((v) => v.indicator === INDICATOR)?.value ?? null

describe.skipIf(!isPg)('two app servers on one PostgreSQL database', () => {
  beforeAll(async () => {
    database = await serverDatabase(inject('databases').prefix)
    const env = {
      ...database.env,
      // Both start at once on the empty database: one migrates and seeds the demo, the other waits for it (the start-up lock).
      DEMO_SEED: 'true',
      DEMO_PASSWORD,
      AUDIT_HMAC_KEY: 'two-servers-test',
      LOGIN_RATE_LIMIT: '1000',
      // The office is logged in on both servers.
      MAX_SESSIONS_PER_USER: '5',
    }
    servers = await Promise.all([startServerProcess(env, { startTimeoutMs: 120_000 }), startServerProcess(env, { startTimeoutMs: 120_000 })])
    a = await httpSession(servers[0].baseUrl, 'office', DEMO_PASSWORD)
    b = await httpSession(servers[1].baseUrl, 'office', DEMO_PASSWORD)
    bureauIds = ((await b('GET', '/api/bureaus')).body as { id: number }[]).map((x) => x.id)
    expect(bureauIds.length).toBeGreaterThan(10)
    expect((await b('POST', '/api/cycles', { year: 2027 })).status).toBe(201)
  }, 240_000)

  afterAll(async () => {
    await Promise.all(servers.filter((s) => s.child.exitCode === null && s.child.signalCode === null).map((s) => s.stop()))
    await database?.dispose()
  })

  it('a save through server A is visible through server B at once', async () => {
    const sub = await draft(a, bureauIds[0], 2027)
    const saved = await save(a, sub.id, sub.version, 4242)
    expect(saved.status).toBe(200)
    const detail = await b('GET', `/api/submissions/${sub.id}`)
    expect(detail.status).toBe(200)
    expect(storedValue(detail.body)).toBe(4242)
    expect(detail.body.version).toBe(saved.body.version)
    const list = (await b('GET', '/api/submissions?year=2027')).body as { id: number; version: number }[]
    expect(list.find((row) => row.id === sub.id)?.version).toBe(saved.body.version)
  })

  it('50 parallel saves of one version spread over both servers: exactly one 200, the rest 409', async () => {
    const sub = await draft(b, bureauIds[1], 2027)
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => save(i % 2 ? b : a, sub.id, sub.version, 1000 + i)))
    const winners = results.filter((r) => r.status === 200)
    expect(winners).toHaveLength(1)
    expect(results.filter((r) => r.status === 409)).toHaveLength(49)
    for (const call of [a, b]) {
      const after = (await call('GET', `/api/submissions/${sub.id}`)).body
      expect(storedValue(after)).toBe(storedValue(winners[0].body))
      expect(after.version).toBe(sub.version + 1)
    }
  })

  it('SIGKILL of server A loses no save it acknowledged; B keeps serving', async () => {
    const subs = await Promise.all(bureauIds.map((id) => draft(a, id, 2026)))
    const acked = new Map<number, number>()
    const attempted = new Map<number, number>()
    let sent = 0
    let ackedByA = 0
    let ackedByBAfterKill = 0
    let killed = false
    const [serverA] = servers
    const kill = () => {
      killed = true
      serverA.child.kill('SIGKILL')
    }

    // One chain of saves per submission, half of them through A, half through B; each save writes its sequence number.
    const chains = subs.map(async (s, i) => {
      const call = i % 2 ? b : a
      let version = (await call('GET', `/api/submissions/${s.id}`)).body.version as number
      for (let seq = 1; sent < 300; seq++) {
        sent++
        attempted.set(s.id, seq)
        if (ackedByA >= 60 && !killed) kill()
        const afterKill = killed
        let res
        try {
          res = await save(call, s.id, version, seq)
        } catch {
          return // the connection died with server A
        }
        if (res.status !== 200) return
        acked.set(s.id, seq)
        if (call === a) ackedByA++
        else if (afterKill) ackedByBAfterKill++
        version = res.body.version
      }
    })
    await Promise.all(chains)
    if (!killed) kill()
    await serverA.exited
    expect(ackedByA).toBeGreaterThanOrEqual(60)
    expect(ackedByBAfterKill).toBeGreaterThan(0)

    for (const [id, seq] of acked) {
      const value = storedValue((await b('GET', `/api/submissions/${id}`)).body)
      // The acknowledged save is there, or a later one that was committed before the kill.
      expect(value, `submission ${id}`).toBeGreaterThanOrEqual(seq)
      expect(value).toBeLessThanOrEqual(attempted.get(id)!)
    }
  }, 120_000)
})
