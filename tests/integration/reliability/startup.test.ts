import { execFile, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { migrateDatabase, openDatabase, StartupError } from '../../../server/src/db/client'
import { openCheckedDatabase } from '../../../server/src/db/startup-check'
import { seedDemoIfEmpty } from '../../../seed/demo'
import { createTestApp, DEMO_PASSWORD, isPg } from '../../helpers/app'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-startup-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

// SQLite only: start-up checks of a SQLite file (pragmas, damaged pages, restore lock file).
describe.skipIf(isPg)('start-up checks', () => {
  it('explains an unwritable DB_PATH', () => {
    const blocker = path.join(dir, 'not-a-folder')
    fs.writeFileSync(blocker, '')
    expect(() => openDatabase(path.join(blocker, 'app.db'))).toThrow(StartupError)
    expect(() => openDatabase(path.join(blocker, 'app.db'))).toThrow(/DB_PATH/)
  })

  it('refuses a database written by a newer version and leaves it as it was', async () => {
    const file = path.join(dir, 'newer.db')
    const db = openDatabase(file)
    await migrateDatabase(db)
    db.$client.prepare('insert into __drizzle_migrations (hash, created_at) values (?, ?)').run('future', Date.now() + 10 * 365 * 86_400_000)
    const before = db.$client.prepare('select count(*) as n from __drizzle_migrations').get()
    await expect(migrateDatabase(db)).rejects.toThrow(/比当前程序新/)
    expect(db.$client.prepare('select count(*) as n from __drizzle_migrations').get()).toEqual(before)
    db.$client.close()
  })

  it('answers readiness only while the database answers', async () => {
    const t = await createTestApp({ seed: false })
    expect((await t.app.inject({ method: 'GET', url: '/api/ready' })).statusCode).toBe(200)
    t.db.$client.close()
    const res = await t.app.inject({ method: 'GET', url: '/api/ready' })
    expect(res.statusCode).toBe(503)
    expect(res.json().message).toBe('数据库不可用')
    await t.close()
  })
})

/** Starts the production server (server/src/server.ts) on a database file and waits for it to exit. */
const startOn = (file: string) =>
  new Promise<{ code: number; output: string }>((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'server/src/server.ts'],
      { cwd: path.resolve(import.meta.dirname, '../../..'), env: { ...process.env, DB_PATH: file, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' }, timeout: 60_000 },
      (err, stdout, stderr) => resolve({ code: err ? Number(err.code) : 0, output: stdout + stderr }),
    )
  })

describe.skipIf(isPg)('a damaged database file stops the start', () => {
  const seeded = path.join(dir, 'seeded.db')
  const damaged = async (name: string, damage: (file: string) => void) => {
    if (!fs.existsSync(seeded)) {
      const db = openDatabase(seeded)
      await migrateDatabase(db)
      await seedDemoIfEmpty(db, { password: DEMO_PASSWORD })
      db.$client.close()
    }
    const file = path.join(dir, name)
    fs.copyFileSync(seeded, file)
    damage(file)
    return file
  }
  const expectRefused = async (file: string, message: RegExp) => {
    const { code, output } = await startOn(file)
    expect(code, output).toBe(1)
    expect(output).toMatch(message)
    expect(output).toContain(file)
    expect(output).toContain('npm run db:restore -- <备份文件>')
    expect(output).not.toMatch(/^\s+at /m)
    expect(output).not.toContain('已启动')
  }

  it('a corrupt page deep inside: quick_check finds it', async () => {
    const file = await damaged('corrupt-page.db', (f) => {
      const db = new Database(f, { readonly: true })
      const pageSize = db.pragma('page_size', { simple: true }) as number
      const leaves = db.prepare("select pageno from dbstat where name = 'submission_values' and pagetype = 'leaf' order by pageno").pluck().all() as number[]
      const pages = db.pragma('page_count', { simple: true }) as number
      db.close()
      const page = leaves[Math.floor(leaves.length / 2)]!
      expect(page).toBeGreaterThan(pages / 4) // deep inside, not the header or the schema
      const fd = fs.openSync(f, 'r+')
      fs.writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, (page - 1) * pageSize)
      fs.closeSync(fd)
    })
    await expectRefused(file, /启动失败：数据库文件已损坏/)
  }, 90_000)

  it('a truncated file', async () => {
    const file = await damaged('truncated.db', (f) => fs.truncateSync(f, Math.floor(fs.statSync(f).size / 2)))
    await expectRefused(file, /启动失败：数据库文件已损坏/)
  }, 90_000)

  it('a text file named app.db, left as it was', async () => {
    const file = path.join(dir, 'text', 'app.db')
    fs.mkdirSync(path.dirname(file))
    fs.writeFileSync(file, 'not a database\n')
    await expectRefused(file, /启动失败：不是本程序的数据库文件/)
    expect(fs.readFileSync(file, 'utf8')).toBe('not a database\n')
  }, 90_000)
})

describe.skipIf(isPg)('a start that waits for a restore', () => {
  it('refuses the database the restore set aside', async () => {
    const file = path.join(dir, 'swapped.db')
    const replacement = path.join(dir, 'swapped.db.restoring')
    for (const f of [file, replacement]) {
      const db = new Database(f)
      db.exec('create table t (x)')
      db.close()
    }
    // Another process holds the file as a restore does, swaps another file in under the path and lets go.
    const holder = spawn(
      process.execPath,
      ['-e', `const D = require('better-sqlite3'); const fs = require('fs'); const db = new D(${JSON.stringify(file)}); db.pragma('locking_mode = EXCLUSIVE'); db.exec('begin exclusive'); console.log('locked'); setTimeout(() => { fs.renameSync(${JSON.stringify(replacement)}, ${JSON.stringify(file)}); db.close() }, 1000)`],
      { cwd: path.resolve(import.meta.dirname, '../../..'), stdio: ['ignore', 'pipe', 'inherit'] },
    )
    await new Promise((resolve) => holder.stdout!.once('data', resolve))
    expect(() => openCheckedDatabase(file, () => {})).toThrow(/在启动过程中被替换/)
    await new Promise((resolve) => holder.once('exit', resolve))
  })
})

describe('demo seed', () => {
  it('goes only into a database with no account and no region', async () => {
    const production = await createTestApp({ seed: false })
    try {
      await production.sql.run("insert into users (username, display_name, password_hash, role) values ('admin', '管理员', 'x', 'sysadmin')")
      expect(await seedDemoIfEmpty(production.db, { password: 'Demo@2026' })).toBe(false)
      expect(Number(await production.sql.value('select count(*) from bureaus'))).toBe(0)
    } finally {
      await production.close()
    }

    const empty = await createTestApp({ seed: false })
    try {
      expect(await seedDemoIfEmpty(empty.db, { password: 'Demo@2026' })).toBe(true)
      expect(Number(await empty.sql.value('select count(*) from bureaus'))).toBeGreaterThan(0)
      expect(await seedDemoIfEmpty(empty.db, { password: 'Demo@2026' })).toBe(false)
    } finally {
      await empty.close()
    }
  })
})
