import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD, isPg } from '../../helpers/app'
import { httpSession, startServerProcess } from '../../helpers/server-process'

/**
 * The restore's lock is the database file itself, across real processes: a second server that stops
 * leaves nothing behind that would let `npm run db:restore` run under the first one.
 */
const ROOT = path.resolve(import.meta.dirname, '../../..')
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-restore-lock-'))
const dbPath = path.join(dir, 'app.db')
const env = { DB_PATH: dbPath, LOGIN_RATE_LIMIT: '1000', DEMO_PASSWORD }
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

/** Runs a maintenance command (server/src/db/cli-*.ts) as its own process. */
const cli = (name: 'backup' | 'restore', file: string) =>
  new Promise<{ code: number; output: string }>((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', `server/src/db/cli-${name}.ts`, file], { cwd: ROOT, env: { ...process.env, DB_PATH: dbPath } }, (err, stdout, stderr) =>
      resolve({ code: err ? Number(err.code) : 0, output: stdout + stderr }),
    )
  })

const cycleYears = (file: string) => {
  const db = new Database(file, { readonly: true })
  try {
    return db.prepare('select year from cycles order by year').pluck().all()
  } finally {
    db.close()
  }
}

// SQLite only: db:restore of a SQLite file against running servers.
describe.skipIf(isPg)('db:restore against running servers', () => {
  it('is refused while a server serves, even after a second server on the same database stopped; works once it stops', async () => {
    const a = await startServerProcess(env)
    const backup = path.join(dir, 'backup.db')
    const backedUp = await cli('backup', backup)
    expect(backedUp.code, backedUp.output).toBe(0)

    const b = await startServerProcess(env)
    await b.stop()

    const refused = await cli('restore', backup)
    expect(refused.code).toBe(1)
    expect(refused.output).toContain('数据库正被其他进程（服务器或备份）使用：请先停止服务器，再恢复')
    expect(fs.readdirSync(dir).filter((f) => /restor/.test(f))).toEqual([])

    // A still serves the database at DB_PATH: its next acknowledged write is there after it stops.
    const call = await httpSession(a.baseUrl, 'office', DEMO_PASSWORD)
    expect((await call('POST', '/api/cycles', { year: 2031 })).status).toBe(201)
    await a.stop()
    expect(cycleYears(dbPath)).toContain(2031)

    const restored = await cli('restore', backup)
    expect(restored.code, restored.output).toBe(0)
    expect(cycleYears(dbPath)).not.toContain(2031)
    const aside = fs.readdirSync(dir).find((f) => /^app\.db\.before-restore-[^-]/.test(f) && !/-(wal|shm)$/.test(f))
    expect(aside).toBeDefined()
    expect(cycleYears(path.join(dir, aside!))).toContain(2031)
  }, 180_000)
})
