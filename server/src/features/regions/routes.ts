import { DashboardQuery, Region, RegionBody, RegionRanking } from '@fazhi/shared'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { actorOf } from '../../lib/actor'
import { regionFilter } from '../../plugins/access'
import { dashboardSources } from '../dashboard/board'
import { dashboardRepository } from '../dashboard/repository'
import { dashboardService } from '../dashboard/service'
import { resultsOn } from '../results/service'
import { regionRankingService } from './ranking'
import { regionsOn } from './service'

/** Regions: business readers list them (a flat list with parentId); the office adds them and compares those below its own (各地区排名). */
const routes: FastifyPluginAsyncZod<{ clock: () => Date }> = async (app, { clock }) => {
  const service = regionsOn(app.db)
  const dashboard = dashboardService(dashboardSources(app.db, clock), dashboardRepository(app.db), clock)
  const results = resultsOn(app.db, clock)
  const ranking = regionRankingService({
    regions: service,
    totalsOf: async (year, regionId, version) => (version === undefined ? await dashboard.totals(year, regionId) : (await results.published(year, version, regionId)).summary),
  })

  app.get('/regions', { schema: { response: { 200: z.array(Region) } } }, async () => service.listRegions())

  app.post('/regions', { schema: { body: RegionBody, response: { 201: Region } } }, async (req, reply) =>
    reply.status(201).send(await service.create(actorOf(req), req.body)),
  )

  // The caller's region by default; another must be one of its regions.
  app.get('/regions/ranking', { schema: { querystring: DashboardQuery, response: { 200: RegionRanking } } }, async (req) =>
    ranking.ranking(req.query.year, regionFilter(req.user!, req.query.regionId), req.query.version),
  )
}
export default routes
