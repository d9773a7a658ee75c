import { loadConfig } from '../server/src/config'
import { migrateDatabase, openDatabase } from '../server/src/db/client'
import { demoPasswordOf, seedDemoIfEmpty } from './demo'

const config = loadConfig()
const db = openDatabase(config.dbPath)
await migrateDatabase(db)
if (await seedDemoIfEmpty(db, { password: demoPasswordOf() })) console.log(`已写入演示数据：${config.dbPath}`)
else {
  console.error(`数据库 ${config.dbPath} 已有数据，未写入演示数据（演示数据只写入空数据库）。`)
  process.exitCode = 1
}
await db.connection.close()
