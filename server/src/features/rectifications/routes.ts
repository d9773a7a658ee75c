import {
  BureauYearBody,
  CarryOver,
  IdParams,
  NoBody,
  Ok,
  RectificationBatchBody,
  RectificationCreateBody,
  RectificationItem,
  RectificationQuery,
  RectificationUpdateBody,
  RectificationVerifyBody,
  VersionQuery,
} from '@fazhi/shared'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { actorOf } from '../../lib/actor'
import { rectificationsOn } from './service'

const routes: FastifyPluginAsyncZod<{ clock: () => Date }> = async (app, { clock }) => {
  const service = rectificationsOn(app.db, clock)

  app.get('/rectifications', { schema: { querystring: RectificationQuery, response: { 200: z.array(RectificationItem) } } }, async (req) =>
    service.list(actorOf(req), req.query),
  )

  app.post('/rectifications', { schema: { body: RectificationCreateBody, response: { 201: RectificationItem } } }, async (req, reply) =>
    reply.status(201).send(await service.create(actorOf(req), req.body)),
  )

  app.put('/rectifications/:id', { schema: { params: IdParams, body: RectificationUpdateBody, response: { 200: RectificationItem } } }, async (req) =>
    service.update(actorOf(req), req.params.id, req.body),
  )

  app.delete('/rectifications/:id', { schema: { params: IdParams, querystring: VersionQuery, body: NoBody, response: { 200: Ok } } }, async (req) => {
    await service.delete(actorOf(req), req.params.id, req.query.version)
    return { ok: true as const }
  })

  /** 销号: the office approves a done item or sends it back with a reason. */
  app.post('/rectifications/:id/verify', { schema: { params: IdParams, body: RectificationVerifyBody, response: { 200: RectificationItem } } }, async (req) =>
    service.verify(actorOf(req), req.params.id, req.body),
  )

  app.post('/rectifications/carry-over', { schema: { body: BureauYearBody, response: { 200: CarryOver } } }, async (req) =>
    service.carryOver(actorOf(req), req.body),
  )

  app.post('/rectifications/batch', { schema: { body: RectificationBatchBody, response: { 201: z.array(RectificationItem) } } }, async (req, reply) =>
    reply.status(201).send(await service.batch(actorOf(req), req.body)),
  )
}
export default routes
