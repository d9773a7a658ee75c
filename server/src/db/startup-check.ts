import { type Db, isPostgresUrl, openDatabase, StartupError } from './client'

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

/** A PostgreSQL address as it may be printed: without its password. */
export function describeDatabase(target: string): string {
  if (!isPostgresUrl(target) || !URL.canParse(target)) return target
  const url = new URL(target)
  if (url.password) url.password = '***'
  return url.toString()
}

/** What a PostgreSQL error at start-up means for the person starting the server (null: not one we explain). */
function explainPostgres(err: unknown, target: string): string | null {
  const code = (err as { code?: unknown }).code
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ETIMEDOUT') return `无法连接 PostgreSQL 服务器：${target}。请检查 DATABASE_URL 的主机和端口，以及数据库服务是否已启动。`
  if (code === '28P01' || code === '28000') return `PostgreSQL 拒绝了登录：${target}。请检查 DATABASE_URL 中的用户名和密码（及服务器的 pg_hba.conf）。`
  if (code === '3D000') return `PostgreSQL 中没有这个数据库：${target}。请先创建它（见 README 的 PostgreSQL 一节：Database and roles）。`
  return null
}

/**
 * Opens the database a server or a maintenance command names (`DATABASE_URL`, else the SQLite file):
 * a SQLite file with the check above; a PostgreSQL database once it answers, a refused connection,
 * login or missing database explained as a `StartupError`. PostgreSQL checks its own pages.
 */
export async function openStartupDatabase(target: string, log: (line: string) => void = console.log): Promise<Db> {
  if (!isPostgresUrl(target)) return openCheckedDatabase(target, log)
  const db = openDatabase(target)
  try {
    await db.connection.get('select 1')
    return db
  } catch (err) {
    await db.connection.close()
    const message = explainPostgres(err, describeDatabase(target))
    throw message ? new StartupError(message) : err
  }
}
