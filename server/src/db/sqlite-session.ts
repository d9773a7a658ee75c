import { AsyncLocalStorage } from 'node:async_hooks'
import type Database from 'better-sqlite3'
import type { Connection, TransactionOptions } from './connection'

/**
 * One better-sqlite3 connection shared by concurrent async requests.
 *
 * A transaction's work awaits between its statements, so another request could otherwise run a
 * statement on the same connection in the middle of it: read rows not yet committed, or write into
 * a transaction that is then rolled back. Here a transaction holds the connection from `BEGIN` to
 * `COMMIT`, its own statements (those made in its async context, found with AsyncLocalStorage) go
 * straight through, and every other statement waits until it ends. Transactions queue one after
 * another; one begun inside another is a savepoint of it, as better-sqlite3's nested transactions were.
 */
export interface SqliteSession extends Connection {
  readonly dialect: 'sqlite'
  /** Runs `work` on the connection once no other request's transaction holds it. */
  statement<T>(work: (sqlite: Database.Database) => T): Promise<T>
}


export function sqliteSession(sqlite: Database.Database): SqliteSession {
  const owner = new AsyncLocalStorage<symbol>()
  let held: symbol | null = null
  let ended: Promise<void> = Promise.resolve()
  let queue: Promise<void> = Promise.resolve()
  let savepoints = 0
  const ours = () => held !== null && owner.getStore() === held
  const prepared = new Map<string, Database.Statement>()
  const statementOf = (text: string) => {
    let statement = prepared.get(text)
    if (!statement) prepared.set(text, (statement = sqlite.prepare(text)))
    return statement
  }

  /**
   * BEGIN, waiting for another connection's write lock without blocking the event loop: SQLite's
   * busy timeout waits synchronously, and a transaction of another connection in this process (two
   * workers, a test's second connection) could not finish meanwhile, its work awaiting this loop.
   */
  const begin = async (behavior: 'immediate' | 'deferred') => {
    const busyTimeout = sqlite.pragma('busy_timeout', { simple: true }) as number
    const deadline = Date.now() + busyTimeout
    sqlite.pragma('busy_timeout = 0')
    try {
      for (;;) {
        try {
          sqlite.exec(behavior === 'immediate' ? 'BEGIN IMMEDIATE' : 'BEGIN')
          return
        } catch (err) {
          if ((err as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() >= deadline) throw err
          await new Promise((resolve) => setTimeout(resolve, 2))
        }
      }
    } finally {
      sqlite.pragma(`busy_timeout = ${busyTimeout}`)
    }
  }

  /** Waits for the transactions queued before this call; resolves with the function that lets the next one go. */
  const lock = async () => {
    let release!: () => void
    const mine = new Promise<void>((resolve) => (release = resolve))
    const before = queue
    queue = before.then(() => mine)
    await before
    return release
  }

  const statement = async <T>(work: (c: Database.Database) => T): Promise<T> => {
    while (held !== null && !ours()) await ended
    return work(sqlite)
  }

  return {
    dialect: 'sqlite',
    statement,
    close: async () => {
      if (sqlite.open) sqlite.close()
    },
    all: <T>(text: string, params: readonly unknown[] = []) => statement(() => statementOf(text).all(...params) as T[]),
    get: <T>(text: string, params: readonly unknown[] = []) => statement(() => statementOf(text).get(...params) as T | undefined),
    run: async (text: string, params: readonly unknown[] = []) => {
      await statement(() => statementOf(text).run(...params))
    },
    async transaction(work, { behavior = 'immediate', durable = true }: TransactionOptions = {}) {
      if (ours()) {
        const name = `nested_${++savepoints}`
        sqlite.exec(`SAVEPOINT ${name}`)
        try {
          const result = await work()
          sqlite.exec(`RELEASE ${name}`)
          return result
        } catch (err) {
          sqlite.exec(`ROLLBACK TO ${name}`)
          sqlite.exec(`RELEASE ${name}`)
          throw err
        }
      }
      const release = await lock()
      const me = Symbol('transaction')
      let end!: () => void
      ended = new Promise((resolve) => (end = resolve))
      held = me
      const synchronous = durable ? null : sqlite.pragma('synchronous', { simple: true })
      if (!durable) sqlite.pragma('synchronous = NORMAL')
      try {
        return await owner.run(me, async () => {
          await begin(behavior)
          try {
            const result = await work()
            sqlite.exec('COMMIT')
            return result
          } catch (err) {
            if (sqlite.inTransaction) sqlite.exec('ROLLBACK')
            throw err
          }
        })
      } finally {
        if (synchronous !== null) sqlite.pragma(`synchronous = ${synchronous}`)
        held = null
        end()
        release()
      }
    },
  }
}
