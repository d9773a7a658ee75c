import fs from 'node:fs'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { restoreDatabase } from '../../../server/src/db/backup'
import { openDatabase } from '../../../server/src/db/client'
import { DEMO_PASSWORD, isPg } from '../../helpers/app'
import { serverDatabase, sqlOf, type ServerDatabase } from '../../helpers/databases'
import { httpSession, startServerProcess, type ServerProcess } from '../../helpers/server-process'

/**
 * Against the real server process over HTTP, on a new database of its own (a SQLite file, or with
 * TEST_DB=pg a PostgreSQL database): concurrent writers, and a SIGKILL in the middle of 300 saves.
 * Every save the server acknowledged must be there after a restart.
 */
const INDICATOR = 'publicity.new_media_posts'

let database: ServerDatabase
let env: Record<string, string>
let server: ServerProcess
let call: Awaited<ReturnType<typeof httpSession>>
let bureauIds: number[]

beforeAll(async () => {
  database = await serverDatabase(inject('databases').prefix)
  // The demo county seeded into the empty database (a PostgreSQL one gets it only when asked for).
  env = { ...database.env, DEMO_SEED: 'true', LOGIN_RATE_LIMIT: '1000', DEMO_PASSWORD }
  server = await startServerProcess(env)
  call = await httpSession(server.baseUrl, 'office', DEMO_PASSWORD)
  bureauIds = ((await call('GET', '/api/bureaus')).body as { id: number }[]).map((b) => b.id)
  expect((await call('POST', '/api/cycles', { year: 2027 })).status).toBe(201)
}, 120_000)

afterAll(async () => {
  if (server && server.child.exitCode === null) {
    server.child.kill('SIGTERM')
    await server.exited
  }
  await database?.dispose()
})

const draft = async (bureauId: number, year: number) => {
  const res = await call('POST', '/api/submissions', { year, bureauId })
  expect([200, 201]).toContain(res.status)
  return res.body as { id: number; version: number }
}
const save = (id: number, version: number, value: number) =>
  call('PUT', `/api/submissions/${id}`, { version, values: [{ indicator: INDICATOR, value }] })
const storedValue = (body: { values: { indicator: string; value: number | null }[] }) => body.values.find((v) => v.indicator === INDICATOR)?.value ?? null

describe('concurrent writers on the real server', () => {
  it('50 writers with the same version on one submission: exactly one wins, nothing else changes', async () => {
    const sub = await draft(bureauIds[0], 2027)
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => save(sub.id, sub.version, 1000 + i)))
    const winners = results.filter((r) => r.status === 200)
    expect(winners).toHaveLength(1)
    expect(results.filter((r) => r.status === 409)).toHaveLength(49)
    const after = (await call('GET', `/api/submissions/${sub.id}`)).body
    expect(storedValue(after)).toBe(storedValue(winners[0].body))
    expect(after.version).toBe(sub.version + 1)
  })

  it('50 writers on 50 different submissions all succeed', async () => {
    const subs = []
    for (const year of [2026, 2027]) for (const id of bureauIds) subs.push(await draft(id, year))
    const fifty = subs.slice(1, 51)
    const results = await Promise.all(fifty.map((s, i) => save(s.id, s.version, i)))
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(200))
    for (const [i, s] of fifty.entries()) expect(storedValue((await call('GET', `/api/submissions/${s.id}`)).body)).toBe(i)
  })
})

describe('SIGKILL in the middle of 300 saves', () => {
  it('keeps every acknowledged save and an intact database', async () => {
    const subs = await Promise.all(bureauIds.map((id) => draft(id, 2026)))
    const fresh = await Promise.all(subs.map(async (s) => (await call('GET', `/api/submissions/${s.id}`)).body as { id: number; version: number }))
    const acked = new Map<number, number>()
    const attempted = new Map<number, number>()
    let sent = 0
    let ackedCount = 0

    // One chain of saves per submission, all chains at once; each save writes its sequence number.
    const chains = fresh.map(async (s) => {
      let version = s.version
      for (let seq = 1; sent < 300; seq++) {
        sent++
        attempted.set(s.id, seq)
        if (ackedCount >= 150 && server.child.exitCode === null) server.child.kill('SIGKILL')
        let res
        try {
          res = await save(s.id, version, seq)
        } catch {
          return // the connection died with the server
        }
        if (res.status !== 200) return
        acked.set(s.id, seq)
        ackedCount++
        version = res.body.version
      }
    })
    await Promise.all(chains)
    if (server.child.exitCode === null) server.child.kill('SIGKILL')
    await server.exited
    expect(ackedCount).toBeGreaterThanOrEqual(150)
    expect(ackedCount).toBeLessThan(300)

    server = await startServerProcess(env)
    call = await httpSession(server.baseUrl, 'office', DEMO_PASSWORD)
    for (const [id, seq] of acked) {
      const value = storedValue((await call('GET', `/api/submissions/${id}`)).body)
      // The acknowledged save is there, or a later one that reached the disk before the kill.
      expect(value, `submission ${id}`).toBeGreaterThanOrEqual(seq)
      expect(value).toBeLessThanOrEqual(attempted.get(id)!)
    }
    // The audit log's hash chain holds: no half-written row.
    const auditor = await httpSession(server.baseUrl, 'auditor', DEMO_PASSWORD)
    const chain = (await auditor('GET', '/api/audit/chain')).body as { rows: number; broken: unknown }
    expect(chain.rows).toBeGreaterThanOrEqual(ackedCount)
    expect(chain.broken).toBeNull()
    if (isPg) {
      // Without amcheck (superuser only), what PostgreSQL can say: every row of every table reads back.
      const db = openDatabase(database.target)
      try {
        const sql = sqlOf(db)
        const tables = await sql.column<string>("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
        expect(tables).toContain('submission_values')
        for (const table of tables) {
          const count = await sql.value<number>(`SELECT cast(count(*) AS integer) FROM "${table}"`)
          expect((await sql.all(`SELECT * FROM "${table}"`)).length, table).toBe(count)
        }
      } finally {
        await db.connection.close()
      }
    } else {
      const check = new Database(database.target, { readonly: true })
      expect(check.pragma('integrity_check', { simple: true })).toBe('ok')
      check.close()
    }
  }, 120_000)
})

describe('operating the running server', () => {
  // SQLite only: a restore copies over the database file the server holds; on PostgreSQL a backup is
  // restored into a new empty database only (pg-operations.test.ts).
  it.skipIf(isPg)('refuses a restore over the SQLite file while it holds it', () => {
    expect(() => restoreDatabase(database.target, database.target)).toThrow(/正被其他进程（服务器或备份）使用/)
  })

  it('shuts down on SIGTERM after finishing the request in flight, and closes the database', async () => {
    // Building the meeting workbook takes a while: the server is mid-request when the signal arrives.
    const inFlight = call('GET', '/api/exports/summary.xlsx?year=2025').catch((err: Error) => err)
    await new Promise((r) => setTimeout(r, 50))
    server.child.kill('SIGTERM')
    const res = await inFlight
    expect(res).not.toBeInstanceOf(Error)
    const { status, body } = res as { status: number; body: Buffer }
    expect(status).toBe(200)
    expect(body.subarray(0, 2).toString()).toBe('PK')
    expect(await server.exited).toBe(0)
    // SQLite: a clean close checkpoints the WAL into the main file.
    if (!isPg) expect(fs.existsSync(`${database.target}-wal`)).toBe(false)
  })
})
