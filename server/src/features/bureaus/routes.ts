import { Bureau, BureauBody, BureauMergeBody, BureauUpdateBody, IdParams } from '@fazhi/shared'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { actorOf } from '../../lib/actor'
import { bureauEditingOn } from './editing'
import { bureausOn } from './service'
import sheetRoutes from './sheet-routes'

/** The bureau directory: every bureau, existing or ended; the office creates, edits (renames, ends) and merges them. */
const routes: FastifyPluginAsyncZod = async (app) => {
  const service = bureausOn(app.db)
  const editing = bureauEditingOn(app.db)

  app.get('/bureaus', { schema: { response: { 200: z.array(Bureau) } } }, async () => service.listBureaus())

  app.post('/bureaus', { schema: { body: BureauBody, response: { 201: Bureau } } }, async (req, reply) =>
    reply.status(201).send(await editing.create(actorOf(req), req.body)),
  )

  app.put('/bureaus/:id', { schema: { params: IdParams, body: BureauUpdateBody, response: { 200: Bureau } } }, async (req) =>
    editing.update(actorOf(req), req.params.id, req.body),
  )

  app.post('/bureaus/:id/merge', { schema: { params: IdParams, body: BureauMergeBody, response: { 200: Bureau } } }, async (req) =>
    editing.merge(actorOf(req), req.params.id, req.body),
  )

  await app.register(sheetRoutes)
}
export default routes
