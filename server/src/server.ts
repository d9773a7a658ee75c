import fs from 'node:fs'
import { seedCatalog } from '../../seed/catalog'
import { seedDemoIfEmpty } from '../../seed/demo'
import { buildApp } from './app'
import { loadConfig } from './config'
import { pidFileOf } from './db/backup'
import { migrateDatabase, openDatabase, StartupError } from './db/client'
import { scheduleNightlyBackup } from './features/health/nightly-backup'

async function main() {
  const config = loadConfig()
  const db = openDatabase(config.dbPath)
  migrateDatabase(db)
  // The catalog is reference data every database needs; adding it again changes nothing.
  seedCatalog(db)
  const seeded = config.demoSeed && (await seedDemoIfEmpty(db, { password: config.demoPassword }))

  const app = await buildApp({
    db,
    clientDist: config.clientDist,
    secureCookies: config.secureCookies,
    trustProxy: config.trustProxy,
    loginRateLimit: config.loginRateLimit,
    logger: { level: config.logLevel },
  })
  if (seeded) app.log.info(`empty database: demo county seeded into ${config.dbPath}`)
  const stopBackups = config.backupDir ? scheduleNightlyBackup(db, config.backupDir, config.backupKeep, app.log) : () => {}

  // Tells `npm run db:restore` that a server holds this database.
  const pidFile = pidFileOf(config.dbPath)
  fs.writeFileSync(pidFile, String(process.pid))

  let closing = false
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (closing) return
      closing = true
      app.log.info(`${signal} received: finishing in-flight requests`)
      stopBackups()
      // Keep-alive connections that finish their last request while we close would otherwise hold
      // the server open until they time out: close each as soon as it goes idle.
      const sweep = setInterval(() => app.server.closeIdleConnections(), 50)
      setTimeout(() => {
        app.log.error('shutdown took longer than 30 s: exiting')
        process.exit(1)
      }, 30_000).unref()
      // app.close stops accepting, waits for in-flight requests, then the db plugin closes SQLite.
      app.close().then(
        () => {
          clearInterval(sweep)
          fs.rmSync(pidFile, { force: true })
          process.exit(0)
        },
        (err) => {
          app.log.error(err)
          process.exit(1)
        },
      )
    })
  }

  await app.listen({ port: config.port, host: config.host })
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : config.port
  console.log(`法治督察看板已启动：http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}/ （数据库 ${config.dbPath}）`)
}

main().catch((err: unknown) => {
  if (err instanceof StartupError) console.error(`启动失败：${err.message}`)
  else console.error(err)
  process.exit(1)
})
