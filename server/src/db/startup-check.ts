import { type Db, openDatabase, StartupError } from './client'

const ADVICE = '请从最近的备份恢复：npm run db:restore -- <备份文件>；或联系技术支持。'

/** What an SQLite error at start-up means for the person starting the server (null: not one we explain). */
function explain(err: unknown, file: string): string | null {
  const code = (err as { code?: unknown }).code
  if (typeof code !== 'string') return null
  if (code === 'SQLITE_NOTADB') return `不是本程序的数据库文件（文件头无法识别，可能被截断或覆盖）：${file}。${ADVICE}`
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_IOERR_SHORT_READ') return `数据库文件已损坏：${file}（${(err as Error).message}）。${ADVICE}`
  if (code === 'SQLITE_BUSY') return `数据库 ${file} 正被其他进程锁定（可能正在恢复）：请等其完成后再启动。`
  // A restore that held the file while this start waited for it put another file at the path: SQLite
  // refuses to write the one this connection opened, which the restore set aside.
  if (code === 'SQLITE_READONLY_DBMOVED') return `数据库 ${file} 在启动过程中被替换（恢复刚刚完成）：请重新启动。`
  return null
}

/**
 * Opens a database a server (or a maintenance command) is about to use and checks it first:
 * SQLite's `quick_check` reads every page of the file, so a corrupt page deep inside, a truncated file
 * or a file that is not a database stops the start with a `StartupError` naming the file and what
 * to do, instead of a server that answers 500 (or a stack trace). On a province-sized database
 * (≈ 340 MB) the check takes about 2 s from a warm cache and up to half a minute from a cold disk.
 */
export function openCheckedDatabase(file: string, log: (line: string) => void = console.log): Db {
  let db: Db | undefined
  try {
    db = openDatabase(file)
    log(`正在检查数据库完整性…（${file}）`)
    const problems = db.$client.pragma('quick_check(1)', { simple: true })
    if (problems !== 'ok') throw new StartupError(`数据库文件已损坏：${file}（完整性检查：${String(problems).replace(/^\*\*\* in database \w+ \*\*\*\s*/, '')}）。${ADVICE}`)
    return db
  } catch (err) {
    db?.$client.close()
    const message = explain(err, file)
    throw message ? new StartupError(message) : err
  }
}
