import { loadConfig, resolveUserPath } from '../config'
import { restoreDatabase } from './backup'

const arg = process.argv[2]
if (!arg) {
  console.error('用法：npm run db:restore -- <备份文件路径>')
  process.exit(2)
}
const backupFile = resolveUserPath(arg)
const { dbPath } = loadConfig()
try {
  const aside = restoreDatabase(backupFile, dbPath)
  console.log(`已从 ${backupFile} 恢复到 ${dbPath}。` + (aside ? `原数据库已保留为 ${aside}` : ''))
} catch (err) {
  console.error(`恢复失败，未做任何更改：${(err as Error).message}`)
  process.exitCode = 1
}
