import { ChaseBody, ChaseHistory, ChaseResult, RegionYearQuery, Reminders, YearQuery } from '@fazhi/shared'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { actorOf } from '../../lib/actor'
import { dashboardRepository } from '../dashboard/repository'
import { dashboardSources } from '../dashboard/board'
import { dashboardService } from '../dashboard/service'
import { remindersService } from './list'
import { chaseOn } from './service'

/** 催报: the list (`GET /reminders`), chasing its bureaus (`POST /reminders/chase`) and the record of it (`GET /reminders/history`). */
const routes: FastifyPluginAsyncZod<{ clock: () => Date }> = async (app, { clock }) => {
  const reminders = remindersService(dashboardService(dashboardSources(app.db, clock), dashboardRepository(app.db), clock), clock)
  const chase = chaseOn(app.db, clock)

  app.get('/reminders', { schema: { querystring: RegionYearQuery, response: { 200: Reminders } } }, async (req) =>
    reminders.forUser(req.user!, req.query.year, req.query.regionId),
  )

  app.post('/reminders/chase', { schema: { body: ChaseBody, response: { 200: ChaseResult } } }, async (req) => chase.chase(actorOf(req), req.body))

  app.get('/reminders/history', { schema: { querystring: YearQuery, response: { 200: ChaseHistory } } }, async (req) => chase.history(req.query.year, undefined, req.user!))
}
export default routes
