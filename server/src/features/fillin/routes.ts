import { ErrorResponse, FillInPreview, FillInQuery, FillInSaved, FillInStackPreview, FillInStackQuery, IdParams, YearParams } from '@fazhi/shared'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { auditedTransaction } from '../../db/transaction'
import { actorOf } from '../../lib/actor'
import { attachment } from '../../lib/csv'
import { readUpload } from '../../lib/upload'
import { bureausOn } from '../bureaus/service'
import { catalogRepository } from '../catalog/repository'
import { cyclesOn } from '../cycles/service'
import { submissionsOn } from '../submissions/service'
import { fillInService } from './service'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** A refused upload: the error shape, with the preview naming every row that is wrong. */
const FillInRefusal = ErrorResponse.extend(FillInPreview.shape)
const FillInStackRefusal = ErrorResponse.extend(FillInStackPreview.shape)
const refusal = (errors: number) => ({ statusCode: 400, error: 'Bad Request', message: `有 ${errors} 处错误，未保存任何数据；请改正后重新上传` })

/** 离线填报: a report's Excel template and its upload (preview, then save); the office's stack of them. */
const routes: FastifyPluginAsyncZod<{ clock: () => Date }> = async (app, { clock }) => {
  const service = fillInService({ submissions: submissionsOn(app.db, clock), catalog: catalogRepository(app.db), bureaus: bureausOn(app.db), transaction: auditedTransaction(app.db) })
  const cycles = cyclesOn(app.db, clock)

  app.get('/submissions/:id/template.xlsx', { schema: { params: IdParams } }, async (req, reply) => {
    const { fileName, data } = await service.template(actorOf(req), req.params.id)
    return reply.header('content-type', XLSX).header('content-disposition', attachment(fileName)).header('cache-control', 'no-store').send(data)
  })

  /** One filled template as multipart/form-data (`file`); `?dryRun=1` previews it, else it is saved when it has no error. */
  app.post(
    '/submissions/:id/template',
    { schema: { params: IdParams, querystring: FillInQuery, response: { 200: FillInSaved.or(FillInPreview), 400: FillInRefusal.or(ErrorResponse) } } },
    async (req, reply) => {
      await service.assertWritable(actorOf(req), req.params.id)
      const { data } = await readUpload(req)
      if (req.query.dryRun) return service.preview(actorOf(req), req.params.id, data)
      const result = await service.save(actorOf(req), req.params.id, data, req.query.version)
      if (result.refused) return reply.status(400).send({ ...refusal(result.preview.errors.length), ...result.preview })
      return { ...result.preview, saved: result.preview.changes.length > 0, submission: result.submission }
    },
  )

  app.get('/cycles/:year/templates.zip', { schema: { params: YearParams } }, async (req, reply) => {
    await cycles.requireCycle(req.params.year)
    const { fileName, data } = await service.cycleTemplates(actorOf(req), req.params.year)
    return reply.header('content-type', 'application/zip').header('content-disposition', attachment(fileName)).header('cache-control', 'no-store').send(data)
  })

  /**
   * A .zip of filled templates (or one .xlsx) as multipart/form-data; without `?dryRun=1` every file
   * is saved in one transaction, only when none has an error and (given `versions`) no report changed since the preview.
   */
  app.post(
    '/cycles/:year/templates',
    { schema: { params: YearParams, querystring: FillInStackQuery, response: { 200: FillInStackPreview, 400: FillInStackRefusal.or(ErrorResponse) } } },
    async (req, reply) => {
      await cycles.requireCycle(req.params.year)
      const { fileName, data } = await readUpload(req)
      const { files, refused, saved } = await service.stack(actorOf(req), req.params.year, fileName, data, !req.query.dryRun, req.query.versions)
      if (req.query.dryRun) return { files }
      if (refused) return reply.status(400).send({ ...refusal(files.reduce((n, f) => n + f.errors.length, 0)), files })
      return { files, saved }
    },
  )
}
export default routes
