import { AuditChain, auditActionLabel, AuditPage, AuditQuery, type AuditRow } from '@fazhi/shared'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { verifyAuditChainOf } from '../../db/audit-chain'
import { auditedTransaction } from '../../db/transaction'
import { actorOf } from '../../lib/actor'
import { attachment, toCsv } from '../../lib/csv'
import { auditNames } from './names'
import { auditRepository } from './repository'

const json = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v))
/** Rows named a page at a time, so an export's name queries stay within SQLite's bound on parameters. */
const EXPORT_CHUNK = 500

/** The audit log, for the auditor role only. Nothing here changes or deletes a record. */
const routes: FastifyPluginAsyncZod = async (app) => {
  const repo = auditRepository(app.db)
  const names = auditNames(app.db)
  const transaction = auditedTransaction(app.db)

  // Reading the log is itself recorded (who read which filter and page), after the page is read.
  app.get('/audit', { schema: { querystring: AuditQuery, response: { 200: AuditPage } } }, async (req) =>
    transaction(actorOf(req), async (audit) => {
      const { total, rows } = await repo.page(req.query)
      await audit({ action: 'audit.read', objectType: 'audit', after: { filter: req.query } })
      return { total, rows: await names.label(rows) }
    }),
  )

  // Walks the whole chain, on SQLite blocking the server meanwhile: about 1.5 s per 100k rows (README), fine on the auditor's demand.
  app.get('/audit/chain', { schema: { response: { 200: AuditChain } } }, async () => ({
    ...(await verifyAuditChainOf(app.db.connection)),
    checkedAt: new Date().toISOString(),
  }))

  app.get('/audit/export.csv', { schema: { querystring: AuditQuery } }, async (req, reply) => {
    // Read inside the transaction that records the export, so the count is of the rows exported.
    const rows = await transaction(actorOf(req), async (audit) => {
      const stored = await repo.all(req.query)
      await audit({ action: 'export', objectType: 'audit', after: { filter: req.query, rows: stored.length } })
      const rows: AuditRow[] = []
      for (let i = 0; i < stored.length; i += EXPORT_CHUNK) rows.push(...await names.label(stored.slice(i, i + EXPORT_CHUNK)))
      return rows
    })
    const csv = toCsv(
      [
        { header: '时间', value: (r) => r.at },
        { header: '用户', value: (r) => r.actorLabel },
        { header: '用户名', value: (r) => r.username },
        { header: 'IP', value: (r) => r.ip },
        { header: '操作', value: (r) => auditActionLabel(r.action) },
        { header: '操作代码', value: (r) => r.action },
        { header: '对象', value: (r) => r.objectLabel },
        { header: '对象类型', value: (r) => r.objectType },
        { header: '对象编号', value: (r) => r.objectId },
        { header: '结果', value: (r) => (r.success ? '成功' : '失败') },
        { header: '变更前', value: (r) => json(r.before) },
        { header: '变更后', value: (r) => json(r.after) },
      ],
      rows,
    )
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', attachment('审计日志.csv'))
      .header('cache-control', 'no-store')
      .send(csv)
  })
}
export default routes
