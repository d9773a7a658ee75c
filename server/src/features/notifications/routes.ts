import { NotificationList, NotificationListQuery, NotificationPreferences, NotificationReadBody, NotificationReadResult } from '@fazhi/shared'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { auditedTransaction } from '../../db/transaction'
import { actorOf } from '../../lib/actor'
import { inboxService } from './inbox'
import { inboxRepository } from './repository'

const routes: FastifyPluginAsyncZod<{ clock: () => Date }> = async (app, { clock }) => {
  const inbox = inboxService(inboxRepository(app.db), auditedTransaction(app.db), clock)

  app.get('/notifications', { schema: { querystring: NotificationListQuery, response: { 200: NotificationList } } }, async (req) => inbox.list(actorOf(req), req.query))

  app.post('/notifications/read', { schema: { body: NotificationReadBody, response: { 200: NotificationReadResult } } }, async (req) => inbox.markRead(actorOf(req), req.body))

  app.get('/notifications/preferences', { schema: { response: { 200: NotificationPreferences } } }, async (req) => inbox.preferences(actorOf(req)))

  app.put('/notifications/preferences', { schema: { body: NotificationPreferences, response: { 200: NotificationPreferences } } }, async (req) =>
    inbox.setPreferences(actorOf(req), req.body),
  )
}
export default routes
