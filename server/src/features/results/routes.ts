import { PublishBody, Published, PublishedFigures, ResultVersionParams, ResultVersions, YearParams } from '@fazhi/shared'
import type { FastifyReply } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { actorOf } from '../../lib/actor'
import { resultsOn } from './service'

/** Stored JSON text, sent as is (the schema documents it; a string is not serialised again). */
const sendStored = (reply: FastifyReply, text: string) => reply.type('application/json; charset=utf-8').header('cache-control', 'private, no-cache').send(text)

/** Published results (定稿发布): the office publishes a year's figures; readers list the versions and read one as frozen. */
const routes: FastifyPluginAsyncZod<{ clock: () => Date }> = async (app, { clock }) => {
  const service = resultsOn(app.db, clock, (err, message) => app.log.error({ err }, message))

  app.post('/cycles/:year/publish', { schema: { params: YearParams, body: PublishBody, response: { 201: Published } } }, async (req, reply) =>
    reply.status(201).send(await service.publish(actorOf(req), req.params.year, req.body.title)),
  )

  app.get('/results/:year', { schema: { params: YearParams, response: { 200: ResultVersions } } }, async (req) => service.versions(req.params.year))

  // Sent as stored, byte for byte: the same text on every call, whatever changed since.
  app.get('/results/:year/:version', { schema: { params: ResultVersionParams, response: { 200: PublishedFigures } } }, async (req, reply) =>
    sendStored(reply, await service.figuresText(req.params.year, req.params.version)),
  )
}
export default routes
