import { PassThrough } from 'node:stream'
import { EXPORT_FILES, ExportQuery, exportRoute } from '@fazhi/shared'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { auditedTransaction } from '../../db/transaction'
import { actorOf } from '../../lib/actor'
import { regionFilter } from '../../plugins/access'
import { attachment } from '../../lib/csv'
import { dashboardRepository } from '../dashboard/repository'
import { dashboardSources } from '../dashboard/board'
import { resultsOn } from '../results/service'
import { chaseOn } from '../reminders/service'
import { exportsRepository } from './repository'
import { type ExportFile, exportsService } from './service'

const CONTENT_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
} as const

/** Meeting exports: every file of the export registry. Every export is audited. */
const routes: FastifyPluginAsyncZod<{ clock: () => Date }> = async (app, { clock }) => {
  const transaction = auditedTransaction(app.db)
  const chases = chaseOn(app.db, clock)
  const service = exportsService(dashboardSources(app.db, clock), dashboardRepository(app.db), exportsRepository(app.db), async (year, until) => (await chases.history(year, until)).records, clock)
  const results = resultsOn(app.db, clock)

  async function send(req: FastifyRequest, reply: FastifyReply, year: number, version: number | undefined, regionId: number | undefined, file: ExportFile) {
    await transaction(actorOf(req), (audit) =>
      audit({ action: 'export', objectType: 'export', objectId: file.kind, after: { year, version, regionId, format: file.format, rows: file.rows } }),
    )
    reply
      .header('content-type', CONTENT_TYPES[file.format])
      .header('content-disposition', attachment(file.fileName))
      .header('cache-control', 'no-store')
    if (typeof file.body === 'string') return reply.send(file.body)
    const stream = new PassThrough()
    file.body(stream).catch((err: unknown) => {
      req.log.error({ err, reqId: req.id }, 'export failed while streaming')
      stream.destroy(err instanceof Error ? err : new Error(String(err)))
    })
    return reply.send(stream)
  }

  for (const { kind, format } of EXPORT_FILES) {
    app.get(exportRoute(kind, format), { schema: { querystring: ExportQuery } }, async (req, reply) => {
      const { year, version } = req.query
      const regionId = regionFilter(req.user!, req.query.regionId)
      const published = version === undefined ? undefined : await results.published(year, version, regionId)
      return await send(req, reply, year, version, regionId, await service.file(req.user!, kind, format, year, published, regionId))
    })
  }
}
export default routes
