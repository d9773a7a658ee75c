import fs from 'node:fs'
import path from 'node:path'
import { loadConfig, resolveUserPath } from '../config'
import { restoreDatabase } from './backup'
import { migrateDatabase, openDatabase } from './client'
import { restorePostgres } from './pg-backup'
import { describeDatabase } from './startup-check'
import { auditedTransaction } from './transaction'

const arg = process.argv[2]
if (!arg) {
  console.error('用法：npm run db:restore -- <备份文件路径>（PostgreSQL：备份目录路径）')
  process.exit(2)
}
const backupFile = resolveUserPath(arg)
const { dbPath, databaseUrl, database: target, filesDir, auditKey } = loadConfig()

/**
 * The restored database's own record of the restore (`db.restore`, actor `cli`: the backup's name
 * and time), brought to this version first as the next start would.
 */
async function auditRestore(): Promise<void> {
  const db = openDatabase(target, auditKey)
  try {
    await migrateDatabase(db)
    const backup = { file: path.basename(backupFile), modifiedAt: fs.statSync(backupFile).mtime.toISOString() }
    await auditedTransaction(db)({ user: null, name: 'cli', ip: null }, (audit) => audit({ action: 'db.restore', objectType: 'database', after: { backup } }))
  } finally {
    await db.connection.close()
  }
}

/** Restores the backup into the database DATABASE_URL names (an empty one), or over the SQLite file; answers what to tell. */
async function restore(): Promise<string> {
  if (databaseUrl) {
    const restored = await restorePostgres(backupFile, databaseUrl, filesDir)
    return `已从 ${backupFile} 恢复到 ${describeDatabase(databaseUrl)}（含 ${restored.fileCount} 个佐证材料文件，均已核对哈希，放入 ${filesDir}）。`
  }
  const restored = restoreDatabase(backupFile, dbPath)
  return (
    `已从 ${backupFile} 恢复到 ${dbPath}（含 ${restored.fileCount} 个佐证材料文件，均已核对哈希）。` +
    (restored.database ? `原数据库已保留为 ${restored.database}。` : '') +
    (restored.files ? `原佐证材料目录已保留为 ${restored.files}。` : '')
  )
}

try {
  console.log(await restore())
} catch (err) {
  console.error(`恢复失败，未做任何更改：${(err as Error).message}`)
  process.exit(1)
}
try {
  await auditRestore()
  console.log('已在恢复后的数据库审计日志中记录此次恢复（db.restore）。')
} catch (err) {
  console.error(`恢复已完成，但未能在审计日志中记录：${(err as Error).message}`)
  process.exitCode = 1
}
