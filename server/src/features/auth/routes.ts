import { sessionInfoOf } from './session-info'
import { ChangePasswordBody, LoginBody, NoBody, Ok, SessionInfo } from '@fazhi/shared'
import type { FastifyInstance, FastifyReply, onRequestHookHandler } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { actorOf, requestActor } from '../../lib/actor'
import { SESSION_ABSOLUTE_MS } from './service'
import { totpRepository } from './totp-repository'

export interface AuthRoutesOptions {
  /** The credential routes' one rate limit per client address (login, password change, the second factor's). */
  credentialLimit: onRequestHookHandler
}

/** Hands the browser a session token: login, and the new token once the second factor is done. */
export function setSessionCookie(app: FastifyInstance, reply: FastifyReply, token: string) {
  reply.setCookie(app.sessionCookie.name, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: app.sessionCookie.secure,
    maxAge: SESSION_ABSOLUTE_MS / 1000,
  })
}

const routes: FastifyPluginAsyncZod<AuthRoutesOptions> = async (app, opts) => {
  const factors = totpRepository(app.db)
  const totpEnrolled = async (userId: number) => Boolean((await factors.factorsOf(userId))?.secret)

  app.post(
    '/auth/login',
    {
      schema: { body: LoginBody, response: { 200: SessionInfo } },
      onRequest: opts.credentialLimit,
    },
    async (req, reply) => {
      const presented = req.cookies[app.sessionCookie.name]
      const { token, user, pendingFactor } = await app.auth.login(requestActor(req), req.body.username, req.body.password, req.headers['user-agent'], presented)
      setSessionCookie(app, reply, token)
      return sessionInfoOf({ ...user, ...await app.scopes.of(user) }, token, pendingFactor, await totpEnrolled(user.id))
    },
  )

  app.post('/auth/logout', { schema: { body: NoBody, response: { 200: Ok } } }, async (req, reply) => {
    await app.auth.logout(requestActor(req), req.cookies[app.sessionCookie.name])
    reply.clearCookie(app.sessionCookie.name, { path: '/', secure: app.sessionCookie.secure })
    return { ok: true as const }
  })

  app.get('/auth/me', { schema: { response: { 200: SessionInfo } } }, async (req) =>
    sessionInfoOf(req.user!, req.cookies[app.sessionCookie.name]!, req.pendingFactor, await totpEnrolled(req.user!.id)),
  )

  app.post('/auth/password', { schema: { body: ChangePasswordBody, response: { 200: Ok } }, onRequest: opts.credentialLimit }, async (req) => {
    await app.auth.changePassword(actorOf(req), req.cookies[app.sessionCookie.name]!, req.body.currentPassword, req.body.newPassword)
    return { ok: true as const }
  })
}
export default routes
