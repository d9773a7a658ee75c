import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { migrateDatabase, openDatabase, StartupError } from '../../../server/src/db/client'
import { seedDemoIfEmpty } from '../../../seed/demo'
import { createTestApp } from '../../helpers/app'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-startup-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

describe('start-up checks', () => {
  it('explains an unwritable DB_PATH', () => {
    const blocker = path.join(dir, 'not-a-folder')
    fs.writeFileSync(blocker, '')
    expect(() => openDatabase(path.join(blocker, 'app.db'))).toThrow(StartupError)
    expect(() => openDatabase(path.join(blocker, 'app.db'))).toThrow(/DB_PATH/)
  })

  it('refuses a database written by a newer version and leaves it as it was', () => {
    const file = path.join(dir, 'newer.db')
    const db = openDatabase(file)
    migrateDatabase(db)
    db.$client.prepare('insert into __drizzle_migrations (hash, created_at) values (?, ?)').run('future', Date.now() + 10 * 365 * 86_400_000)
    const before = db.$client.prepare('select count(*) as n from __drizzle_migrations').get()
    expect(() => migrateDatabase(db)).toThrow(/比当前程序新/)
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

describe('demo seed', () => {
  it('goes only into a database with no account and no region', async () => {
    const file = path.join(dir, 'production.db')
    const db = openDatabase(file)
    migrateDatabase(db)
    db.$client.prepare("insert into users (username, display_name, password_hash, role) values ('admin', '管理员', 'x', 'sysadmin')").run()
    expect(await seedDemoIfEmpty(db, { password: 'Demo@2026' })).toBe(false)
    expect(db.$client.prepare('select count(*) as n from bureaus').get()).toEqual({ n: 0 })
    db.$client.close()

    const empty = openDatabase(path.join(dir, 'empty.db'))
    migrateDatabase(empty)
    expect(await seedDemoIfEmpty(empty, { password: 'Demo@2026' })).toBe(true)
    expect(await seedDemoIfEmpty(empty, { password: 'Demo@2026' })).toBe(false)
    empty.$client.close()
  })
})
