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
  const restored = restoreDatabase(backupFile, dbPath)
  console.log(
    `已从 ${backupFile} 恢复到 ${dbPath}（含 ${restored.fileCount} 个佐证材料文件，均已核对哈希）。` +
      (restored.database ? `原数据库已保留为 ${restored.database}。` : '') +
      (restored.files ? `原佐证材料目录已保留为 ${restored.files}。` : ''),
  )
} catch (err) {
  console.error(`恢复失败，未做任何更改：${(err as Error).message}`)
  process.exitCode = 1
}
