import { loadConfig, resolveUserPath } from '../config'
import { backupOf } from './backup'
import { openDatabase } from './client'
import { runUnlessRunning } from './job-lock'

const arg = process.argv[2]
if (!arg) {
  console.error('用法：npm run db:backup -- <备份文件路径>（PostgreSQL：备份目录路径）')
  process.exit(2)
}
const destination = resolveUserPath(arg)
const db = openDatabase(loadConfig().database)
try {
  const outcome = await runUnlessRunning(db, 'backup', () => backupOf(db, destination))
  if (outcome.ran) console.log(`备份完成并通过完整性检查：${destination}（数据库及 ${outcome.result.files} 个佐证材料文件，均已核对哈希）`)
  else {
    console.error('备份未进行：一台应用服务器正在做夜间备份，请稍后再试。')
    process.exitCode = 1
  }
} catch (err) {
  console.error(`备份失败：${(err as Error).message}`)
  process.exitCode = 1
} finally {
  await db.connection.close()
}
