import { spawnSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { backupDatabase, restoreDatabase } from '../../../server/src/db/backup'
import { blobPathOf, blobStateOf, filesDirOf, putBlob } from '../../../server/src/features/files/store'
import { createTestApp, isPg, type TestContext } from '../../helpers/app'

/**
 * A backup is one file holding the database and every evidence file its rows name; a restore puts
 * both back, each file checked against its hash. A backup or restore that cannot account for every
 * file refuses, naming the files, and changes nothing.
 */
const ROOT = path.resolve(import.meta.dirname, '../../..')
let t: TestContext
let dir: string
let store: string
interface Evidence {
  id: number
  bureau: string
  name: string
  sha256: string
}
let evidence: Evidence[]

beforeAll(async () => {
  t = await createTestApp()
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-backup-files-'))
  store = filesDirOf(t.dbPath)
  const subs = t.db.$client
    .prepare(
      `select s.id, s.bureau_id as bureauId, s.year, b.name as bureau, (select indicator_code from submission_values v where v.submission_id = s.id limit 1) as indicator
       from submissions s join bureaus b on b.id = s.bureau_id where s.year = 2023 order by s.id limit 2`,
    )
    .all() as { id: number; bureauId: number; year: number; bureau: string; indicator: string }[]
  expect(subs).toHaveLength(2)
  const insert = t.db.$client.prepare(
    `insert into evidence_files (bureau_id, year, submission_id, indicator_code, name, size, type, sha256, deleted_at)
     values (?, ?, ?, ?, ?, ?, 'application/pdf', ?, ?) returning id`,
  )
  const files = [
    { sub: subs[0], name: '会议纪要.pdf', data: Buffer.concat([Buffer.from('%PDF-1.7\n'), crypto.randomBytes(300_000)]), deleted: null },
    { sub: subs[1], name: '签到表（扫描件）.pdf', data: Buffer.concat([Buffer.from('%PDF-1.4\n'), crypto.randomBytes(50_000)]), deleted: null },
    // Deleted by the bureau but kept for the audit: backed up too.
    { sub: subs[1], name: '旧版.pdf', data: Buffer.concat([Buffer.from('%PDF-1.4\n'), crypto.randomBytes(1_000)]), deleted: '2026-11-01 10:00:00' },
  ]
  evidence = files.map((f) => {
    const sha256 = putBlob(store, f.data)
    const { id } = insert.get(f.sub.bureauId, f.sub.year, f.sub.id, f.sub.indicator, f.name, f.data.length, sha256, f.deleted) as { id: number }
    return { id, bureau: f.sub.bureau, name: f.name, sha256 }
  })
  // The same bytes attached twice are stored once.
  insert.run(subs[0].bureauId, subs[0].year, subs[0].id, subs[0].indicator, '会议纪要（副本）.pdf', files[0].data.length, evidence[0].sha256, null)
})
afterAll(async () => {
  await t.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

const open = (file: string, readonly = true) => new Database(file, { readonly, fileMustExist: true })
const query = <T,>(file: string, sql: string): T[] => {
  const db = open(file)
  try {
    return db.prepare(sql).all() as T[]
  } finally {
    db.close()
  }
}
const evidenceRows = (file: string) => query(file, 'select id, name, sha256, deleted_at from evidence_files order by id')
const tableNames = (file: string) => query<{ name: string }>(file, "select name from sqlite_master where type = 'table'").map((r) => r.name)
/** Every file under a directory with its bytes' hash, to prove a refusal changed nothing. */
const treeOf = (root: string): Record<string, string> =>
  fs.existsSync(root)
    ? Object.fromEntries(
        (fs.readdirSync(root, { recursive: true }) as string[])
          .filter((f) => fs.statSync(path.join(root, f)).isFile())
          .sort()
          .map((f) => [f, crypto.createHash('sha256').update(fs.readFileSync(path.join(root, f))).digest('hex')]),
      )
    : {}

let backup: string
// SQLite only: SQLite online backup of the database file and its evidence folder (PostgreSQL backs up with pg_dump).
describe.skipIf(isPg)('backup', () => {
  it('holds the database and every referenced evidence file, deleted ones too, in one file', async () => {
    backup = path.join(dir, 'app-backup.db')
    expect(await backupDatabase(t.db.$client, backup)).toEqual({ files: 3 })
    expect(fs.readdirSync(dir)).toEqual(['app-backup.db'])
    const stored = query<{ sha256: string; data: Buffer }>(backup, 'select sha256, data from backup_files order by sha256')
    expect(stored.map((s) => s.sha256)).toEqual(evidence.map((e) => e.sha256).sort())
    for (const s of stored) expect(crypto.createHash('sha256').update(s.data).digest('hex')).toBe(s.sha256)
    expect(evidenceRows(backup)).toEqual(evidenceRows(t.dbPath))
  })

  it('fails naming a missing file (bureau, name, hash) and leaves nothing behind', async () => {
    const lost = evidence[1]
    const blob = blobPathOf(store, lost.sha256)
    const bytes = fs.readFileSync(blob)
    fs.rmSync(blob)
    try {
      const file = path.join(dir, 'missing.db')
      const err = await backupDatabase(t.db.$client, file).then(() => null, (e: Error) => e)
      expect(err?.message).toContain('缺失')
      expect(err?.message).toContain(`${lost.bureau}「${lost.name}」（${lost.sha256}）`)
      expect(fs.existsSync(file)).toBe(false)
    } finally {
      fs.writeFileSync(blob, bytes)
    }
  })

  it('fails naming a corrupt file', async () => {
    const bad = evidence[0]
    const blob = blobPathOf(store, bad.sha256)
    const bytes = fs.readFileSync(blob)
    fs.writeFileSync(blob, Buffer.concat([bytes.subarray(0, 1000), Buffer.from('tampered')]))
    try {
      const file = path.join(dir, 'corrupt.db')
      const err = await backupDatabase(t.db.$client, file).then(() => null, (e: Error) => e)
      expect(err?.message).toContain('已损坏')
      expect(err?.message).toContain(`${bad.bureau}「${bad.name}」（${bad.sha256}）`)
      expect(fs.existsSync(file)).toBe(false)
    } finally {
      fs.writeFileSync(blob, bytes)
    }
  })
})

describe.skipIf(isPg)('restore', () => {
  const site = () => path.join(dir, 'site')
  const target = () => path.join(site(), 'app.db')

  it('puts the database and every file back after both were lost, setting the old ones aside', () => {
    fs.mkdirSync(site(), { recursive: true })
    expect(restoreDatabase(backup, target())).toMatchObject({ database: null, files: null, fileCount: 3 })

    // The disaster: the files are wiped, the database changed.
    fs.rmSync(filesDirOf(target()), { recursive: true })
    putBlob(filesDirOf(target()), Buffer.from('a stray file'))
    const db = open(target(), false)
    db.prepare('delete from evidence_files').run()
    db.prepare("update bureaus set name = '改过的名称'").run()
    db.close()

    const restored = restoreDatabase(backup, target(), new Date('2026-11-29T03:00:00Z'))
    expect(restored).toEqual({
      database: `${target()}.before-restore-2026-11-29T03-00-00-000Z`,
      files: `${filesDirOf(target())}.before-restore-2026-11-29T03-00-00-000Z`,
      fileCount: 3,
    })
    expect(evidenceRows(target())).toEqual(evidenceRows(t.dbPath))
    expect(query(target(), 'select name from bureaus order by id')).toEqual(query(t.dbPath, 'select name from bureaus order by id'))
    for (const e of evidence) expect(blobStateOf(fs.readFileSync(blobPathOf(filesDirOf(target()), e.sha256)), e.sha256)).toBe('ok')
    expect(Object.keys(treeOf(filesDirOf(target())))).toHaveLength(3)
    // The restored database is the product's own: the backup's file table is gone.
    expect(tableNames(target())).not.toContain('backup_files')
    expect(Object.keys(treeOf(restored.files!))).toHaveLength(1)
    expect(evidenceRows(restored.database!)).toEqual([])
  })

  it('refuses a backup whose file bytes were altered, and changes nothing', () => {
    const tampered = path.join(dir, 'tampered.db')
    fs.copyFileSync(backup, tampered)
    const db = open(tampered, false)
    db.prepare("update backup_files set data = cast('altered' as blob) where sha256 = ?").run(evidence[2].sha256)
    db.close()
    const before = treeOf(site())
    expect(() => restoreDatabase(tampered, target())).toThrow(`${evidence[2].bureau}「${evidence[2].name}」（${evidence[2].sha256}）`)
    expect(() => restoreDatabase(tampered, target())).toThrow(/哈希不符/)
    expect(treeOf(site())).toEqual(before)
  })

  it('refuses a backup that lacks a referenced file', () => {
    const partial = path.join(dir, 'partial.db')
    fs.copyFileSync(backup, partial)
    const db = open(partial, false)
    db.prepare('delete from backup_files where sha256 = ?').run(evidence[0].sha256)
    db.close()
    const before = treeOf(site())
    expect(() => restoreDatabase(partial, target())).toThrow(/不在备份中[\s\S]*会议纪要\.pdf/)
    expect(treeOf(site())).toEqual(before)
  })

  it('restores a backup from before evidence files (no file table, no evidence rows)', async () => {
    const plain = await createTestApp()
    try {
      const old = path.join(dir, 'before-issue-15.db')
      await plain.db.$client.backup(old)
      expect(tableNames(old)).not.toContain('backup_files')
      const elsewhere = path.join(dir, 'elsewhere', 'app.db')
      expect(restoreDatabase(old, elsewhere)).toEqual({ database: null, files: null, fileCount: 0 })
      expect(query(elsewhere, 'select count(*) as n from submissions')).toEqual(query(plain.dbPath, 'select count(*) as n from submissions'))
    } finally {
      await plain.close()
    }
  })
})

describe.skipIf(isPg)('the npm run db:backup and db:restore commands', () => {
  const cli = (script: string, file: string, dbPath: string) =>
    spawnSync(process.execPath, ['--import', 'tsx', `server/src/db/${script}`, file], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, DB_PATH: dbPath } })

  it('carry the files through real processes', () => {
    const file = path.join(dir, 'cli-backup.db')
    const backedUp = cli('cli-backup.ts', file, t.dbPath)
    expect(backedUp.status).toBe(0)
    expect(backedUp.stdout).toContain('3 个佐证材料文件')

    const restoredTo = path.join(dir, 'cli-site', 'app.db')
    const restored = cli('cli-restore.ts', file, restoredTo)
    expect(restored.status).toBe(0)
    expect(restored.stdout).toContain('含 3 个佐证材料文件')
    for (const e of evidence) expect(blobStateOf(fs.readFileSync(blobPathOf(filesDirOf(restoredTo), e.sha256)), e.sha256)).toBe('ok')
    expect(evidenceRows(restoredTo)).toEqual(evidenceRows(t.dbPath))

    fs.rmSync(blobPathOf(store, evidence[2].sha256))
    const failed = cli('cli-backup.ts', path.join(dir, 'cli-failed.db'), t.dbPath)
    expect(failed.status).toBe(1)
    expect(failed.stderr).toContain(`备份失败：备份未完成：1 个佐证材料文件在`)
    expect(failed.stderr).toContain(evidence[2].sha256)
    expect(fs.existsSync(path.join(dir, 'cli-failed.db'))).toBe(false)
  }, 60_000)
})
