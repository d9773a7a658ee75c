import { ImportedReport, ImportQuery, LatestImport } from '@fazhi/shared'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { badRequest } from '../../errors'
import { recordAudit } from '../audit/recorder'
import { catalogRepository } from '../catalog/repository'
import { importsRepository } from './repository'
import { importsService } from './service'

const routes: FastifyPluginAsyncZod = async (app) => {
  const catalog = catalogRepository(app.db)
  const service = importsService(importsRepository(app.db), (year) => catalog.findCycle(year) !== undefined)

  /** One file as multipart/form-data (field name free); year and bureau in the query string. */
  app.post('/imports', { schema: { querystring: ImportQuery, response: { 201: ImportedReport } } }, async (req, reply) => {
    if (!req.isMultipart()) throw badRequest('请以 multipart/form-data 上传一个文件')
    const part = await req.file()
    if (!part) throw badRequest('没有收到文件')
    const data = await part.toBuffer()
    const report = await service.import(req.user!, req.query, { fileName: part.filename, data }, (e) => recordAudit(app.db, req, e))
    return reply.status(201).send(report)
  })

  app.get('/imports/latest', { schema: { querystring: ImportQuery, response: { 200: LatestImport } } }, async (req) =>
    service.latest(req.user!, req.query),
  )
}
export default routes
