import { Bureau } from '@fazhi/shared'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { bureausOn } from './service'

const routes: FastifyPluginAsyncZod = async (app) => {
  const service = bureausOn(app.db)

  app.get('/bureaus', { schema: { response: { 200: z.array(Bureau) } } }, async () => service.listBureaus())
}
export default routes
