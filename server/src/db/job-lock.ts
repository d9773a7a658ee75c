import type { PgSession } from './pg-session'
import type { Db } from './client'

/**
 * Jobs every app server schedules but one process at a time must run. Each is a PostgreSQL session
 * advisory lock of two int4 keys (class, job), a key space apart from the one-bigint write lock of
 * `pg-session.ts`.
 */
const JOB_LOCK_CLASS = 0x66617a6a // 'fazj'
const JOBS = { startup: 1, backup: 2, dueReminders: 3 } as const
export type Job = keyof typeof JOBS

/**
 * Takes `job`'s lock on a connection of its own (waiting for it, or answering null at once when
 * another process holds it) and answers its release. The lock lives as long as the connection: a
 * process that dies releases it.
 */
async function lockJob(session: PgSession, job: Job, wait: boolean): Promise<(() => Promise<void>) | null> {
  const client = await session.pool.connect()
  const keys = [JOB_LOCK_CLASS, JOBS[job]]
  try {
    if (wait) await client.query('SELECT pg_advisory_lock($1, $2)', keys)
    else if (!(await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS locked', keys)).rows[0]!.locked) {
      client.release()
      return null
    }
  } catch (err) {
    client.release(err as Error)
    throw err
  }
  return async () => {
    // A connection whose unlock failed may still hold the lock: it is closed, not pooled.
    const failed = await client.query('SELECT pg_advisory_unlock($1, $2)', keys).then(() => undefined, (err: Error) => err)
    client.release(failed)
  }
}

/** Runs `work` once no other process runs `job` (two servers starting at once migrate one after the other). */
export async function runExclusively<T>(db: Db, job: Job, work: () => Promise<T>): Promise<T> {
  // A SQLite database has one server process.
  if (db.connection.dialect === 'sqlite') return await work()
  const release = (await lockJob(db.connection, job, true))!
  try {
    return await work()
  } finally {
    await release()
  }
}

/** Runs `work` unless another process is running `job` right now (a nightly job: the others skip it). */
export async function runUnlessRunning<T>(db: Db, job: Job, work: () => Promise<T>): Promise<{ ran: true; result: T } | { ran: false }> {
  if (db.connection.dialect === 'sqlite') return { ran: true, result: await work() }
  const release = await lockJob(db.connection, job, false)
  if (!release) return { ran: false }
  try {
    return { ran: true, result: await work() }
  } finally {
    await release()
  }
}
