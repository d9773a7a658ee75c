import { IdParams, LEDGER_SCHEMAS, LEDGER_TYPES, LEDGERS, LedgerQuery, NoBody, Ok, VersionQuery } from '@fazhi/shared'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { LEDGER_TABLES } from '../../db/schema'
import { auditedTransaction } from '../../db/transaction'
import { versionGuard } from '../../db/versions'
import { actorOf } from '../../lib/actor'
import { recordFilesOn } from '../files/records'
import { submissionsOn } from '../submissions/service'
import { ledgersRepository } from './repository'
import { ledgerService } from './service'

/** /ledgers/<type>: the same four routes for each ledger, each with its own precise schemas. */
const routes: FastifyPluginAsyncZod<{ clock: () => Date }> = async (app, { clock }) => {
  const repo = ledgersRepository(app.db)
  const transaction = auditedTransaction(app.db)
  const submissions = submissionsOn(app.db, clock)

  const checkVersion = versionGuard(app.db)
  const files = recordFilesOn(app.db, clock)

  for (const type of LEDGER_TYPES) {
    const schemas = LEDGER_SCHEMAS[type]
    const service = ledgerService(LEDGER_TABLES[type], LEDGERS[type].auditObject, {
      repo,
      submissions,
      transaction,
      checkVersion,
      clock,
      deleteFiles: (actor, audit, ledgerId) => files.deleteWith(actor, audit, { ledgerType: type, ledgerId }),
    })
    const path = `/ledgers/${type}`

    app.get(path, { schema: { querystring: LedgerQuery, response: { 200: z.array(schemas.row) } } }, async (req) =>
      service.list(actorOf(req), req.query),
    )

    app.post(path, { schema: { body: schemas.create, response: { 201: schemas.row } } }, async (req, reply) =>
      reply.status(201).send(await service.create(actorOf(req), req.body)),
    )

    app.put(`${path}/:id`, { schema: { params: IdParams, body: schemas.update, response: { 200: schemas.row } } }, async (req) => {
      const { version, ...fields } = req.body
      return await service.update(actorOf(req), req.params.id, fields, version)
    })

    app.delete(`${path}/:id`, { schema: { params: IdParams, querystring: VersionQuery, body: NoBody, response: { 200: Ok } } }, async (req) => {
      await service.delete(actorOf(req), req.params.id, req.query.version)
      return { ok: true as const }
    })
  }
}
export default routes
