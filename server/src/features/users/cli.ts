import readline from 'node:readline'
import { Writable } from 'node:stream'
import type { Actor } from '../../lib/actor'
import { loadConfig } from '../../config'
import { migrateDatabase, openDatabase } from '../../db/client'
import { auditedTransaction } from '../../db/transaction'
import { describeDatabase } from '../../db/startup-check'
import { versionGuard } from '../../db/versions'
import { bureausOn } from '../bureaus/service'
import { usersRepository } from './repository'
import { regionsOn } from '../regions/service'
import { usersService } from './service'

// What the users commands of the machine's operator share (user:create, user:reset-password).

/** The operator at the machine's command line, as the audit log names it. */
export const CLI_ACTOR: Actor<null> = { user: null, name: 'cli', ip: null }

/** Reads a line without echoing it when a person types at a terminal. */
async function askHidden(question: string): Promise<string> {
  let muted = false
  const output = new Writable({
    write(chunk, _enc, done) {
      if (!muted) process.stdout.write(chunk)
      done()
    },
  })
  const rl = readline.createInterface({ input: process.stdin, output, terminal: process.stdin.isTTY })
  process.stdout.write(question)
  muted = true
  const answer = await new Promise<string>((resolve) => rl.once('line', resolve))
  rl.close()
  process.stdout.write('\n')
  return answer
}

/**
 * The password, asked twice at a terminal (once from a pipe); when the two differ the command
 * stops, saying `refused` (what was not done).
 */
export async function askPassword(question: string, refused: string): Promise<string> {
  const password = await askHidden(question)
  if (process.stdin.isTTY && (await askHidden('再次输入密码：')) !== password) {
    console.error(`两次输入的密码不一致，${refused}。`)
    process.exit(1)
  }
  return password
}

/**
 * Runs `act` with the users service on the server's database (DATABASE_URL, else the SQLite file at
 * DB_PATH; migrated first) and closes it; `act` is handed the database as a message names it. A
 * refusal is printed after `refused` (what was not done) with exit code 1.
 */
export async function withUsersService(refused: string, act: (service: ReturnType<typeof usersService>, database: string) => Promise<void>): Promise<void> {
  const target = loadConfig().database
  const db = openDatabase(target)
  await migrateDatabase(db)
  try {
    const service = usersService({
      repo: usersRepository(db),
      bureaus: bureausOn(db),
      regions: regionsOn(db),
      transaction: auditedTransaction(db),
      checkVersion: versionGuard(db),
      clock: () => new Date(),
    })
    await act(service, describeDatabase(target))
  } catch (err) {
    console.error(`${refused}：${(err as Error).message}`)
    process.exitCode = 1
  } finally {
    await db.connection.close()
  }
}
