import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHash } from 'node:crypto'
import { sqliteSession } from '../../../server/src/db/sqlite-session'
import { appendAuditRow, AUDIT_TRIGGERS, openAuditReadOnly, registerAuditChain, verifyAuditChain } from '../../../server/src/db/audit-chain'
import { migrateDatabase, openDatabase, StartupError, type Db } from '../../../server/src/db/client'
import { auditedTransaction } from '../../../server/src/db/transaction'
import { createTestApp, isPg, login, seededTemplate, type TestContext } from '../../helpers/app'

/**
 * The audit log's tamper evidence (issue 16, item 4): the product's own connection refuses every
 * way of rewriting the log, and what someone with the file does is found by the verify step, which
 * names the first broken row, in code and as `npm run audit:verify`.
 */

const ROOT = path.resolve(import.meta.dirname, '../../..')
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-audit-chain-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

/** `npm run audit:verify` as a real process on `dbPath`. */
const verifyCli = (dbPath: string, key = '') =>
  spawnSync(process.execPath, ['--import', 'tsx', 'server/src/db/cli-audit-verify.ts'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, DB_PATH: dbPath, AUDIT_HMAC_KEY: key },
  })

/** Appends `n` ordinary audit rows through the product's one audited write. */
async function writeRows(db: Db, n: number): Promise<void> {
  const transaction = auditedTransaction(db)
  for (let i = 0; i < n; i++)
    await transaction({ user: null, name: 'tester', ip: '10.0.0.1' }, (audit) => audit({ action: 'export', objectType: 'row', objectId: i, after: { i } }))
}

const ids = (sql: Database.Database) => sql.prepare('SELECT id FROM audit_events ORDER BY id').pluck().all() as number[]
const rowOf = (sql: Database.Database, id: number) => sql.prepare('SELECT * FROM audit_events WHERE id = ?').get(id)

// SQLite only: tampers with the SQLite file and verifies it with verifyAuditChain on a SQLite connection.
describe.skipIf(isPg)('through the product’s own connection', () => {
  let t: TestContext
  let sql: Database.Database
  beforeAll(async () => {
    t = await createTestApp()
    await login(t.app, 'office')
    await login(t.app, 'kjj')
    await writeRows(t.db, 3)
    sql = t.db.$client
  })
  afterAll(() => t.close())

  /** A copy of row `id` with another action, hashed as the database would hash it: only the chain's rules refuse it. */
  const forgedCopy = (verb: string, id: number) => `
    ${verb} INTO audit_events (id, at, user_id, username, ip, action, object_type, object_id, success, before, after, prev_hash, hash)
    SELECT id, at, user_id, username, ip, 'forged', object_type, object_id, success, before, after, prev_hash,
      audit_row_hash(prev_hash, id, at, user_id, username, ip, 'forged', object_type, object_id, success, before, after)
    FROM audit_events WHERE id = ${id}`

  it('refuses INSERT OR REPLACE and REPLACE of an existing row, which leaves it unchanged', () => {
    const [first, second] = ids(sql)
    for (const [verb, id] of [['INSERT OR REPLACE', first!], ['REPLACE', second!]] as const) {
      const before = rowOf(sql, id)
      const count = ids(sql).length
      expect(() => sql.prepare(forgedCopy(verb, id)).run(), verb).toThrow(/append-only/)
      expect(rowOf(sql, id), verb).toEqual(before)
      expect(ids(sql).length).toBe(count)
    }
  })

  it('refuses UPDATE and DELETE, of one row or all', () => {
    const [first] = ids(sql)
    const before = rowOf(sql, first!)
    expect(() => sql.prepare("UPDATE audit_events SET action = 'x' WHERE id = ?").run(first)).toThrow(/append-only/)
    expect(() => sql.prepare('UPDATE audit_events SET hash = NULL').run()).toThrow(/append-only/)
    expect(() => sql.prepare('DELETE FROM audit_events WHERE id = ?').run(first)).toThrow(/append-only/)
    expect(() => sql.prepare('DELETE FROM audit_events').run()).toThrow(/append-only/)
    expect(rowOf(sql, first!)).toEqual(before)
  })

  it('refuses a forged row: a wrong hash, a wrong predecessor, an existing id', () => {
    const count = ids(sql).length
    const head = sql.prepare('SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string }
    const insert = (id: number, prev: string | null, hash: string) =>
      sql
        .prepare("INSERT INTO audit_events (id, at, username, action, success, prev_hash, hash) VALUES (?, '2100-01-01T00:00:00.000Z', 'mallory', 'login', 1, ?, ?)")
        .run(id, prev, hash)
    const rightHash = (id: number, prev: string | null) =>
      sql
        .prepare("SELECT audit_row_hash(?, ?, '2100-01-01T00:00:00.000Z', NULL, 'mallory', NULL, 'login', NULL, NULL, 1, NULL, NULL)")
        .pluck()
        .get(prev, id) as string
    expect(() => insert(head.id + 1, head.hash, 'f'.repeat(64))).toThrow(/append-only/)
    expect(() => insert(head.id + 1, 'e'.repeat(64), rightHash(head.id + 1, 'e'.repeat(64)))).toThrow(/append-only/)
    expect(() => insert(head.id, head.hash, rightHash(head.id, head.hash))).toThrow(/append-only/)
    expect(ids(sql).length).toBe(count)
    // The same row, continuing the chain as the product writes it, is accepted: the refusals above are the chain's.
    insert(head.id + 1, head.hash, rightHash(head.id + 1, head.hash))
    expect(verifyAuditChain(sql)).toMatchObject({ rows: count + 1, broken: null, missingTriggers: [] })
  })

  it('refuses dropping the log’s triggers or adding one, and dropping or altering the audit table', () => {
    for (const statement of [
      'DROP TRIGGER audit_events_no_delete',
      'drop trigger if exists audit_events_append_only',
      'DROP TABLE audit_events',
      'ALTER TABLE audit_events RENAME TO old_events',
      'PRAGMA writable_schema = ON',
      'DROP/**/TRIGGER audit_events_no_delete',
      'drop   trigger audit_events_no_update',
      'DROP TRIGGER IF EXISTS audit_events_no_delete',
      'DROP -- a comment\n TRIGGER audit_events_no_delete',
      "SELECT '--'; DROP TRIGGER audit_events_no_delete",
      'ALTER TABLE main.audit_events RENAME TO y',
      'DROP TABLE main.audit_events',
      'DROP TABLE IF EXISTS temp.audit_events',
      'DROP TABLE "main"."audit_events"',
      'ALTER TABLE [main] . [audit_events] DROP COLUMN hash',
      'drop table `audit_events`',
      "DROP TABLE 'audit_events'",
      'PRAGMA main."writable_schema" = 1',
      'DROP TRIGGER main.audit_events_no_delete',
      // A trigger of its own on the log would swallow rows (RAISE(IGNORE)) without breaking the chain.
      "CREATE TEMP TRIGGER hush BEFORE INSERT ON audit_events WHEN NEW.action = 'login' BEGIN SELECT RAISE(IGNORE); END",
      "create trigger hush before insert on main.audit_events begin select raise(ignore); end",
    ]) {
      expect(() => sql.exec(statement), statement).toThrow(/防篡改保护/)
      expect(() => sql.prepare(statement), statement).toThrow(/防篡改保护/)
    }
    expect(verifyAuditChain(sql).missingTriggers).toEqual([])
    expect(() => sql.prepare('DELETE FROM audit_events').run()).toThrow(/append-only/)
    // Triggers of other tables are the product's own business (tests add and drop temporary ones).
    sql.exec('CREATE TEMP TRIGGER other BEFORE INSERT ON regions BEGIN SELECT 1; END')
    expect(() => sql.exec('DROP TRIGGER other')).not.toThrow()
  })
})

describe.skipIf(isPg)('with access to the file: the verify step finds what was done', () => {
  let template: string
  beforeAll(async () => {
    template = await seededTemplate((db) => writeRows(db, 12))
  })

  /** A copy of the template changed by `tamper` through a plain connection, then opened as the product opens it. */
  function tampered(name: string, tamper: (plain: Database.Database, rowIds: number[]) => void): { db: Db; file: string } {
    const file = path.join(dir, `${name}.db`)
    fs.copyFileSync(template, file)
    const plain = new Database(file)
    tamper(plain, ids(plain))
    plain.close()
    return { db: openDatabase(file, ''), file }
  }
  const dropTriggers = (plain: Database.Database) => {
    for (const trigger of AUDIT_TRIGGERS) plain.exec(`DROP TRIGGER ${trigger}`)
  }

  it('an untouched log verifies, and the command says so with exit code 0', () => {
    const { db, file } = tampered('intact', () => {})
    const state = verifyAuditChain(db.$client)
    expect(state).toMatchObject({ rows: 12, broken: null, missingTriggers: [], keyed: false })
    expect(state.head).toEqual({ id: 12, hash: expect.stringMatching(/^[0-9a-f]{64}$/) })
    db.$client.close()
    const run = verifyCli(file)
    expect(run.status, run.stderr).toBe(0)
    expect(run.stdout).toContain('已检查 12 行')
    expect(run.stdout).toContain(`链头：#12 ${state.head!.hash}`)
    expect(run.stdout).toContain('请将链头记录在系统之外')
    expect(run.stdout).toContain('未设置 AUDIT_HMAC_KEY')
    expect(run.stdout).toContain('结果：哈希链完整')
  })

  it('a changed row is named, with the dropped triggers', () => {
    const { db, file } = tampered('changed', (plain, rowIds) => {
      dropTriggers(plain)
      plain.prepare("UPDATE audit_events SET username = 'someone-else' WHERE id = ?").run(rowIds[6])
    })
    expect(verifyAuditChain(db.$client)).toMatchObject({
      rows: 12,
      broken: { id: 7, reason: expect.stringContaining('内容与其哈希不符') },
      missingTriggers: [...AUDIT_TRIGGERS],
    })
    db.$client.close()
    const run = verifyCli(file)
    expect(run.status).toBe(1)
    expect(run.stdout).toContain('自第 7 行起断裂')
    expect(run.stdout).toContain('触发器缺失：audit_events_append_only、audit_events_no_update、audit_events_no_delete')
  })

  it('a deleted middle row is found at the row after it', () => {
    const { db, file } = tampered('deleted', (plain) => {
      dropTriggers(plain)
      plain.prepare('DELETE FROM audit_events WHERE id = 5').run()
    })
    expect(verifyAuditChain(db.$client)).toMatchObject({ rows: 11, broken: { id: 6, reason: expect.stringContaining('前一行（#4）') } })
    db.$client.close()
    const run = verifyCli(file)
    expect(run.status).toBe(1)
    expect(run.stdout).toContain('自第 6 行起断裂')
  })

  it('a forged row, inserted at the end or REPLACEd over a row, is named', () => {
    const forged = tampered('forged', (plain) => {
      dropTriggers(plain)
      const head = plain.prepare('SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1').pluck().get()
      plain
        .prepare("INSERT INTO audit_events (id, at, username, action, success, prev_hash, hash) VALUES (13, '2100-01-01T00:00:00.000Z', 'mallory', 'login', 1, ?, ?)")
        .run(head, 'a'.repeat(64))
    })
    expect(verifyAuditChain(forged.db.$client).broken).toEqual({ id: 13, reason: expect.stringContaining('内容与其哈希不符') })
    forged.db.$client.close()

    const replaced = tampered('replaced', (plain) => {
      dropTriggers(plain)
      plain.exec(`REPLACE INTO audit_events (id, at, user_id, username, ip, action, object_type, object_id, success, before, after, prev_hash, hash)
        SELECT id, at, user_id, username, '6.6.6.6', action, object_type, object_id, success, before, after, prev_hash, hash FROM audit_events WHERE id = 3`)
    })
    expect(verifyAuditChain(replaced.db.$client)).toMatchObject({ rows: 12, broken: { id: 3 } })
    replaced.db.$client.close()
  })

  it('missing triggers alone fail the command, though the chain holds', () => {
    const { db, file } = tampered('triggers', (plain) => plain.exec('DROP TRIGGER audit_events_no_delete'))
    expect(verifyAuditChain(db.$client)).toMatchObject({ broken: null, missingTriggers: ['audit_events_no_delete'] })
    db.$client.close()
    const run = verifyCli(file)
    expect(run.status).toBe(1)
    expect(run.stdout).toContain('触发器缺失：audit_events_no_delete')
  })

  it('a log stripped of its hashes (triggers put back) is not sealed anew at the next start: every row stays broken', async () => {
    const { db, file } = tampered('stripped', (plain) => {
      const triggers = plain.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_events'").pluck().all() as string[]
      dropTriggers(plain)
      plain.prepare("UPDATE audit_events SET username = 'someone-else' WHERE id = 3").run()
      plain.exec('UPDATE audit_events SET hash = NULL, prev_hash = NULL')
      for (const sql of triggers) plain.exec(sql)
    })
    await migrateDatabase(db)
    const state = verifyAuditChain(db.$client)
    expect(state).toMatchObject({ rows: 12, missingTriggers: [], brokenCount: 12, broken: { id: 1, reason: expect.stringContaining('没有哈希') } })
    expect(state.brokenRows.map((r) => r.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
    db.$client.close()
    // Nor by the command, which only reads.
    const run = verifyCli(file)
    expect(run.status).toBe(1)
    expect(run.stdout).toContain('共 12 行不符')
  })

  it('the triggers refuse a row that skips an id or goes back in time, even hashed right; verify names such rows', () => {
    const file = path.join(dir, 'strict.db')
    fs.copyFileSync(template, file)
    const db = openDatabase(file, '')
    const sql = db.$client
    const head = sql.prepare('SELECT id, at, hash FROM audit_events ORDER BY id DESC LIMIT 1').get() as { id: number; at: string; hash: string }
    const insert = (id: number, at: string) =>
      sql
        .prepare(`INSERT INTO audit_events (id, at, username, action, success, prev_hash, hash)
          VALUES (@id, @at, 'mallory', 'login', 1, @prev, audit_row_hash(@prev, @id, @at, NULL, 'mallory', NULL, 'login', NULL, NULL, 1, NULL, NULL))`)
        .run({ id, at, prev: head.hash })
    const later = new Date(Date.parse(head.at) + 1000).toISOString()
    const earlier = new Date(Date.parse(head.at) - 1000).toISOString()
    expect(() => insert(head.id + 2, later)).toThrow(/append-only/)
    expect(() => insert(head.id + 1, earlier)).toThrow(/append-only/)
    insert(head.id + 1, later)
    expect(verifyAuditChain(sql)).toMatchObject({ rows: 13, brokenCount: 0 })
    db.$client.close()

    // With the triggers gone, such rows get in: verify names each.
    const plain = new Database(file)
    registerAuditChain(plain, '')
    for (const trigger of AUDIT_TRIGGERS) plain.exec(`DROP TRIGGER ${trigger}`)
    const last = plain.prepare('SELECT hash FROM audit_events WHERE id = 13').pluck().get() as string
    const add = plain.prepare(`INSERT INTO audit_events (id, at, username, action, success, prev_hash, hash)
      VALUES (@id, @at, 'mallory', 'login', 1, @prev, audit_row_hash(@prev, @id, @at, NULL, 'mallory', NULL, 'login', NULL, NULL, 1, NULL, NULL))`)
    add.run({ id: 15, at: later, prev: last })
    const gapHash = plain.prepare('SELECT hash FROM audit_events WHERE id = 15').pluck().get() as string
    add.run({ id: 16, at: earlier, prev: gapHash })
    plain.close()
    const checked = openAuditReadOnly(file, '')
    expect(verifyAuditChain(checked).brokenRows).toEqual([
      { id: 15, reason: expect.stringContaining('编号不连续') },
      { id: 16, reason: expect.stringContaining('时间早于前一行') },
    ])
    checked.close()
  })

  it('verifying leaves the file byte for byte as it was (a backup stays a backup)', () => {
    const file = path.join(dir, 'untouched.db')
    fs.copyFileSync(template, file)
    const digest = () => createHash('sha256').update(fs.readFileSync(file)).digest('hex')
    const before = digest()
    const run = verifyCli(file)
    expect(run.status, run.stderr).toBe(0)
    expect(digest()).toBe(before)
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('untouched.db-'))).toEqual([])
  })

  it('a cut-off tail leaves a chain that holds: only the head noted elsewhere shows it', () => {
    const intact = openDatabase(template, '')
    const noted = verifyAuditChain(intact.$client).head
    intact.$client.close()
    const { db } = tampered('cut', (plain) => {
      dropTriggers(plain)
      plain.exec('DELETE FROM audit_events WHERE id > 9')
    })
    const state = verifyAuditChain(db.$client)
    expect(state.broken).toBeNull()
    expect(state.head).not.toEqual(noted)
    db.$client.close()
  })
})

describe.skipIf(isPg)('with AUDIT_HMAC_KEY', () => {
  it('a chain written with one key fails verification with another, naming the key', async () => {
    const file = path.join(dir, 'keyed.db')
    const db = openDatabase(file, 'key-one')
    await migrateDatabase(db)
    await writeRows(db, 4)
    expect(verifyAuditChain(db.$client)).toMatchObject({ rows: 4, broken: null, keyed: true })
    db.$client.close()

    for (const key of ['key-two', '']) {
      const other = openAuditReadOnly(file, key)
      const state = verifyAuditChain(other)
      expect(state.keyed, key).toBe(key !== '')
      expect(state.broken, key).toEqual({ id: 1, reason: expect.stringContaining('AUDIT_HMAC_KEY') })
      expect(state.brokenCount, key).toBe(4)
      other.close()
    }

    const right = verifyCli(file, 'key-one')
    expect(right.status, right.stderr).toBe(0)
    expect(right.stdout).toContain('密钥：已设置 AUDIT_HMAC_KEY')
    const wrong = verifyCli(file, 'key-two')
    expect(wrong.status).toBe(1)
    expect(wrong.stdout).toContain('自第 1 行起断裂，共 4 行不符')
    expect(wrong.stdout).toContain('与本数据库记录的密钥指纹不符')
  })

  it('the product refuses to open a database with another key or none, so no row is hashed with the wrong one', async () => {
    const file = path.join(dir, 'keyed-refused.db')
    const db = openDatabase(file, 'secret')
    await migrateDatabase(db)
    await writeRows(db, 2)
    db.$client.close()
    for (const key of ['other', ''])
      expect(() => openDatabase(file, key), key).toThrow(expect.objectContaining({ constructor: StartupError, message: expect.stringContaining('AUDIT_HMAC_KEY') }))
    // A database begun without a key is refused with one, too: its chain is hashed with none.
    const unkeyed = path.join(dir, 'unkeyed-refused.db')
    const plainDb = openDatabase(unkeyed, '')
    await migrateDatabase(plainDb)
    plainDb.$client.close()
    expect(() => openDatabase(unkeyed, 'late-key')).toThrow(/AUDIT_HMAC_KEY/)
    // Every command goes through openDatabase: `npm run user:create` without the key changes nothing.
    const before = fs.readFileSync(file)
    const cli = spawnSync(process.execPath, ['--import', 'tsx', 'server/src/features/users/cli-create.ts', '--role', 'auditor', '--username', 'late_auditor'], {
      cwd: ROOT,
      encoding: 'utf8',
      input: 'Strong@Pass2026\nStrong@Pass2026\n',
      env: { ...process.env, DB_PATH: file, AUDIT_HMAC_KEY: '' },
    })
    expect(cli.status).not.toBe(0)
    expect(cli.stderr + cli.stdout).toContain('AUDIT_HMAC_KEY')
    expect(fs.readFileSync(file).equals(before)).toBe(true)
    const checked = openDatabase(file, 'secret')
    expect(verifyAuditChain(checked.$client)).toMatchObject({ rows: 2, broken: null })
    checked.$client.close()
  })

  it('rows someone appends with a guessed key break the chain at each of them; later tampering is listed too', async () => {
    const file = path.join(dir, 'keyed-forgery.db')
    const db = openDatabase(file, 'secret')
    await migrateDatabase(db)
    await writeRows(db, 6)
    db.$client.close()
    // The attacker has the file and the code, not the key: their own connection hashes with a guess.
    const attacker = new Database(file)
    registerAuditChain(attacker, 'guess')
    const row = { userId: null, username: 'mallory', ip: null, action: 'login', objectType: null, objectId: null, success: true, before: null, after: null }
    const session = sqliteSession(attacker)
    await session.transaction(() => appendAuditRow(session, row))
    for (const trigger of AUDIT_TRIGGERS) attacker.exec(`DROP TRIGGER ${trigger}`)
    attacker.prepare("UPDATE audit_events SET username = 'someone-else' WHERE id IN (2, 5)").run()
    attacker.close()
    const checked = openAuditReadOnly(file, 'secret')
    const state = verifyAuditChain(checked)
    expect(state.broken).toEqual({ id: 2, reason: expect.stringContaining('内容与其哈希不符') })
    expect(state.brokenRows.map((r) => r.id)).toEqual([2, 5, 7])
    expect(state.brokenCount).toBe(3)
    checked.close()
    const run = verifyCli(file, 'secret')
    expect(run.status).toBe(1)
    expect(run.stdout).toContain('自第 2 行起断裂，共 3 行不符')
    for (const id of [2, 5, 7]) expect(run.stdout).toMatch(new RegExp(`#${id}：`))
  })
})
