import fp from 'fastify-plugin'
import type { Db } from '../db/client'

declare module 'fastify' {
  interface FastifyInstance {
    db: Db
  }
}

/** Shares one open database with every route; closes it when the app closes. */
export default fp<{ db: Db }>(
  async (app, { db }) => {
    app.decorate('db', db)
    app.addHook('onClose', async () => {
      await db.connection.close()
    })
  },
  { name: 'db' },
)
