import { BureauImportPreview, BureauImportQuery } from '@fazhi/shared'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { auditedTransaction } from '../../db/transaction'
import { actorOf } from '../../lib/actor'
import { attachment } from '../../lib/csv'
import { readUpload } from '../../lib/upload'
import { regionsOn } from '../regions/service'
import { bureauEditingOn } from './editing'
import { bureauImport } from './importing'
import { bureausOn } from './service'
import { readBureauSheet, writeBureauSheet } from './sheet'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** The bureau sheet: the template holding the current bureaus, and 从Excel导入 (preview, then commit). */
const routes: FastifyPluginAsyncZod = async (app) => {
  const transaction = auditedTransaction(app.db)
  const bureaus = bureausOn(app.db)
  const regions = regionsOn(app.db)
  const importing = bureauImport({ editing: bureauEditingOn(app.db), bureaus, regions, transaction })

  app.get('/bureaus/template.xlsx', async (req, reply) => {
    const rows = await bureaus.listBureaus()
    const file = await writeBureauSheet(rows, await regions.listRegions())
    await transaction(actorOf(req), (audit) => audit({ action: 'export', objectType: 'export', objectId: 'bureaus', after: { rows: rows.length } }))
    return reply.header('content-type', XLSX).header('content-disposition', attachment('单位导入模板.xlsx')).header('cache-control', 'no-store').send(file)
  })

  /** One .xlsx as multipart/form-data; `?commit=true` writes it when the preview has no error. */
  app.post('/bureaus/import', { schema: { querystring: BureauImportQuery, response: { 200: BureauImportPreview } } }, async (req) => {
    const upload = await readUpload(req)
    const sheet = await readBureauSheet(upload.data)
    return req.query.commit ? await importing.commit(actorOf(req), upload.fileName, sheet) : await importing.preview(sheet)
  })
}
export default routes
