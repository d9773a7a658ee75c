import { CommentCreateBody, CommentList, CommentListQuery, ReviewComment } from '@fazhi/shared'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { auditedTransaction } from '../../db/transaction'
import { actorOf } from '../../lib/actor'
import { catalogRepository } from '../catalog/repository'
import { cyclesOn } from '../cycles/service'
import { filesRepository } from '../files/repository'
import { ledgersRepository } from '../ledgers/repository'
import { notificationEventsOn } from '../notifications/events'
import { submissionsOn } from '../submissions/service'
import { commentsRepository } from './repository'
import { commentsService } from './service'

const routes: FastifyPluginAsyncZod<{ clock: () => Date }> = async (app, { clock }) => {
  const service = commentsService({
    repo: commentsRepository(app.db),
    submissions: submissionsOn(app.db, clock),
    catalog: catalogRepository(app.db),
    cycles: cyclesOn(app.db, clock),
    ledgers: ledgersRepository(app.db),
    files: filesRepository(app.db),
    notices: notificationEventsOn(app.db, clock),
    transaction: auditedTransaction(app.db),
    clock,
  })

  app.get('/comments', { schema: { querystring: CommentListQuery, response: { 200: CommentList } } }, async (req) =>
    service.list(actorOf(req), req.query.submissionId),
  )

  app.post('/comments', { schema: { body: CommentCreateBody, response: { 201: ReviewComment } } }, async (req, reply) =>
    reply.status(201).send(service.create(actorOf(req), req.body)),
  )
}
export default routes
