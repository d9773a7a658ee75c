import { BureauOverview, IdParams, Ranking, Summary, Trends, TrendsQuery, Vertical, VerticalQuery, YearQuery } from '@fazhi/shared'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { catalogRepository } from '../catalog/repository'
import { dashboardRepository } from './repository'
import { dashboardService } from './service'

const routes: FastifyPluginAsyncZod<{ clock: () => Date }> = async (app, { clock }) => {
  const service = dashboardService(catalogRepository(app.db), dashboardRepository(app.db), clock)

  app.get('/dashboard/summary', { schema: { querystring: YearQuery, response: { 200: Summary } } }, async (req) =>
    service.summary(req.query.year),
  )

  app.get('/ranking', { schema: { querystring: YearQuery, response: { 200: Ranking } } }, async (req) =>
    service.ranking(req.query.year),
  )

  app.get(
    '/bureaus/:id/overview',
    { schema: { params: IdParams, querystring: YearQuery, response: { 200: BureauOverview } } },
    async (req) => service.overview(req.user!, req.params.id, req.query.year),
  )

  app.get('/vertical', { schema: { querystring: VerticalQuery, response: { 200: Vertical } } }, async (req) =>
    service.vertical(req.query.year, req.query.type),
  )

  app.get('/trends', { schema: { querystring: TrendsQuery, response: { 200: Trends } } }, async (req) => ({
    years: service.trends(req.query.from, req.query.to),
  }))
}
export default routes
