import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Db, migrateDatabase, openDatabase } from '../../../server/src/db/client'
import { runExclusively, runUnlessRunning } from '../../../server/src/db/job-lock'
import { auditedTransaction } from '../../../server/src/db/transaction'
import { backupPostgres, restorePostgres } from '../../../server/src/db/pg-backup'
import { blobPathOf, putBlob } from '../../../server/src/features/files/store'
import { seedDemo } from '../../../seed/demo'
import { DEMO_PASSWORD } from '../../helpers/app'

/**
 * Operating a PostgreSQL deployment (TEST_DB=pg; the cluster's admin URL is TEST_PG_URL): the
 * `pg_dump` backup with its evidence files, the restore into an empty database only, and the job
 * locks that let one of several app servers run a nightly job.
 */
const isPg = process.env.TEST_DB === 'pg'
const adminUrl = process.env.TEST_PG_URL ?? 'postgres://fazhi:fazhi@127.0.0.1:5433/postgres'
const names = {
  source: `pg_ops_${process.pid}`,
  target: `pg_ops_${process.pid}_restored`,
  refused: `pg_ops_${process.pid}_refused`,
  cli: `pg_ops_${process.pid}_cli`,
}
const urlOf = (name: string) => Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString()

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}
const ROOT = path.resolve(import.meta.dirname, '../../..')
/** A maintenance command (`npm run …`) as a real process on the database `url`. */
const cli = (script: string, url: string, key: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, DATABASE_URL: url, AUDIT_HMAC_KEY: key } })
const createDatabase = (name: string) => admin((c) => c.query(`CREATE DATABASE "${name}" LOCALE 'C.UTF-8' TEMPLATE template0`))

/** What a database holds, for comparing a restore with its source. */
async function contents(url: string) {
  const db = openDatabase(url, 'pg-operations')
  try {
    return await db.connection.get<Record<string, number | string>>(
      `select (select count(*)::int from submissions) as submissions, (select count(*)::int from submission_values) as "values",
              (select string_agg(sha256, ',' order by sha256) from evidence_files) as evidence, (select count(*)::int from users) as users`,
    )
  } finally {
    await db.connection.close()
  }
}

let dir: string
let db: Db
const pgSession = () => {
  if (db.connection.dialect !== 'pg') throw new Error('not a PostgreSQL database')
  return db.connection
}
const evidence = [Buffer.from('会议纪要：二〇二五年第一次会议'), Buffer.from('整改报告')]
const hashes: string[] = []

describe.skipIf(!isPg)('PostgreSQL operations', () => {
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-pg-ops-'))
    await createDatabase(names.source)
    db = openDatabase(urlOf(names.source), 'pg-operations')
    await migrateDatabase(db)
    await seedDemo(db, { password: DEMO_PASSWORD })
    // Two evidence files named by rows (one of them twice, as the same bytes uploaded for two indicators).
    const files = path.join(dir, 'files')
    for (const data of evidence) hashes.push(putBlob(files, data))
    const sub = (await db.connection.get<{ id: number; bureauId: number; year: number }>('select id, bureau_id as "bureauId", year from submissions order by id limit 1'))!
    const codes = (await db.connection.all<{ code: string }>('select code from indicators order by code limit 2')).map((r) => r.code)
    for (const [i, sha256] of [hashes[0], hashes[1], hashes[1]].entries())
      await db.connection.run(
        "insert into evidence_files (bureau_id, year, submission_id, indicator_code, name, size, type, sha256) values (?, ?, ?, ?, ?, 1, 'text/plain', ?)",
        [sub.bureauId, sub.year, sub.id, codes[i % 2], `材料${i}.txt`, sha256],
      )
  }, 120_000)

  afterAll(async () => {
    await db?.connection.close()
    await admin(async (c) => {
      for (const name of Object.values(names)) await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
    })
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it('backs up the database and the evidence files its rows name, and restores both into an empty database', async () => {
    const backup = path.join(dir, 'backup')
    expect(await backupPostgres(pgSession(), backup, path.join(dir, 'files'))).toEqual({ files: 2 })
    expect(fs.readdirSync(backup).sort()).toEqual(['database.dump', 'evidence.json', 'files'])
    // A write after the backup is not in it.
    const office = "select display_name as name from users where username = 'office'"
    const before = await db.connection.get(office)
    await db.connection.run("update users set display_name = '备份之后' where username = 'office'")

    await createDatabase(names.target)
    expect(await restorePostgres(backup, urlOf(names.target), path.join(dir, 'restored-files'))).toEqual({ fileCount: 2 })
    const restored = await contents(urlOf(names.target))
    expect(restored).toEqual({ ...(await contents(urlOf(names.source))), evidence: [hashes[0], hashes[1], hashes[1]].sort().join(',') })
    for (const [i, sha256] of hashes.entries()) expect(fs.readFileSync(blobPathOf(path.join(dir, 'restored-files'), sha256))).toEqual(evidence[i])
    const restoredDb = openDatabase(urlOf(names.target), 'pg-operations')
    try {
      expect(await restoredDb.connection.get(office)).toEqual(before)
      expect(before).not.toEqual({ name: '备份之后' })
    } finally {
      await restoredDb.connection.close()
    }

    // The restored database is no longer empty: a second restore into it is refused.
    await expect(restorePostgres(backup, urlOf(names.target), path.join(dir, 'restored-files'))).rejects.toThrow(/目标数据库不是空的/)
  })

  it('refuses a backup whose evidence file was altered, before restoring anything', async () => {
    const backup = path.join(dir, 'tampered')
    await backupPostgres(pgSession(), backup, path.join(dir, 'files'))
    fs.writeFileSync(blobPathOf(path.join(backup, 'files'), hashes[1]), '被改动的内容')
    await createDatabase(names.refused)
    const err = await restorePostgres(backup, urlOf(names.refused), path.join(dir, 'refused-files')).then(() => null, (e: Error) => e)
    expect(err?.message).toMatch(/^1 个佐证材料文件在备份中的内容与其哈希不符/)
    expect(err?.message).toContain(`「材料1.txt」（${hashes[1]}）`)
    const client = new pg.Client({ connectionString: urlOf(names.refused) })
    await client.connect()
    const tables = (await client.query<{ n: number }>("select count(*)::int as n from pg_tables where schemaname = 'public'")).rows[0]!.n
    await client.end()
    expect(tables).toBe(0)
    expect(fs.existsSync(path.join(dir, 'refused-files'))).toBe(false)
  })

  it('writes no backup when an evidence file is missing, naming it', async () => {
    const files = path.join(dir, 'files')
    const moved = path.join(dir, 'moved')
    fs.renameSync(blobPathOf(files, hashes[0]), moved)
    try {
      const backup = path.join(dir, 'incomplete')
      await expect(backupPostgres(pgSession(), backup, files)).rejects.toThrow(/备份未完成：1 个佐证材料文件在 .* 中缺失：\n.*「材料0\.txt」/)
      expect(fs.readdirSync(dir).filter((f) => f.startsWith('incomplete'))).toEqual([])
    } finally {
      fs.renameSync(moved, blobPathOf(files, hashes[0]))
    }
  })

  it('a nightly job runs in one process: another finding it running skips it, one waiting for it runs after', async () => {
    const other = openDatabase(urlOf(names.source), 'pg-operations')
    try {
      let finish!: () => void
      const held = new Promise<void>((resolve) => (finish = resolve))
      const order: string[] = []
      const first = runUnlessRunning(db, 'backup', async () => {
        order.push('first')
        await held
        return 'first'
      })
      await expect.poll(() => order).toEqual(['first'])
      expect(await runUnlessRunning(other, 'backup', async () => 'second')).toEqual({ ran: false })
      // Another job is not held by it.
      expect(await runUnlessRunning(other, 'dueReminders', async () => 'reminders')).toEqual({ ran: true, result: 'reminders' })
      const waiting = runExclusively(other, 'backup', async () => order.push('waiting'))
      await new Promise((r) => setTimeout(r, 300))
      expect(order).toEqual(['first'])
      finish()
      expect(await first).toEqual({ ran: true, result: 'first' })
      await waiting
      expect(order).toEqual(['first', 'waiting'])
      expect(await runUnlessRunning(other, 'backup', async () => 'later')).toEqual({ ran: true, result: 'later' })
    } finally {
      await other.connection.close()
    }
  })

  it('npm run db:seed and audit:verify take DATABASE_URL: the demo seeded once, the chain checked, a tampered row and a disabled trigger named', async () => {
    await createDatabase(names.cli)
    const url = urlOf(names.cli)
    const seeded = cli('seed/cli.ts', url, 'cli-key')
    expect(seeded.status, seeded.stderr).toBe(0)
    expect(seeded.stdout).toContain('已写入演示数据')
    const again = cli('seed/cli.ts', url, 'cli-key')
    expect(again.status).toBe(1)
    expect(again.stderr).toContain('已有数据，未写入演示数据')

    // Three audited actions, written as the app writes them.
    const app = openDatabase(url, 'cli-key')
    try {
      const transaction = auditedTransaction(app)
      for (let i = 0; i < 3; i++)
        await transaction({ user: null, name: 'tester', ip: '10.0.0.1' }, (audit) => audit({ action: 'export', objectType: 'row', objectId: i, after: { i } }))
    } finally {
      await app.connection.close()
    }

    const intact = cli('server/src/db/cli-audit-verify.ts', url, 'cli-key')
    expect(intact.status, intact.stdout + intact.stderr).toBe(0)
    expect(intact.stdout).toContain('已检查 3 行')
    expect(intact.stdout).toContain('触发器：齐全')
    expect(intact.stdout).toContain('结果：哈希链完整')
    expect(intact.stdout).not.toContain(':fazhi@')

    // The owner of the tables can switch a guard off and edit a row: both show.
    const owner = new pg.Client({ connectionString: url })
    await owner.connect()
    let first: number
    try {
      await owner.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update')
      first = (await owner.query<{ id: number }>("UPDATE audit_events SET action = 'tampered' WHERE id = (SELECT min(id) FROM audit_events) RETURNING id")).rows[0].id
    } finally {
      await owner.end()
    }
    const broken = cli('server/src/db/cli-audit-verify.ts', url, 'cli-key')
    expect(broken.status, broken.stdout + broken.stderr).toBe(1)
    expect(broken.stdout).toContain('触发器缺失：audit_events_no_update')
    expect(broken.stdout).toContain(`结果：哈希链自第 ${first} 行起断裂`)

    const wrongKey = cli('server/src/db/cli-audit-verify.ts', url, 'another-key')
    expect(wrongKey.stdout).toContain('AUDIT_HMAC_KEY 与本数据库记录的密钥指纹不符')
    const unreachable = cli('server/src/db/cli-audit-verify.ts', urlOf(`${names.cli}_missing`), 'cli-key')
    expect(unreachable.status).toBe(2)
    expect(unreachable.stderr).toContain('PostgreSQL 中没有这个数据库')
  }, 120_000)
})
