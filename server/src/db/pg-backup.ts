import { execFile } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'
import { blobStateOf, putBlob, readBlob } from '../features/files/store'
import { blobProblems, type NamedFile } from './backup'
import type { PgSession } from './pg-session'

const run = promisify(execFile)

/**
 * A PostgreSQL backup is a folder: `database.dump` (`pg_dump -Fc`), `evidence.json` (every evidence
 * file its rows name: hash, bureau and name) and `files/` (their bytes, laid out as the evidence
 * folder is). The dump and the list are of one snapshot of the database.
 */
const DUMP = 'database.dump'
const MANIFEST = 'evidence.json'
const FILES = 'files'

/**
 * Runs a PostgreSQL client program on the database at `url` (null: on a file only); a failure carries its own
 * message. The password goes in the environment (PGPASSWORD), never on the command line, where any
 * local user could read it in the process list.
 */
async function tool(program: 'pg_dump' | 'pg_restore', args: string[], url: string | null): Promise<string> {
  const env = { ...process.env }
  if (url) {
    const target = new URL(url)
    if (target.password) env.PGPASSWORD = decodeURIComponent(target.password)
    target.password = ''
    args = [...args, `--dbname=${target.toString()}`]
  }
  try {
    return (await run(program, args, { env, maxBuffer: 64 * 1024 * 1024 })).stdout
  } catch (err) {
    const { stderr, code } = err as { stderr?: string; code?: unknown }
    if (code === 'ENOENT') throw new Error(`找不到 ${program}：请安装与服务器版本一致的 PostgreSQL 客户端（Debian：apt-get install postgresql-client-15）`, { cause: err })
    throw new Error(`${program} 失败：${stderr?.trim() || (err as Error).message}`, { cause: err })
  }
}

/** A dump that pg_restore can read through (its table of contents), or a throw. */
const checkDump = (file: string) => tool('pg_restore', ['--list', file], null)

/**
 * Backs a live PostgreSQL database up into the folder `destination`: one REPEATABLE READ snapshot,
 * exported to pg_dump and read for the evidence rows, so the files are those the dump's rows name;
 * each file read from `filesDir` and checked against its hash. A missing or corrupt file, or a dump
 * pg_restore cannot read, fails the backup (naming the files) and leaves nothing behind. Built
 * under a temporary name, renamed when complete. Returns how many files it holds.
 */
export async function backupPostgres(session: PgSession, destination: string, filesDir: string): Promise<{ files: number }> {
  fs.mkdirSync(path.dirname(destination), { recursive: true })
  if (fs.existsSync(destination)) throw new Error(`目标已存在：${destination}`)
  const staging = `${destination}.partial-${process.pid}`
  fs.rmSync(staging, { recursive: true, force: true })
  fs.mkdirSync(staging)
  const client = await session.pool.connect()
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
    try {
      const snapshot = (await client.query<{ id: string }>('SELECT pg_export_snapshot() AS id')).rows[0]!.id
      await tool('pg_dump', ['--format=custom', `--snapshot=${snapshot}`, `--file=${path.join(staging, DUMP)}`], session.pool.options.connectionString!)
      const named = (
        await client.query<NamedFile>(
          'SELECT DISTINCT b.name AS bureau, f.name, f.sha256 FROM evidence_files f JOIN bureaus b ON b.id = f.bureau_id ORDER BY b.name, f.name, f.sha256',
        )
      ).rows
      const hashes = [...new Set(named.map((f) => f.sha256))].sort()
      const states = new Map<string, ReturnType<typeof blobStateOf>>()
      for (const sha256 of hashes) {
        const data = await readBlob(filesDir, sha256)
        states.set(sha256, blobStateOf(data, sha256))
        if (data && states.get(sha256) === 'ok') putBlob(path.join(staging, FILES), data)
      }
      const problems = blobProblems(states, named, { missing: `在 ${filesDir} 中缺失`, corrupt: '内容与其哈希不符（已损坏）' })
      if (problems) throw new Error(`备份未完成：${problems}`)
      fs.writeFileSync(path.join(staging, MANIFEST), JSON.stringify(named, null, 1))
      await checkDump(path.join(staging, DUMP))
      fs.renameSync(staging, destination)
      return { files: hashes.length }
    } finally {
      await client.query('ROLLBACK')
    }
  } catch (err) {
    fs.rmSync(staging, { recursive: true, force: true })
    throw err
  } finally {
    client.release()
  }
}

/**
 * Checks a PostgreSQL backup folder before anything is restored: the dump readable, every evidence
 * file its list names present in `files/` with bytes that hash to its name. Answers the hashes.
 */
async function checkPostgresBackup(backupDir: string): Promise<string[]> {
  const manifest = path.join(backupDir, MANIFEST)
  if (!fs.existsSync(path.join(backupDir, DUMP)) || !fs.existsSync(manifest))
    throw new Error(`不是法治督察看板的 PostgreSQL 备份（应为含 ${DUMP} 与 ${MANIFEST} 的目录）：${backupDir}`)
  await checkDump(path.join(backupDir, DUMP))
  const named = JSON.parse(fs.readFileSync(manifest, 'utf8')) as NamedFile[]
  const hashes = [...new Set(named.map((f) => f.sha256))].sort()
  const states = new Map(await Promise.all(hashes.map(async (sha256) => [sha256, blobStateOf(await readBlob(path.join(backupDir, FILES), sha256), sha256)] as const)))
  const problems = blobProblems(states, named, { missing: '不在备份中', corrupt: '在备份中的内容与其哈希不符（备份已损坏或被改动）' })
  if (problems) throw new Error(problems)
  return hashes
}

/** How many relations (tables, views, sequences) a database has outside PostgreSQL's own schemas. */
async function relationCount(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
       WHERE s.nspname NOT IN ('pg_catalog', 'information_schema') AND s.nspname NOT LIKE 'pg\\_%' AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')`,
    )
    return rows[0]!.n
  } finally {
    await client.end()
  }
}

/**
 * Restores a PostgreSQL backup folder into the empty database at `url` (created beforehand with
 * `createdb`; a database that has tables is refused: nothing is overwritten), in one transaction,
 * then puts its evidence files into `filesDir` (content-addressed: a file already there is the same
 * bytes). Changes nothing when the backup fails its checks or the restore fails.
 */
export async function restorePostgres(backupDir: string, url: string, filesDir: string): Promise<{ fileCount: number }> {
  const hashes = await checkPostgresBackup(backupDir)
  const relations = await relationCount(url)
  if (relations > 0)
    throw new Error(
      `目标数据库不是空的（已有 ${relations} 个表、视图或序列）：PostgreSQL 备份只恢复到新建的空数据库。请用 createdb 新建一个空数据库，让 DATABASE_URL 指向它，再运行 npm run db:restore。`,
    )
  await tool('pg_restore', ['--single-transaction', '--exit-on-error', path.join(backupDir, DUMP)], url)
  for (const sha256 of hashes) putBlob(filesDir, (await readBlob(path.join(backupDir, FILES), sha256))!)
  return { fileCount: hashes.length }
}
