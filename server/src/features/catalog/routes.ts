import { Indicator, OptionalYearQuery } from '@fazhi/shared'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { cyclesOn } from '../cycles/service'
import { catalogRepository } from './repository'

const routes: FastifyPluginAsyncZod<{ clock: () => Date }> = async (app, { clock }) => {
  const repo = catalogRepository(app.db)
  const cycles = cyclesOn(app.db, clock)

  app.get('/indicators', { schema: { querystring: OptionalYearQuery, response: { 200: z.array(Indicator) } } }, async (req) => {
    const year = req.query.year ?? clock().getFullYear()
    await cycles.requireCycle(year)
    return await repo.indicatorsForYear(year)
  })
}
export default routes
