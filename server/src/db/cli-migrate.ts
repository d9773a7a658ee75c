import { loadConfig } from '../config'
import { migrateDatabase, StartupError } from './client'
import { openCheckedDatabase } from './startup-check'

const { dbPath } = loadConfig()
try {
  const db = openCheckedDatabase(dbPath)
  await migrateDatabase(db)
  db.$client.close()
  console.log(`数据库已迁移到最新版本：${dbPath}`)
} catch (err) {
  if (!(err instanceof StartupError)) throw err
  console.error(`迁移失败：${err.message}`)
  process.exitCode = 1
}
