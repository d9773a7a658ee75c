import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'

/** Runs SQLite's integrity check on a database file; throws unless it answers "ok". */
export function checkIntegrity(file: string): void {
  const db = new Database(file, { readonly: true, fileMustExist: true })
  try {
    const result = db.pragma('integrity_check', { simple: true })
    if (result !== 'ok') throw new Error(`完整性检查未通过：${String(result)}`)
    const tables = db.prepare("select count(*) as n from sqlite_master where type = 'table' and name in ('__drizzle_migrations', 'submissions')").get() as { n: number }
    if (tables.n !== 2) throw new Error('文件不是法治督察看板的数据库')
  } finally {
    db.close()
  }
}

/**
 * Copies a live database with SQLite's online backup API (safe while the server writes),
 * then checks the copy. A copy that fails the check is removed.
 */
export async function backupDatabase(source: Database.Database, destination: string): Promise<void> {
  fs.mkdirSync(path.dirname(destination), { recursive: true })
  if (fs.existsSync(destination)) throw new Error(`目标文件已存在：${destination}`)
  await source.backup(destination)
  try {
    // A backup is one self-contained file: leave WAL mode so no -wal/-shm companions are needed.
    const copy = new Database(destination)
    copy.pragma('journal_mode = DELETE')
    copy.close()
    checkIntegrity(destination)
  } catch (err) {
    fs.rmSync(destination, { force: true })
    throw err
  }
}

/** Keeps the newest `keep` backups named app-*.db in `dir`, removing older ones. */
export function pruneBackups(dir: string, keep: number): string[] {
  const files = fs
    .readdirSync(dir)
    .filter((f) => /^app-.*\.db$/.test(f))
    .sort()
    .reverse()
  const removed = files.slice(keep)
  for (const f of removed) fs.rmSync(path.join(dir, f))
  return removed
}

export const backupFileName = (at: Date) => `app-${at.toISOString().replace(/[:.]/g, '-')}.db`

/** The pid file a running server keeps beside its database, so a restore can refuse to run under it. */
export const pidFileOf = (dbPath: string) => `${dbPath}.server-pid`

export function serverHoldingDatabase(dbPath: string): number | null {
  const pidFile = pidFileOf(dbPath)
  if (!fs.existsSync(pidFile)) return null
  const pid = Number(fs.readFileSync(pidFile, 'utf8').trim())
  if (!Number.isInteger(pid) || pid <= 0) return null
  try {
    process.kill(pid, 0)
    return pid
  } catch {
    return null // a stale file left by a killed server
  }
}

/**
 * Replaces the database with a backup: checks the backup first, refuses while a server holds the
 * database, and keeps the replaced files aside. Returns where the old database went.
 */
export function restoreDatabase(backupFile: string, dbPath: string, now = new Date()): string | null {
  const pid = serverHoldingDatabase(dbPath)
  if (pid !== null) throw new Error(`服务器（进程 ${pid}）正在使用数据库 ${dbPath}：请先停止服务器再恢复。`)
  checkIntegrity(backupFile)
  let asideBase: string | null = null
  if (fs.existsSync(dbPath)) {
    asideBase = `${dbPath}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`
    for (const suffix of ['', '-wal', '-shm']) if (fs.existsSync(dbPath + suffix)) fs.renameSync(dbPath + suffix, asideBase + suffix)
  }
  fs.mkdirSync(path.dirname(dbPath), { recursive: true })
  fs.copyFileSync(backupFile, dbPath)
  return asideBase
}
