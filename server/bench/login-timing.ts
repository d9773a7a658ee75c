import Database from 'better-sqlite3'
import { hashPassword } from '../src/features/auth/passwords'
import { createClient, summarise } from './load'

/**
 * Whether a wrong password's answer time tells if the username exists: wrong-password logins for
 * accounts that exist and for usernames that do not, interleaved one at a time, each median next to
 * the other. Each known account is tried once, so none reaches its lockout; the unknown usernames
 * are new each run for the same reason.
 */

const WARMUP = 5
const RUNS = 40
const timingAccount = (i: number) => `timing${String(i).padStart(2, '0')}`

/** Adds (or resets the counters of) the accounts the measurement tries; run before the server opens the file. */
export async function addTimingAccounts(dbFile: string) {
  const passwordHash = await hashPassword(crypto.randomUUID())
  const db = new Database(dbFile)
  try {
    const upsert = db.prepare(
      `insert into users (username, display_name, password_hash, role) values (?, '计时账户', ?, 'leader')
       on conflict (username) do update set failed_logins = 0, locked_until = null`,
    )
    db.transaction(() => {
      for (let i = 0; i < WARMUP + RUNS; i++) upsert.run(timingAccount(i), passwordHash)
    })()
  } finally {
    db.close()
  }
}

export interface LoginTiming {
  knownMs: number
  unknownMs: number
  /** knownMs / unknownMs: 1 when the time says nothing. */
  ratio: number
  runs: number
}

export async function measureLoginTiming(baseUrl: string): Promise<LoginTiming> {
  const client = createClient(baseUrl, 1)
  const run = crypto.randomUUID().slice(0, 8)
  const attempt = async (username: string) => {
    const start = performance.now()
    const res = await client.request('POST', '/api/auth/login', {}, JSON.stringify({ username, password: 'wrong-password' }))
    if (res.status !== 401) throw new Error(`login timing: ${username} answered ${res.status} ${res.text}`)
    return performance.now() - start
  }
  try {
    const known: number[] = []
    const unknown: number[] = []
    for (let i = 0; i < WARMUP + RUNS; i++) {
      const k = await attempt(timingAccount(i))
      const u = await attempt(`nobody-${run}-${i}`)
      if (i < WARMUP) continue
      known.push(k)
      unknown.push(u)
    }
    const knownMs = summarise(known).p50
    const unknownMs = summarise(unknown).p50
    return { knownMs, unknownMs, ratio: knownMs / unknownMs, runs: RUNS }
  } finally {
    client.close()
  }
}
