import { BatchApproveBody, BatchReturnBody, BatchReviewResult, IdParams, NoBody, PublicationBody, ReturnBody, SubmissionChanges, SubmissionCreateBody, SubmissionDetail, SubmissionListQuery, SubmissionListRow, SubmissionSaveBody } from '@fazhi/shared'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { actorOf } from '../../lib/actor'
import { submissionsOn } from './service'

const routes: FastifyPluginAsyncZod<{ clock: () => Date }> = async (app, { clock }) => {
  const service = submissionsOn(app.db, clock)

  app.get('/submissions', { schema: { querystring: SubmissionListQuery, response: { 200: z.array(SubmissionListRow) } } }, async (req) =>
    service.list(actorOf(req), req.query),
  )

  app.post(
    '/submissions',
    { schema: { body: SubmissionCreateBody, response: { 200: SubmissionDetail, 201: SubmissionDetail } } },
    async (req, reply) => {
      const { created, submission } = await service.create(actorOf(req), req.body)
      return reply.status(created ? 201 : 200).send(submission)
    },
  )

  app.get('/submissions/:id', { schema: { params: IdParams, response: { 200: SubmissionDetail } } }, async (req) =>
    service.get(actorOf(req), req.params.id),
  )

  app.put('/submissions/:id', { schema: { params: IdParams, body: SubmissionSaveBody, response: { 200: SubmissionDetail } } }, async (req) =>
    service.save(actorOf(req), req.params.id, req.body),
  )

  app.post('/submissions/:id/submit', { schema: { params: IdParams, body: NoBody, response: { 200: SubmissionDetail } } }, async (req) =>
    service.transition(actorOf(req), req.params.id, 'submit'),
  )

  app.post('/submissions/:id/return', { schema: { params: IdParams, body: ReturnBody, response: { 200: SubmissionDetail } } }, async (req) =>
    service.transition(actorOf(req), req.params.id, 'return', req.body),
  )

  app.post('/submissions/:id/approve', { schema: { params: IdParams, body: NoBody, response: { 200: SubmissionDetail } } }, async (req) =>
    service.transition(actorOf(req), req.params.id, 'approve'),
  )

  app.post('/submissions/:id/reopen', { schema: { params: IdParams, body: NoBody, response: { 200: SubmissionDetail } } }, async (req) =>
    service.transition(actorOf(req), req.params.id, 'reopen'),
  )

  app.get('/submissions/:id/changes', { schema: { params: IdParams, response: { 200: SubmissionChanges } } }, async (req) =>
    service.changes(actorOf(req), req.params.id),
  )

  // 批量审核: all or nothing, each report audited on its own.
  app.post('/submissions/batch/approve', { schema: { body: BatchApproveBody, response: { 200: BatchReviewResult } } }, async (req) =>
    service.batch(actorOf(req), 'approve', req.body.items),
  )

  app.post('/submissions/batch/return', { schema: { body: BatchReturnBody, response: { 200: BatchReviewResult } } }, async (req) =>
    service.batch(actorOf(req), 'return', req.body.items),
  )

  app.put(
    '/submissions/:id/publication',
    { schema: { params: IdParams, body: PublicationBody, response: { 200: SubmissionDetail } } },
    async (req) => service.publish(actorOf(req), req.params.id, req.body),
  )
}
export default routes
