import { Bureau, Cycle, Indicator, OptionalYearQuery } from '@fazhi/shared'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { notFound } from '../../errors'
import { catalogRepository } from './repository'
import { toCycle } from './service'

const routes: FastifyPluginAsyncZod<{ clock: () => Date }> = async (app, { clock }) => {
  const repo = catalogRepository(app.db)

  app.get('/cycles', { schema: { response: { 200: z.array(Cycle) } } }, async () =>
    repo.listCycles().map((c) => toCycle(c, clock())),
  )

  app.get('/bureaus', { schema: { response: { 200: z.array(Bureau) } } }, async () => repo.listBureaus())

  app.get('/indicators', { schema: { querystring: OptionalYearQuery, response: { 200: z.array(Indicator) } } }, async (req) => {
    const year = req.query.year ?? clock().getFullYear()
    if (!repo.findCycle(year)) throw notFound(`没有 ${year} 年度的填报周期`)
    return repo.indicatorsForYear(year)
  })
}
export default routes
