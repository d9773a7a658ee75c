import { BureauOverview, can, DashboardQuery, IdParams, Ranking, SummaryResponse, Trends, TrendsQuery, VerticalQuery, VerticalResponse } from '@fazhi/shared'
import { gzipSync } from 'node:zlib'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { dashboardRepository } from './repository'
import type { CachedResponse } from './cache'
import { dashboardSources } from './board'
import { dashboardService } from './service'
import { visibilityFor } from './visibility'
import { resultsOn } from '../results/service'
import { regionFilter } from '../../plugins/access'

/**
 * Summary, ranking and trend answers are cached whole (see service.ts) and sent as they were
 * serialised, with an ETag: a browser that revalidates (Cache-Control: no-cache) gets 304 and no
 * body while nothing changed. A client that accepts gzip gets the body compressed once per change
 * (a province's summary: 2.6 MB of JSON, about a tenth of that gzipped).
 */
function sendCached(req: FastifyRequest, reply: FastifyReply, cached: CachedResponse) {
  reply.header('etag', cached.etag).header('cache-control', 'private, no-cache').header('vary', 'accept-encoding')
  if (req.headers['if-none-match'] === cached.etag) return reply.code(304).send()
  reply.type('application/json; charset=utf-8')
  if (cached.body.length >= 1024 && /\bgzip\b/.test(req.headers['accept-encoding'] ?? ''))
    return reply.header('content-encoding', 'gzip').send((cached.gzip ??= gzipSync(cached.body)))
  return reply.send(cached.body)
}

const routes: FastifyPluginAsyncZod<{ clock: () => Date }> = async (app, { clock }) => {
  const service = dashboardService(dashboardSources(app.db, clock), dashboardRepository(app.db), clock)
  // With `version`: the published version's frozen figures (same schemas, same access rules).
  const results = resultsOn(app.db, clock)
  // Before serving: rows a bulk load or an older version left dirty are scored.
  app.addHook('onReady', async () => service.recomputeDirty())

  // A bureau user reads every bureau's name, score and rank and only its own details (visibility.ts),
  // live and published alike. Each answer covers the caller's region unless it names one of its
  // regions (`regionFilter`); the cache keys hold the region and whom the body was made for.
  app.get('/dashboard/summary', { schema: { querystring: DashboardQuery, response: { 200: SummaryResponse } } }, async (req, reply) => {
    const { year, version } = req.query
    const regionId = regionFilter(req.user!, req.query.regionId)
    if (version !== undefined) return visibilityFor(req.user!).summary((await results.published(year, version, regionId)).summary)
    return sendCached(req, reply, await service.summaryResponse(req.user!, year, regionId))
  })

  app.get('/ranking', { schema: { querystring: DashboardQuery, response: { 200: Ranking } } }, async (req, reply) => {
    const { year, version } = req.query
    const regionId = regionFilter(req.user!, req.query.regionId)
    if (version !== undefined) return visibilityFor(req.user!).ranking((await results.published(year, version, regionId)).ranking)
    return sendCached(req, reply, await service.rankingResponse(req.user!, year, regionId))
  })

  app.get(
    '/bureaus/:id/overview',
    { schema: { params: IdParams, querystring: DashboardQuery, response: { 200: BureauOverview } } },
    async (req) => {
      const { year, version } = req.query
      const regionId = regionFilter(req.user!, req.query.regionId)
      if (version !== undefined) return await results.overview(req.user!, req.params.id, year, version, regionId)
      return await service.overview(req.user!, req.params.id, year, regionId)
    },
  )

  // The vertical view compares one bureau type across regions: a bureau account reads every region's
  // rows (another bureau's as its public entry, visibility.ts), not only its own region's.
  app.get('/vertical', { schema: { querystring: VerticalQuery, response: { 200: VerticalResponse } } }, async (req) => {
    const user = req.user!
    return await service.vertical(user, req.query.year, req.query.type, can(user, 'allBureaus') ? regionFilter(user, req.query.regionId) : req.query.regionId)
  })

  app.get('/trends', { schema: { querystring: TrendsQuery, response: { 200: Trends } } }, async (req, reply) =>
    sendCached(req, reply, await service.trendsResponse(req.query.from, req.query.to, regionFilter(req.user!, req.query.regionId))),
  )
}
export default routes
