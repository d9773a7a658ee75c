import { loadConfig } from '../config'
import { migrateDatabase, openDatabase } from './client'

const { dbPath } = loadConfig()
const db = openDatabase(dbPath)
migrateDatabase(db)
db.$client.close()
console.log(`数据库已迁移到最新版本：${dbPath}`)
