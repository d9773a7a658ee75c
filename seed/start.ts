import { startServer } from '../server/src/server'
import { demoPasswordOf, seedDemoIfEmpty } from './demo'

/**
 * `npm start`: the server with the demo county 示例县 seeded into an empty database, so a fresh
 * checkout has something to show. DEMO_SEED=false makes it the plain production server.
 */
await startServer({
  prepare: async (db, config) => {
    if (process.env.DEMO_SEED === 'false') return
    if (await seedDemoIfEmpty(db, { password: demoPasswordOf() })) console.log(`空数据库：已写入演示数据（示例县）：${config.dbPath}`)
  },
})
