import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { buildApp, type App, type AppOptions } from '../../server/src/app'
import { csrfTokenOf } from '../../server/src/features/auth/service'
import { migrateDatabase, openDatabase, type Db } from '../../server/src/db/client'
import { seedDemo } from '../../seed/demo'

export const DEMO_PASSWORD = 'Demo@2026'

export interface TestContext {
  app: App
  db: Db
  dbPath: string
  /** Moves the server's clock: tests of session timeouts and deadlines set it. */
  setNow(date: Date): void
  close(): Promise<void>
}

/**
 * A fresh migrated SQLite file per call, optionally seeded with the demo county, and the real app
 * on top of it. Requests go through `app.inject`.
 */
export async function createTestApp(opts: { seed?: boolean; city?: boolean; now?: Date; template?: string } & Partial<AppOptions> = {}): Promise<TestContext> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-test-'))
  const dbPath = path.join(dir, 'app.db')
  if (opts.template) fs.copyFileSync(opts.template, dbPath)
  const db = openDatabase(dbPath)
  await migrateDatabase(db)
  if (opts.seed !== false && !opts.template) await seedDemo(db, { password: DEMO_PASSWORD, city: opts.city })
  let now = opts.now ?? null
  // Every inject comes from 127.0.0.1: the login rate limit is lifted unless a test sets it.
  const app = await buildApp({ db, clock: () => now ?? new Date(), loginRateLimit: 10_000, ...opts })
  await app.ready()
  return {
    app,
    db,
    dbPath,
    setNow: (d) => {
      now = d
    },
    close: async () => {
      await app.close()
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** Logs in through the API and returns the cookie header to send with later requests. */
export async function login(app: App, username: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } })
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`)
  const cookie = res.cookies.find((c) => c.name === 'sid')
  if (!cookie) throw new Error('no session cookie')
  return `sid=${cookie.value}`
}

/** Headers for a change: the session cookie plus its CSRF token, as the client's api wrapper sends them. */
export function withCsrf(cookie: string): Record<string, string> {
  return { cookie, 'x-csrf-token': csrfTokenOf(cookie.replace(/^sid=/, '')) }
}

/**
 * A seeded database file to copy: tests that need a fresh database per case copy this instead of
 * seeding again (a copy takes milliseconds, a seed half a second).
 */
export async function seededTemplate(prepare?: (db: Db) => Promise<void> | void, opts: { city?: boolean } = {}): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-template-'))
  const file = path.join(dir, 'template.db')
  const db = openDatabase(file)
  await migrateDatabase(db)
  await seedDemo(db, { password: DEMO_PASSWORD, city: opts.city })
  await prepare?.(db)
  db.$client.pragma('journal_mode = DELETE')
  db.$client.close()
  return file
}
