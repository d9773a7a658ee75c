import { NoBody, Scheme, SchemeBody, SchemeCopyParams, SchemeDraft, SchemeImport, SchemePreview, YearParams } from '@fazhi/shared'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { actorOf } from '../../lib/actor'
import { attachment } from '../../lib/csv'
import { securityEvent } from '../../lib/security-event'
import { readUpload } from '../../lib/upload'
import { resultsOn } from '../results/service'
import { schemesOn } from './service'
import { readSchemeWorkbook, schemeWorkbook } from './workbook'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** The yearly 考核方案: business readers read it; the office writes, copies, previews, imports and reopens it. */
const routes: FastifyPluginAsyncZod<{ clock: () => Date }> = async (app, { clock }) => {
  const results = resultsOn(app.db, clock)
  const service = schemesOn(app.db, clock, async (year) => (await results.versions(year)).length > 0)

  app.get('/schemes/:year', { schema: { params: YearParams, response: { 200: Scheme } } }, async (req) => service.scheme(req.params.year))

  app.put('/schemes/:year', { schema: { params: YearParams, body: SchemeBody, response: { 200: Scheme } } }, async (req) =>
    service.save(actorOf(req), req.params.year, req.body),
  )

  app.post('/schemes/:year/copy-from/:fromYear', { schema: { params: SchemeCopyParams, body: NoBody, response: { 200: Scheme } } }, async (req) =>
    service.copyFrom(actorOf(req), req.params.year, req.params.fromYear),
  )

  app.post('/schemes/:year/reopen', { schema: { params: YearParams, body: NoBody, response: { 200: Scheme } } }, async (req) =>
    service.reopen(actorOf(req), req.params.year),
  )

  app.post('/schemes/:year/preview', { schema: { params: YearParams, body: SchemeDraft, response: { 200: SchemePreview } } }, async (req) =>
    service.preview(req.params.year, req.body),
  )

  app.get('/schemes/:year/export.xlsx', { schema: { params: YearParams } }, async (req, reply) => {
    const { year } = req.params
    const file = await schemeWorkbook(await service.scheme(year))
    return reply
      .header('content-type', XLSX)
      .header('content-disposition', attachment(`${year}年度考核细则.xlsx`))
      .header('cache-control', 'no-store')
      .send(file)
  })

  /** One xlsx file as multipart/form-data: read back and compared with the stored scheme; nothing is written. */
  app.post('/schemes/:year/import', { schema: { params: YearParams, response: { 200: SchemeImport } } }, async (req) => {
    const { year } = req.params
    const draft = await service.draft(year)
    const upload = await readUpload(req)
    const read = await readSchemeWorkbook(upload.data, { draft, registry: await service.registry() })
    // The preview answers a file refused as a whole (unreadable, a zip bomb, no 考核细则 sheet) in its
    // error list, as row 0; it is audited like every other refused import (plugins/errors.ts).
    const refused = read.errors.find((e) => e.row === 0)
    if (refused) await securityEvent(app.db, req, { action: 'import.failed', after: { method: req.method, route: req.routeOptions.url, reason: refused.message } })
    return read
  })
}
export default routes
