import { BureauYearBody, CarryOver, IdParams, NoBody, Ok, RectificationBatchBody, RectificationCreateBody, RectificationFields, RectificationItem, RectificationQuery } from '@fazhi/shared'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { auditedTransaction } from '../../db/transaction'
import { actorOf } from '../../lib/actor'
import { bureausOn } from '../bureaus/service'
import { cyclesOn } from '../cycles/service'
import { rectificationsRepository } from './repository'
import { rectificationsService } from './service'

const routes: FastifyPluginAsyncZod<{ clock: () => Date }> = async (app, { clock }) => {
  const service = rectificationsService({
    repo: rectificationsRepository(app.db),
    cycles: cyclesOn(app.db, clock),
    bureaus: bureausOn(app.db),
    transaction: auditedTransaction(app.db),
    clock,
  })

  app.get('/rectifications', { schema: { querystring: RectificationQuery, response: { 200: z.array(RectificationItem) } } }, async (req) =>
    service.list(actorOf(req), req.query),
  )

  app.post('/rectifications', { schema: { body: RectificationCreateBody, response: { 201: RectificationItem } } }, async (req, reply) =>
    reply.status(201).send(service.create(actorOf(req), req.body)),
  )

  app.put('/rectifications/:id', { schema: { params: IdParams, body: RectificationFields, response: { 200: RectificationItem } } }, async (req) =>
    service.update(actorOf(req), req.params.id, req.body),
  )

  app.delete('/rectifications/:id', { schema: { params: IdParams, body: NoBody, response: { 200: Ok } } }, async (req) => {
    service.delete(actorOf(req), req.params.id)
    return { ok: true as const }
  })

  app.post('/rectifications/carry-over', { schema: { body: BureauYearBody, response: { 200: CarryOver } } }, async (req) =>
    service.carryOver(actorOf(req), req.body),
  )

  app.post('/rectifications/batch', { schema: { body: RectificationBatchBody, response: { 201: z.array(RectificationItem) } } }, async (req, reply) =>
    reply.status(201).send(service.batch(actorOf(req), req.body)),
  )
}
export default routes
