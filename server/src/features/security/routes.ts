import { SecuritySettings } from '@fazhi/shared'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { auditedTransaction } from '../../db/transaction'
import { actorOf } from '../../lib/actor'
import { securityService } from './service'
import { securitySettings } from './settings'

const routes: FastifyPluginAsyncZod = async (app) => {
  const security = securityService(securitySettings(app.db), auditedTransaction(app.db), app.auth)

  app.get('/security/settings', { schema: { response: { 200: SecuritySettings } } }, async () => security.current())

  app.put('/security/settings', { schema: { body: SecuritySettings, response: { 200: SecuritySettings } } }, async (req) =>
    security.update(actorOf(req), req.body),
  )
}
export default routes
