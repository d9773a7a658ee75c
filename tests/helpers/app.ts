import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { inject } from 'vitest'
import { buildApp, type App, type AppOptions } from '../../server/src/app'
import { csrfTokenOf } from '../../server/src/features/auth/service'
import { openDatabase, type Db } from '../../server/src/db/client'
import { buildTemplate, cloneDatabase, DEMO_PASSWORD, isPg, newDatabaseName, sqlOf, type TestSql } from './databases'

export { DEMO_PASSWORD, isPg }

// PostgreSQL keeps evidence files in FILES_DIR, not beside a database file: each test file gets its own.
if (isPg && !process.env.FILES_DIR) process.env.FILES_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-files-'))

export interface TestContext {
  app: App
  db: Db
  /** Raw SQL on the test's database, the same on both backends. */
  sql: TestSql
  /** What `openDatabase` takes to open this database again (a second connection, a second app). */
  dbUrl: string
  /** The SQLite file: only for tests about SQLite itself (they skip on PostgreSQL). */
  dbPath: string
  /** Moves the server's clock: tests of session timeouts and deadlines set it. */
  setNow(date: Date): void
  close(): Promise<void>
}

/**
 * A fresh database per call, copied from one the run built once (migrated only with `seed: false`,
 * else the seeded demo county, with its city for `city`; `template`: one made by `seededTemplate`),
 * and the real app on top of it. Requests go through `app.inject`.
 */
export async function createTestApp(opts: { seed?: boolean; city?: boolean; now?: Date; template?: string } & Partial<AppOptions> = {}): Promise<TestContext> {
  const templates = inject('databases')
  const template = opts.template ?? (opts.seed === false ? templates.migrated : opts.city ? templates.city : templates.county)
  const { target, dispose } = await cloneDatabase(template, templates.prefix)
  const db = openDatabase(target)
  let now = opts.now ?? null
  // Every inject comes from 127.0.0.1: the login rate limit is lifted unless a test sets it.
  let app: App | undefined
  try {
    app = await buildApp({ db, clock: () => now ?? new Date(), loginRateLimit: 10_000, ...opts })
    await app.ready()
  } catch (err) {
    // The app that did not start is closed and its database removed; the start's error is the one reported.
    await (app ? app.close() : db.connection.close()).catch(() => undefined)
    await dispose()
    throw err
  }
  const context: TestContext = {
    app,
    db,
    sql: sqlOf(db),
    dbUrl: target,
    dbPath: target,
    setNow: (d) => {
      now = d
    },
    close: async () => {
      await app.close()
      await dispose()
    },
  }
  // A SQLite file: on PostgreSQL reading it throws (a spread of the context leaves it out).
  if (isPg)
    Object.defineProperty(context, 'dbPath', {
      enumerable: false,
      get: () => {
        throw new Error('dbPath is a SQLite file: this test runs on SQLite only')
      },
    })
  return context
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
 * A seeded database, prepared once, for `createTestApp({ template })`: tests that need a fresh
 * database per case copy it instead of preparing it again.
 */
export async function seededTemplate(prepare?: (db: Db) => Promise<void> | void, opts: { city?: boolean } = {}): Promise<string> {
  const templates = inject('databases')
  return buildTemplate(newDatabaseName(templates.prefix), { seed: true, from: opts.city ? templates.city : templates.county, prepare })
}
