import { AsyncLocalStorage } from 'node:async_hooks'
import type Database from 'better-sqlite3'

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
export interface SqliteSession {
  /** Runs `work` on the connection once no other request's transaction holds it. */
  statement<T>(work: (sqlite: Database.Database) => T): Promise<T>
  transaction<T>(work: () => Promise<T> | T, options?: TransactionOptions): Promise<T>
}

export interface TransactionOptions {
  /** IMMEDIATE (the default) takes the write lock at BEGIN, so a second process cannot make it fail half-way. */
  behavior?: 'immediate' | 'deferred'
  /**
   * false: commit without waiting for the disk (synchronous=NORMAL), for rows derived from others that
   * are computed again if a crash loses them. Ignored inside another transaction.
   */
  durable?: boolean
}

export function sqliteSession(sqlite: Database.Database): SqliteSession {
  const owner = new AsyncLocalStorage<symbol>()
  let held: symbol | null = null
  let ended: Promise<void> = Promise.resolve()
  let queue: Promise<void> = Promise.resolve()
  let savepoints = 0
  const ours = () => held !== null && owner.getStore() === held

  /** Waits for the transactions queued before this call; resolves with the function that lets the next one go. */
  const lock = async () => {
    let release!: () => void
    const mine = new Promise<void>((resolve) => (release = resolve))
    const before = queue
    queue = before.then(() => mine)
    await before
    return release
  }

  return {
    async statement(work) {
      while (held !== null && !ours()) await ended
      return work(sqlite)
    },
    async transaction(work, { behavior = 'immediate', durable = true } = {}) {
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
          sqlite.exec(behavior === 'immediate' ? 'BEGIN IMMEDIATE' : 'BEGIN')
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
