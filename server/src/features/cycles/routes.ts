import { Cycle, CycleCreateBody, CycleUpdateBody, NoBody, YearParams } from '@fazhi/shared'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { actorOf } from '../../lib/actor'
import { resultsOn } from '../results/service'
import { schemesOn } from '../schemes/service'
import { cyclesOn } from './service'

/** Reporting cycles: everyone reads them; the office creates, edits, locks and unlocks them. */
const routes: FastifyPluginAsyncZod<{ clock: () => Date }> = async (app, { clock }) => {
  const results = resultsOn(app.db, clock)
  // A new year starts with a copy of the latest earlier year's scheme.
  const service = cyclesOn(app.db, clock, schemesOn(app.db, clock, async (year) => (await results.versions(year)).length > 0).startFromLatest)

  app.get('/cycles', { schema: { response: { 200: z.array(Cycle) } } }, async () => service.cycles())

  app.post('/cycles', { schema: { body: CycleCreateBody, response: { 201: Cycle } } }, async (req, reply) =>
    reply.status(201).send(await service.create(actorOf(req), req.body)),
  )

  app.put('/cycles/:year', { schema: { params: YearParams, body: CycleUpdateBody, response: { 200: Cycle } } }, async (req) =>
    service.update(actorOf(req), req.params.year, req.body),
  )

  app.post('/cycles/:year/lock', { schema: { params: YearParams, body: NoBody, response: { 200: Cycle } } }, async (req) =>
    service.lock(actorOf(req), req.params.year),
  )

  app.post('/cycles/:year/unlock', { schema: { params: YearParams, body: NoBody, response: { 200: Cycle } } }, async (req) =>
    service.unlock(actorOf(req), req.params.year),
  )
}
export default routes
