import { CommentCreateBody, CommentList, CommentListQuery, ReviewComment } from '@fazhi/shared'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { actorOf } from '../../lib/actor'
import { commentsOn } from './service'

const routes: FastifyPluginAsyncZod<{ clock: () => Date }> = async (app, { clock }) => {
  const service = commentsOn(app.db, clock)

  app.get('/comments', { schema: { querystring: CommentListQuery, response: { 200: CommentList } } }, async (req) =>
    service.list(actorOf(req), req.query.submissionId),
  )

  app.post('/comments', { schema: { body: CommentCreateBody, response: { 201: ReviewComment } } }, async (req, reply) =>
    reply.status(201).send(await service.create(actorOf(req), req.body)),
  )
}
export default routes
