import { loadConfig } from '../config'
import { migrateDatabase, StartupError } from './client'
import { runExclusively } from './job-lock'
import { describeDatabase, openStartupDatabase } from './startup-check'

const target = loadConfig().database
try {
  const db = await openStartupDatabase(target)
  try {
    await runExclusively(db, 'startup', () => migrateDatabase(db))
  } finally {
    await db.connection.close()
  }
  console.log(`数据库已迁移到最新版本：${describeDatabase(target)}`)
} catch (err) {
  if (!(err instanceof StartupError)) throw err
  console.error(`迁移失败：${err.message}`)
  process.exitCode = 1
}
