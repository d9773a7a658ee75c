import { ImportedReport, ImportQuery, LatestImport } from '@fazhi/shared'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { auditedTransaction } from '../../db/transaction'
import { badRequest } from '../../errors'
import { readUpload } from '../../lib/upload'
import { actorOf } from '../../lib/actor'
import { bureausOn } from '../bureaus/service'
import { cyclesOn } from '../cycles/service'
import { importsRepository } from './repository'
import { importsService } from './service'

const routes: FastifyPluginAsyncZod<{ clock: () => Date }> = async (app, { clock }) => {
  const service = importsService({
    repo: importsRepository(app.db),
    cycles: cyclesOn(app.db, clock),
    bureaus: bureausOn(app.db),
    transaction: auditedTransaction(app.db),
  })

  /** One file as multipart/form-data (field name free); year and bureau in the query string. */
  app.post('/imports', { schema: { querystring: ImportQuery, response: { 201: ImportedReport } } }, async (req, reply) => {
    if (!req.isMultipart()) throw badRequest('请以 multipart/form-data 上传一个文件')
    const upload = await readUpload(req)
    const report = await service.import(actorOf(req), req.query, upload)
    return reply.status(201).send(report)
  })

  app.get('/imports/latest', { schema: { querystring: ImportQuery, response: { 200: LatestImport } } }, async (req) =>
    service.latest(req.user!, req.query),
  )
}
export default routes
