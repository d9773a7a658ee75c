import fs from 'node:fs'
import { loadConfig } from '../config'
import { type AuditChainState, auditKeyState, openAuditReadOnly, pgAuditKeyState, verifyAuditChain, verifyAuditChainOf } from './audit-chain'
import { describeDatabase, openStartupDatabase } from './startup-check'

/**
 * `npm run audit:verify`: walks the audit log's hash chain (`audit-chain.ts`) with AUDIT_HMAC_KEY and
 * names every row that breaks it (the first 100, and how many). On SQLite (DB_PATH) it opens the file
 * read-only, so verifying a backup leaves it byte for byte as it was; on PostgreSQL (DATABASE_URL) it
 * reads the log in one statement, the hashes computed by the database with this key. Exit code 0 when
 * the chain and its triggers are intact, 1 when not, 2 when the database cannot be read.
 */
const { databaseUrl, dbPath, database: target, auditKey } = loadConfig()

/** The chain's state, and whether the key differs from the one the log was written with. */
async function verify(): Promise<{ state: AuditChainState; keyDiffers: boolean }> {
  if (databaseUrl) {
    const db = await openStartupDatabase(databaseUrl)
    try {
      if (db.connection.dialect !== 'pg') throw new Error('not a PostgreSQL database')
      return { state: await verifyAuditChainOf(db.connection), keyDiffers: (await pgAuditKeyState(db.connection)) === 'differs' }
    } finally {
      await db.connection.close()
    }
  }
  const sqlite = openAuditReadOnly(dbPath, auditKey)
  try {
    return { state: verifyAuditChain(sqlite), keyDiffers: auditKeyState(sqlite) === 'differs' }
  } finally {
    sqlite.close()
  }
}

if (!databaseUrl && !fs.existsSync(dbPath)) {
  console.error(`数据库文件不存在：${dbPath}。请用 DB_PATH（或 DATABASE_URL）指定要校验的数据库。`)
  process.exit(2)
}
try {
  const { state, keyDiffers } = await verify()
  console.log(`审计日志哈希链校验：${describeDatabase(target)}`)
  console.log(`已检查 ${state.rows} 行`)
  if (state.head) {
    console.log(`链头：#${state.head.id} ${state.head.hash ?? '（无哈希）'}`)
    console.log('  请将链头记录在系统之外，以便发现被截去的末尾')
  } else console.log('链头：（审计日志为空）')
  console.log(
    state.keyed
      ? '密钥：已设置 AUDIT_HMAC_KEY'
      : '密钥：未设置 AUDIT_HMAC_KEY：能改动数据库的人可以重算整条链，请设置密钥并存放在数据目录和备份之外',
  )
  if (keyDiffers) console.log('  AUDIT_HMAC_KEY 与本数据库记录的密钥指纹不符：各行将显示为与其哈希不符，请用写入时的密钥校验')
  console.log(state.missingTriggers.length ? `触发器缺失：${state.missingTriggers.join('、')}（数据库被改动过）` : '触发器：齐全')
  if (state.broken) {
    console.log(`结果：哈希链自第 ${state.broken.id} 行起断裂，共 ${state.brokenCount} 行不符：`)
    for (const row of state.brokenRows) console.log(`  #${row.id}：${row.reason}`)
    if (state.brokenCount > state.brokenRows.length) console.log(`  ……另有 ${state.brokenCount - state.brokenRows.length} 行未列出`)
  } else console.log(state.missingTriggers.length ? '结果：哈希链完整，但防篡改触发器缺失' : '结果：哈希链完整')
  process.exitCode = state.broken || state.missingTriggers.length ? 1 : 0
} catch (err) {
  console.error(`校验失败：${(err as Error).message}`)
  process.exitCode = 2
}
