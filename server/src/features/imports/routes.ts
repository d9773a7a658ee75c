import { ImportedReport, ImportQuery, LatestImport } from '@fazhi/shared'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { actorOf } from '../../lib/actor'
import { readUpload } from '../../lib/upload'
import { importsOn } from './service'

const routes: FastifyPluginAsyncZod<{ clock: () => Date }> = async (app, { clock }) => {
  const service = importsOn(app.db, clock)

  /**
   * One file as multipart/form-data (field name free); year and bureau in the query string. A report
   * naming another county is refused (409 `CountyMismatch`, nothing saved) unless `confirmCounty=1`.
   */
  app.post('/imports', { schema: { querystring: ImportQuery, response: { 201: ImportedReport } } }, async (req, reply) => {
    const upload = await readUpload(req)
    const report = await service.import(actorOf(req), req.query, upload)
    return reply.status(201).send(report)
  })

  app.get('/imports/latest', { schema: { querystring: ImportQuery, response: { 200: LatestImport } } }, async (req) =>
    service.latest(req.user!, req.query),
  )
}
export default routes
