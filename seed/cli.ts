import { loadConfig } from '../server/src/config'
import { migrateDatabase, StartupError } from '../server/src/db/client'
import { runExclusively } from '../server/src/db/job-lock'
import { describeDatabase, openStartupDatabase } from '../server/src/db/startup-check'
import { demoPasswordOf, seedDemoIfEmpty } from './demo'

const target = loadConfig().database
try {
  const db = await openStartupDatabase(target)
  try {
    // Under the lock app servers take to migrate and seed at start-up: a server starting meanwhile waits.
    const seeded = await runExclusively(db, 'startup', async () => {
      await migrateDatabase(db)
      return seedDemoIfEmpty(db, { password: demoPasswordOf() })
    })
    if (seeded) console.log(`已写入演示数据：${describeDatabase(target)}`)
    else {
      console.error(`数据库 ${describeDatabase(target)} 已有数据，未写入演示数据（演示数据只写入空数据库）。`)
      process.exitCode = 1
    }
  } finally {
    await db.connection.close()
  }
} catch (err) {
  if (!(err instanceof StartupError)) throw err
  console.error(`写入演示数据失败：${err.message}`)
  process.exitCode = 1
}
