import fs from 'node:fs'
import { pathToFileURL } from 'node:url'
import { buildApp } from './app'
import { type Config, loadConfig } from './config'
import { type Db, migrateDatabase, StartupError } from './db/client'
import { runExclusively } from './db/job-lock'
import { describeDatabase, openStartupDatabase } from './db/startup-check'
import { addDefaultCatalog } from './features/catalog/default-catalog'
import { scheduleNightlyBackup } from './features/health/nightly-backup'
import { dueRemindersOn, scheduleDueReminders } from './features/notifications/due'

export interface StartOptions {
  /**
   * Runs on the migrated database, catalog added, before the app is built (the demo launcher seeds
   * here); with PostgreSQL, one app server at a time.
   */
  prepare?: (db: Db, config: Config) => Promise<void>
}

/**
 * Starts the production server: reads the config, opens and migrates the database, adds the
 * indicator catalog, builds the app and listens; shuts down gracefully on SIGINT/SIGTERM. A start-up
 * error is printed for a person to act on and ends the process.
 */
export async function startServer(opts: StartOptions = {}): Promise<void> {
  try {
    await listen(opts)
  } catch (err) {
    if (err instanceof StartupError) console.error(`启动失败：${err.message}`)
    else console.error(err)
    process.exit(1)
  }
}

async function listen(opts: StartOptions) {
  const config = loadConfig()
  const target = config.database
  // Opening a SQLite database in WAL mode keeps a shared lock on it while the server runs: `npm run
  // db:restore` is refused until it stops.
  const db = await openStartupDatabase(target)
  // App servers starting together on one PostgreSQL database migrate and prepare it one after another.
  await runExclusively(db, 'startup', async () => {
    await migrateDatabase(db)
    // The catalog is reference data every database needs; adding it again changes nothing.
    await addDefaultCatalog(db)
    await opts.prepare?.(db, config)
  })

  const app = await buildApp({
    db,
    clientDist: config.clientDist,
    secureCookies: config.secureCookies,
    trustProxy: config.trustProxy,
    loginRateLimit: config.loginRateLimit,
    maxSessionsPerUser: config.maxSessionsPerUser,
    fileQuotaMb: config.fileQuotaMb,
    publicUrl: config.publicUrl,
    deliveryIntervalMs: config.deliveryIntervalS * 1000,
    logger: { level: config.logLevel },
  })
  const stopBackups = config.backupDir ? scheduleNightlyBackup(db, config.backupDir, config.backupKeep, app.log) : () => {}
  const stopReminders = scheduleDueReminders(dueRemindersOn(db, () => new Date()).remindDue, app.log)

  let closing = false
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (closing) return
      closing = true
      app.log.info(`${signal} received: finishing in-flight requests`)
      stopBackups()
      stopReminders()
      // Keep-alive connections that finish their last request while we close would otherwise hold
      // the server open until they time out: close each as soon as it goes idle.
      const sweep = setInterval(() => app.server.closeIdleConnections(), 50)
      setTimeout(() => {
        app.log.error('shutdown took longer than 30 s: exiting')
        process.exit(1)
      }, 30_000).unref()
      // app.close stops accepting, waits for in-flight requests, then the db plugin closes the database.
      app.close().then(
        () => {
          clearInterval(sweep)
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
  console.log(`法治督察看板已启动：http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}/ （数据库 ${describeDatabase(target)}）`)
}

// `npm run serve` runs this file; the demo launcher (seed/start.ts) imports it instead.
if (process.argv[1] && import.meta.url === pathToFileURL(fs.realpathSync(process.argv[1])).href) await startServer()
