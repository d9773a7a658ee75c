import { AsyncLocalStorage } from 'node:async_hooks'
import pg from 'pg'
import type { Connection, TransactionOptions } from './connection'

/** The advisory lock every writing transaction takes: PostgreSQL's twin of SQLite's one writer (`BEGIN IMMEDIATE`). */
const WRITE_LOCK = 0x66617a68 // 'fazh'

/** `?` placeholders (the form the raw statements are written in) as PostgreSQL's `$1, $2 …`. Statements hold no `?` in literals. */
const numbered = (text: string) => {
  let n = 0
  return text.replace(/\?/g, () => `$${++n}`)
}

export interface PgSession extends Connection {
  readonly dialect: 'pg'
  /** The client drizzle queries through: the transaction's own client inside one, the pool outside. */
  readonly routed: pg.Pool
  readonly pool: pg.Pool
}

/**
 * A pool of PostgreSQL connections that behaves as SQLite's one connection does for the code above
 * it: inside `transaction`, every query made in its async context (through drizzle or `all/get/run`)
 * goes to the transaction's own client (AsyncLocalStorage), so repositories built once at start-up
 * need no transaction handle. Writing transactions queue on one advisory lock, as SQLite's writers
 * do on its write lock, so a read-check-write inside one (versions, quotas, one winner of a race)
 * holds across processes too. One begun inside another is a savepoint of it.
 */
export function pgSession(pool: pg.Pool): PgSession {
  const current = new AsyncLocalStorage<pg.PoolClient>()
  const client = (): pg.Pool | pg.PoolClient => current.getStore() ?? pool
  const query = (text: string, params: readonly unknown[] = []) => client().query(numbered(text), params as unknown[])
  let savepoints = 0
  let ended: Promise<void> | undefined
  const routed = { query: (...args: unknown[]) => (client().query as (...a: unknown[]) => unknown)(...args) } as unknown as pg.Pool

  return {
    dialect: 'pg',
    routed,
    pool,
    async transaction(work, { behavior = 'immediate', durable = true }: TransactionOptions = {}) {
      const outer = current.getStore()
      if (outer) {
        const name = `nested_${++savepoints}`
        await outer.query(`SAVEPOINT ${name}`)
        try {
          const result = await work()
          await outer.query(`RELEASE SAVEPOINT ${name}`)
          return result
        } catch (err) {
          await outer.query(`ROLLBACK TO SAVEPOINT ${name}`)
          throw err
        }
      }
      const own = await pool.connect()
      try {
        return await current.run(own, async () => {
          // A deferred (reading) transaction sees one snapshot throughout, as SQLite's does.
          await own.query(behavior === 'immediate' ? 'BEGIN' : 'BEGIN ISOLATION LEVEL REPEATABLE READ')
          try {
            if (behavior === 'immediate') await own.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK])
            if (!durable) await own.query('SET LOCAL synchronous_commit = off')
            const result = await work()
            await own.query('COMMIT')
            return result
          } catch (err) {
            await own.query('ROLLBACK')
            throw err
          }
        })
      } finally {
        own.release()
      }
    },
    async all<T>(text: string, params?: readonly unknown[]) {
      return (await query(text, params)).rows as T[]
    },
    async get<T>(text: string, params?: readonly unknown[]) {
      return (await query(text, params)).rows[0] as T | undefined
    },
    async run(text: string, params?: readonly unknown[]) {
      await query(text, params)
    },
    // pg's pool throws when ended twice; a connection shared by two apps is closed by each (SQLite's close is idempotent too).
    close: () => (ended ??= pool.end()),
  }
}
