import { seedDemoIfEmpty } from '../../seed/demo'
import { buildApp } from './app'
import { loadConfig } from './config'
import { migrateDatabase, openDatabase } from './db/client'

const config = loadConfig()
const db = openDatabase(config.dbPath)
migrateDatabase(db)
const seeded = await seedDemoIfEmpty(db, { password: config.demoPassword })

const app = await buildApp({
  db,
  clientDist: config.clientDist,
  secureCookies: config.secureCookies,
  logger: { level: config.logLevel },
})
if (seeded) app.log.info(`empty database: demo county seeded into ${config.dbPath}`)

let closing = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) return
    closing = true
    app.log.info(`${signal} received: finishing in-flight requests`)
    // app.close stops accepting, waits for in-flight requests, then the db plugin closes SQLite.
    app.close().then(
      () => process.exit(0),
      (err) => {
        app.log.error(err)
        process.exit(1)
      },
    )
  })
}

await app.listen({ port: config.port, host: config.host })
console.log(`法治督察看板已启动：http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}/ （数据库 ${config.dbPath}）`)
