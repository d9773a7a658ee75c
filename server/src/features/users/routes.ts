import { AdminUser, CreateUserBody, GrantRoleBody, IdParams, NoBody, Ok, ResetPasswordBody, SessionParams, UpdateUserBody, UserSession } from '@fazhi/shared'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { auditedTransaction } from '../../db/transaction'
import { versionGuard } from '../../db/versions'
import { actorOf } from '../../lib/actor'
import { sessionIdOf } from '../auth/service'
import { bureausOn } from '../bureaus/service'
import { usersRepository } from './repository'
import { regionsOn } from '../regions/service'
import { usersService } from './service'

/** Account administration (三员分立): the sysadmin's accounts and sessions, the 安全保密管理员's rights. No business data here. */
const routes: FastifyPluginAsyncZod<{ clock: () => Date }> = async (app, { clock }) => {
  const service = usersService({
    repo: usersRepository(app.db),
    bureaus: bureausOn(app.db),
    regions: regionsOn(app.db),
    transaction: auditedTransaction(app.db),
    checkVersion: versionGuard(app.db),
    clock,
  })

  app.get('/users', { schema: { response: { 200: z.array(AdminUser) } } }, async () => service.list())

  app.post('/users', { schema: { body: CreateUserBody, response: { 201: AdminUser } } }, async (req, reply) =>
    reply.status(201).send(await service.create(actorOf(req), req.body)),
  )

  app.put('/users/:id', { schema: { params: IdParams, body: UpdateUserBody, response: { 200: AdminUser } } }, async (req) =>
    service.update(actorOf(req), req.params.id, req.body),
  )

  app.put('/users/:id/role', { schema: { params: IdParams, body: GrantRoleBody, response: { 200: AdminUser } } }, async (req) =>
    service.setRole(actorOf(req), req.params.id, req.body),
  )

  app.post('/users/:id/unlock', { schema: { params: IdParams, body: NoBody, response: { 200: AdminUser } } }, async (req) =>
    service.unlock(actorOf(req), req.params.id),
  )

  app.post('/users/:id/totp/reset', { schema: { params: IdParams, body: NoBody, response: { 200: AdminUser } } }, async (req) =>
    service.resetSecondFactor(actorOf(req), req.params.id),
  )

  app.post('/users/:id/reset-password', { schema: { params: IdParams, body: ResetPasswordBody, response: { 200: Ok } } }, async (req) => {
    await service.resetPassword(actorOf(req), req.params.id, req.body.password)
    return { ok: true as const }
  })

  app.get('/users/:id/sessions', { schema: { params: IdParams, response: { 200: z.array(UserSession) } } }, async (req) =>
    service.sessions(req.params.id, sessionIdOf(req.cookies[app.sessionCookie.name]!)),
  )

  app.delete('/sessions/:sessionId', { schema: { params: SessionParams, body: NoBody, response: { 200: Ok } } }, async (req) => {
    await service.revokeSession(actorOf(req), req.params.sessionId)
    return { ok: true as const }
  })
}
export default routes
