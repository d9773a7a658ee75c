import { describeDatabase } from '../server/src/db/startup-check'
import { startServer } from '../server/src/server'
import { demoPasswordOf, seedDemoIfEmpty } from './demo'

/**
 * `npm start`: the server with the demo county 示例县 seeded into an empty database, so a fresh
 * checkout has something to show; DEMO_CITY=true adds the demo city 示例市 (two counties, city accounts).
 * DEMO_SEED=false makes it the plain production server. A PostgreSQL database (DATABASE_URL) is a
 * deployment's: it gets the demo only when asked for with DEMO_SEED=true.
 */
await startServer({
  prepare: async (db, config) => {
    const wanted = config.databaseUrl ? process.env.DEMO_SEED === 'true' : process.env.DEMO_SEED !== 'false'
    if (!wanted) return
    const city = process.env.DEMO_CITY === 'true'
    if (await seedDemoIfEmpty(db, { password: demoPasswordOf(), city })) console.log(`空数据库：已写入演示数据（${city ? '示例市、示例县、样板县' : '示例县'}）：${describeDatabase(config.database)}`)
  },
})
