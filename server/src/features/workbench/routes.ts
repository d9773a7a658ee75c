import { Workbench, WorkbenchSeen, WorkbenchSeenBody, YearQuery } from '@fazhi/shared'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { actorOf } from '../../lib/actor'
import { workbenchOn } from './service'

const routes: FastifyPluginAsyncZod<{ clock: () => Date }> = async (app, { clock }) => {
  const service = workbenchOn(app.db, clock)

  app.get('/workbench', { schema: { querystring: YearQuery, response: { 200: Workbench } } }, async (req) => service.forUser(actorOf(req), req.query.year))

  // The visit's bookmark, not a business change: not audited (every page leave would write an audit
  // row, drowning the auditor's log), and it changes only the caller's own marker.
  app.post('/workbench/seen', { schema: { body: WorkbenchSeenBody, response: { 200: WorkbenchSeen } } }, async (req) => ({
    seenAt: await service.markSeen(actorOf(req), req.body.at),
  }))
}
export default routes
