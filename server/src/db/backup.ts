import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { type BlobState, blobStateOf, evidenceDirOf, filesDirOf, putBlob, readBlob } from '../features/files/store'
import type { Db } from './client'
import { backupPostgres } from './pg-backup'

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
 * A backup is one file a county IT person can copy: the database, and in its table `backup_files`
 * the bytes of every evidence file its rows name (`evidence_files.sha256`), which live outside the
 * database in the files dir (`filesDirOf`). The table exists only in backups; a restore takes the
 * bytes out and drops it.
 */
const BACKUP_FILES = 'backup_files'

const hasTable = (db: Database.Database, name: string) => db.prepare("select 1 from sqlite_master where type = 'table' and name = ?").get(name) !== undefined

/** An evidence file as a message names it. */
export interface NamedFile {
  bureau: string
  name: string
  sha256: string
}

/** The hashes whose bytes are not as they should be. */
export const unhealthyHashes = (states: ReadonlyMap<string, BlobState>) => [...states].filter(([, s]) => s !== 'ok').map(([sha256]) => sha256)

/** The evidence files named by hashes (`NamedFile`s of at least those, in order), for a message: 「bureau」name (sha256), one a line. */
const describeFiles = (hashes: readonly string[], named: readonly NamedFile[], why: string) =>
  `${hashes.length} 个佐证材料文件${why}：\n${named
    .filter((f) => hashes.includes(f.sha256))
    .map((f) => `  ${f.bureau}「${f.name}」（${f.sha256}）`)
    .join('\n')}`

/** The hashes whose bytes are missing or corrupt, as one message naming their files (null: none). */
export function blobProblems(states: ReadonlyMap<string, BlobState>, named: readonly NamedFile[], why: Record<Exclude<BlobState, 'ok'>, string>): string | null {
  const of = (state: BlobState) => [...states].filter(([, s]) => s === state).map(([sha256]) => sha256)
  const problems = (['missing', 'corrupt'] as const).flatMap((state) => (of(state).length ? [describeFiles(of(state), named, why[state])] : []))
  return problems.length ? problems.join('\n') : null
}

/** The evidence files of a SQLite database named by hashes, ordered by bureau and name. */
const namedFiles = (db: Database.Database, hashes: readonly string[]) =>
  db
    .prepare(`select distinct b.name as bureau, f.name, f.sha256 from evidence_files f join bureaus b on b.id = f.bureau_id where f.sha256 in (select value from json_each(?)) order by b.name, f.name`)
    .all(JSON.stringify(hashes)) as NamedFile[]

/** Every hash the database's evidence rows name (deleted ones too: they are kept for the audit). */
const referencedHashes = (db: Database.Database): string[] =>
  hasTable(db, 'evidence_files') ? (db.prepare('select distinct sha256 from evidence_files order by sha256').pluck().all() as string[]) : []

/**
 * Copies a live database with SQLite's online backup API (safe while the server writes), puts the
 * evidence files its rows name into the copy, each read from the files dir beside the database and checked against its
 * hash, then checks the copy. A missing or corrupt file, or a copy that fails the check, fails the
 * backup (naming the files) and leaves nothing behind. Returns how many files it holds.
 */
export async function backupDatabase(source: Database.Database, destination: string): Promise<{ files: number }> {
  fs.mkdirSync(path.dirname(destination), { recursive: true })
  if (fs.existsSync(destination)) throw new Error(`目标文件已存在：${destination}`)
  await source.backup(destination)
  try {
    // A backup is one self-contained file: leave WAL mode so no -wal/-shm companions are needed.
    const copy = new Database(destination)
    let files: number
    try {
      copy.pragma('journal_mode = DELETE')
      files = await storeFiles(copy, filesDirOf(source.name))
    } finally {
      copy.close()
    }
    checkIntegrity(destination)
    return { files }
  } catch (err) {
    fs.rmSync(destination, { force: true })
    throw err
  }
}

/**
 * Puts every referenced evidence file into the backup copy's `backup_files`, one at a time (a file is
 * at most 20 MB), read asynchronously so a nightly backup in the server does not stall it.
 */
async function storeFiles(copy: Database.Database, filesDir: string): Promise<number> {
  const hashes = referencedHashes(copy)
  copy.exec(`create table ${BACKUP_FILES} (sha256 text primary key, data blob not null)`)
  const insert = copy.prepare(`insert into ${BACKUP_FILES} (sha256, data) values (?, ?)`)
  const states = new Map<string, BlobState>()
  // The copy is this backup's own: one transaction over the reads is safe.
  copy.exec('begin')
  for (const sha256 of hashes) {
    const data = await readBlob(filesDir, sha256)
    const state = blobStateOf(data, sha256)
    states.set(sha256, state)
    if (state === 'ok') insert.run(sha256, data)
  }
  copy.exec('commit')
  const problems = blobProblems(states, namedFiles(copy, unhealthyHashes(states)), { missing: `在 ${filesDir} 中缺失`, corrupt: '内容与其哈希不符（已损坏）' })
  if (problems) throw new Error(`备份未完成：${problems}`)
  return hashes.length
}

/**
 * Checks a backup's evidence files: every file its rows name must be in `backup_files` with bytes
 * that hash to its name; throws naming the files that are not. Returns the hashes to restore (none
 * for a backup from before evidence files: no rows, no table).
 */
function checkBackupFiles(backupFile: string): string[] {
  const db = new Database(backupFile, { readonly: true, fileMustExist: true })
  try {
    const hashes = referencedHashes(db)
    if (hashes.length === 0) return []
    const hasFiles = hasTable(db, BACKUP_FILES)
    const read = hasFiles ? db.prepare(`select data from ${BACKUP_FILES} where sha256 = ?`).pluck() : null
    const states = new Map(hashes.map((sha256) => [sha256, blobStateOf(read?.get(sha256) as Buffer | undefined, sha256)]))
    const problems = blobProblems(states, namedFiles(db, unhealthyHashes(states)), { missing: '不在备份中', corrupt: '在备份中的内容与其哈希不符（备份已损坏或被改动）' })
    if (problems) throw new Error(problems)
    return hashes
  } finally {
    db.close()
  }
}

/**
 * Backs up the database a server or command has open with its evidence files: a SQLite database
 * into one file (above), a PostgreSQL one into a folder (`pg-backup.ts`).
 */
export const backupOf = (db: Db, destination: string): Promise<{ files: number }> =>
  db.connection.dialect === 'pg' ? backupPostgres(db.connection, destination, evidenceDirOf(db)) : backupDatabase(db.$client, destination)

/** Keeps the newest `keep` backups named app-*.db (SQLite's files) or app-*.pg (PostgreSQL's folders) in `dir`, removing older ones. */
export function pruneBackups(dir: string, keep: number): string[] {
  const files = fs
    .readdirSync(dir)
    .filter((f) => /^app-.*\.(db|pg)$/.test(f))
    .sort()
    .reverse()
  const removed = files.slice(keep)
  for (const f of removed) fs.rmSync(path.join(dir, f), { recursive: true })
  return removed
}

/** The nightly backup's name: SQLite's is a file, PostgreSQL's a folder. */
export const backupFileName = (at: Date, dialect: Db['connection']['dialect'] = 'sqlite') => `app-${at.toISOString().replace(/[:.]/g, '-')}.${dialect === 'pg' ? 'pg' : 'db'}`

/** What a restore answers while another process has the database open. */
const DATABASE_IN_USE = '数据库正被其他进程（服务器或备份）使用：请先停止服务器，再恢复'

/**
 * Takes an exclusive lock on a database file and keeps it until the connection closes. Every
 * connection the product opens is in WAL mode, and SQLite keeps a shared lock on a WAL database
 * while any connection has it open: the lock is refused at once (busy_timeout 0) while a server, a
 * second server or a backup holds the file, in any process. Nobody else can read the file while it
 * is held: in exclusive locking mode the lock outlives the transaction, until the connection closes.
 */
function lockDatabase(file: string): Database.Database {
  const db = new Database(file, { fileMustExist: true })
  try {
    db.pragma('busy_timeout = 0')
    db.pragma('locking_mode = EXCLUSIVE')
    db.exec('begin exclusive')
    return db
  } catch (err) {
    db.close()
    if ((err as { code?: string }).code === 'SQLITE_BUSY') throw new Error(`${DATABASE_IN_USE}（${file}）`, { cause: err })
    throw err
  }
}

/**
 * Makes the locked database being replaced self-contained: its WAL checkpointed into the main file and
 * gone (journal mode DELETE), so the file set aside is the whole database and no WAL at `dbPath-wal`
 * outlives it to be read with the restored one. The content is unchanged.
 */
function leaveWal(db: Database.Database): void {
  db.exec('commit') // the lock stays (exclusive locking mode)
  db.pragma('journal_mode = DELETE')
}

/** Where a restore put what it replaced (null: there was nothing), and how many evidence files it restored. */
export interface Restored {
  database: string | null
  files: string | null
  fileCount: number
}

/**
 * Replaces the database and its evidence files with a backup: refuses while any other process has
 * the database open (`lockDatabase`), checks the backup (integrity, and every evidence file
 * its rows name present with its hash), builds the restored database and files beside them, locks
 * the restored file too, then swaps: the replaced database and files dir are kept aside, and the
 * restored database takes the path in one rename. Both locks are held until the swap is done, so no
 * server opens either file half-way. Changes nothing when it refuses or fails.
 */
export function restoreDatabase(backupFile: string, dbPath: string, now = new Date()): Restored {
  const replaced = fs.existsSync(dbPath) ? lockReplaced(dbPath) : null
  const stamp = now.toISOString().replace(/[:.]/g, '-')
  const filesDir = filesDirOf(dbPath)
  const staging = { database: `${dbPath}.restoring-${stamp}`, files: `${filesDir}.restoring-${stamp}` }
  const aside = { database: `${dbPath}.before-restore-${stamp}`, files: `${filesDir}.before-restore-${stamp}` }
  let restored: Database.Database | null = null
  const undo: (() => void)[] = []
  try {
    checkIntegrity(backupFile)
    const hashes = checkBackupFiles(backupFile)
    if (replaced) leaveWal(replaced)
    undo.push(() => fs.rmSync(staging.database, { force: true }), () => fs.rmSync(staging.files, { recursive: true, force: true }))
    fs.mkdirSync(path.dirname(dbPath), { recursive: true })
    fs.copyFileSync(backupFile, staging.database)
    extractFiles(staging.database, staging.files, hashes)
    restored = lockDatabase(staging.database)

    const hadDatabase = fs.existsSync(dbPath)
    if (hadDatabase) {
      fs.linkSync(dbPath, aside.database)
      undo.push(() => fs.rmSync(aside.database))
    }
    // The replaced database left WAL mode: its shared-memory file is stale.
    fs.rmSync(`${dbPath}-shm`, { force: true })
    const hadFiles = fs.existsSync(filesDir)
    if (hadFiles) {
      fs.renameSync(filesDir, aside.files)
      undo.push(() => fs.renameSync(aside.files, filesDir))
    }
    if (fs.existsSync(staging.files)) fs.renameSync(staging.files, filesDir)
    undo.push(() => fs.rmSync(filesDir, { recursive: true, force: true }))
    // The one step that makes the restore visible: atomic, and the last.
    fs.renameSync(staging.database, dbPath)
    return { database: hadDatabase ? aside.database : null, files: hadFiles ? aside.files : null, fileCount: hashes.length }
  } catch (err) {
    // Put back what was there (a full disk, say): the half-built database and files go.
    for (const step of undo.reverse()) step()
    throw err
  } finally {
    replaced?.close()
    restored?.close()
  }
}

/**
 * The lock on the database being replaced. A file that is not an SQLite database (or whose header is
 * destroyed) cannot be open in any server: it is replaced without a lock.
 */
function lockReplaced(dbPath: string): Database.Database | null {
  try {
    return lockDatabase(dbPath)
  } catch (err) {
    if (['SQLITE_NOTADB', 'SQLITE_CORRUPT'].includes((err as { code?: string }).code ?? '')) return null
    throw err
  }
}

/** Takes the backup's evidence files out of the copy into `filesDir`, and drops their table. */
function extractFiles(database: string, filesDir: string, hashes: readonly string[]): void {
  const db = new Database(database)
  try {
    if (hashes.length) {
      const read = db.prepare(`select data from ${BACKUP_FILES} where sha256 = ?`).pluck()
      for (const sha256 of hashes) putBlob(filesDir, read.get(sha256) as Buffer)
    }
    if (hasTable(db, BACKUP_FILES)) {
      db.exec(`drop table ${BACKUP_FILES}`)
      db.exec('vacuum')
    }
  } finally {
    db.close()
  }
}
