import { Health } from '@fazhi/shared'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { AppError } from '../../errors'

/** Liveness (the process answers) and readiness (the database answers), for supervisors and load balancers. */
const routes: FastifyPluginAsyncZod = async (app) => {
  app.get('/health', { schema: { response: { 200: Health } } }, async () => ({ status: 'ok' as const }))

  app.get('/ready', { schema: { response: { 200: Health } } }, async () => {
    try {
      await app.db.connection.get(`select count(*) from ${app.db.connection.dialect === 'pg' ? 'drizzle.' : ''}__drizzle_migrations`)
    } catch {
      throw new AppError(503, 'Service Unavailable', '数据库不可用')
    }
    return { status: 'ok' as const }
  })
}
export default routes
