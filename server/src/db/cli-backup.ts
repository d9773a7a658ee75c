import { loadConfig, resolveUserPath } from '../config'
import { backupDatabase } from './backup'
import { openDatabase } from './client'

const arg = process.argv[2]
if (!arg) {
  console.error('用法：npm run db:backup -- <备份文件路径>')
  process.exit(2)
}
const destination = resolveUserPath(arg)
const { dbPath } = loadConfig()
const db = openDatabase(dbPath)
try {
  const { files } = await backupDatabase(db.$client, destination)
  console.log(`备份完成并通过完整性检查：${destination}（数据库及 ${files} 个佐证材料文件，均已核对哈希）`)
} catch (err) {
  console.error(`备份失败：${(err as Error).message}`)
  process.exitCode = 1
} finally {
  db.$client.close()
}
