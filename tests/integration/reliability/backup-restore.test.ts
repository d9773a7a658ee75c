import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyAuditChain } from '../../../server/src/db/audit-chain'
import { backupDatabase, checkIntegrity, pruneBackups, restoreDatabase } from '../../../server/src/db/backup'
import { openDatabase } from '../../../server/src/db/client'
import { createTestApp, isPg, type TestContext } from '../../helpers/app'

let t: TestContext
let dir: string
beforeAll(async () => {
  t = await createTestApp()
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-backup-'))
})
afterAll(async () => {
  await t.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

const countRows = (file: string, table: string) => {
  const db = new Database(file, { readonly: true })
  try {
    return (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n
  } finally {
    db.close()
  }
}

// SQLite only: SQLite online backup and file restore.
describe.skipIf(isPg)('online backup', () => {
  it('copies the live database into one checked file while the app keeps serving', async () => {
    const file = path.join(dir, 'live.db')
    const pending = backupDatabase(t.db.$client, file)
    const during = await t.app.inject({ method: 'GET', url: '/api/health' })
    await pending
    expect(during.statusCode).toBe(200)
    expect(fs.existsSync(`${file}-wal`)).toBe(false)
    expect(() => checkIntegrity(file)).not.toThrow()
    expect(countRows(file, 'submission_values')).toBe(countRows(t.dbPath, 'submission_values'))
  })

  it('refuses to overwrite an existing file', async () => {
    const file = path.join(dir, 'exists.db')
    fs.writeFileSync(file, 'keep me')
    await expect(backupDatabase(t.db.$client, file)).rejects.toThrow(/已存在/)
    expect(fs.readFileSync(file, 'utf8')).toBe('keep me')
  })

  it('keeps only the newest N nightly files', () => {
    const nightly = path.join(dir, 'nightly')
    fs.mkdirSync(nightly)
    for (const d of ['01', '02', '03', '04']) fs.writeFileSync(path.join(nightly, `app-2026-11-${d}T02-00-00-000Z.db`), '')
    fs.writeFileSync(path.join(nightly, 'notes.txt'), '')
    expect(pruneBackups(nightly, 2)).toEqual(['app-2026-11-02T02-00-00-000Z.db', 'app-2026-11-01T02-00-00-000Z.db'])
    expect(fs.readdirSync(nightly).sort()).toEqual(['app-2026-11-03T02-00-00-000Z.db', 'app-2026-11-04T02-00-00-000Z.db', 'notes.txt'])
  })
})

describe.skipIf(isPg)('restore', () => {
  it('checks the backup before touching anything', () => {
    const target = path.join(dir, 'target-a.db')
    fs.writeFileSync(target, 'current database')
    const junk = path.join(dir, 'junk.db')
    fs.writeFileSync(junk, Buffer.alloc(8192, 7))
    expect(() => restoreDatabase(junk, target)).toThrow()
    expect(fs.readFileSync(target, 'utf8')).toBe('current database')
  })

  it('refuses while a connection holds the database, and changes nothing', async () => {
    const backup = path.join(dir, 'for-restore.db')
    await backupDatabase(t.db.$client, backup)
    const before = countRows(t.dbPath, 'audit_events')
    expect(() => restoreDatabase(backup, t.dbPath)).toThrow(/正被其他进程（服务器或备份）使用/)
    expect(fs.readdirSync(path.dirname(t.dbPath)).filter((f) => /restor/.test(f))).toEqual([])
    expect((await t.app.inject({ method: 'GET', url: '/api/ready' })).statusCode).toBe(200)
    expect(countRows(t.dbPath, 'audit_events')).toBe(before)
  })

  it('replaces a file that is not a database, keeping it aside', async () => {
    const backup = path.join(dir, 'for-restore.db')
    const target = path.join(dir, 'target-b.db')
    fs.writeFileSync(target, 'current database')
    const aside = restoreDatabase(backup, target, new Date('2026-11-22T10:00:00Z')).database
    expect(aside).toBe(`${target}.before-restore-2026-11-22T10-00-00-000Z`)
    expect(fs.readFileSync(aside!, 'utf8')).toBe('current database')
    expect(countRows(target, 'submissions')).toBe(countRows(t.dbPath, 'submissions'))
    expect(fs.readdirSync(dir).filter((f) => f.includes('.restoring-'))).toEqual([])
  })

  it('`npm run db:restore` leaves its own row in the restored log: db.restore by cli, naming the backup and its time', async () => {
    const backup = path.join(dir, 'for-cli-restore.db')
    await backupDatabase(t.db.$client, backup)
    const target = path.join(dir, 'target-cli.db')
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'server/src/db/cli-restore.ts', backup], {
      cwd: path.resolve(import.meta.dirname, '../../..'),
      encoding: 'utf8',
      env: { ...process.env, DB_PATH: target, AUDIT_HMAC_KEY: '' },
    })
    expect(run.status, run.stderr).toBe(0)
    expect(run.stdout).toContain('db.restore')
    const db = openDatabase(target, '')
    const last = db.$client.prepare('select username, action, object_type, success, after from audit_events order by id desc limit 1').get() as Record<string, unknown>
    expect({ ...last, after: JSON.parse(last.after as string) }).toEqual({
      username: 'cli',
      action: 'db.restore',
      object_type: 'database',
      success: 1,
      after: { backup: { file: 'for-cli-restore.db', modifiedAt: fs.statSync(backup).mtime.toISOString() } },
    })
    expect(verifyAuditChain(db.$client)).toMatchObject({ broken: null, missingTriggers: [] })
    db.$client.close()
  })
})
