import { Region, RegionBody } from '@fazhi/shared'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { actorOf } from '../../lib/actor'
import { regionsOn } from './service'

/** Regions: business readers list them (a flat list with parentId); the office adds them. */
const routes: FastifyPluginAsyncZod = async (app) => {
  const service = regionsOn(app.db)

  app.get('/regions', { schema: { response: { 200: z.array(Region) } } }, async () => service.listRegions())

  app.post('/regions', { schema: { body: RegionBody, response: { 201: Region } } }, async (req, reply) =>
    reply.status(201).send(service.create(actorOf(req), req.body)),
  )
}
export default routes
