import { LoginBody, Ok, User } from '@fazhi/shared'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { AppError } from '../../errors'
import { recordAudit } from '../audit/recorder'
import { SESSION_ABSOLUTE_MS } from './service'

const routes: FastifyPluginAsyncZod = async (app) => {
  app.post('/auth/login', { schema: { body: LoginBody, response: { 200: User } } }, async (req, reply) => {
    const attempt = await app.auth
      .login(req.body.username, req.body.password, { ip: req.ip, userAgent: req.headers['user-agent'] })
      .catch((err: unknown) => {
        if (err instanceof AppError) recordAudit(app.db, req, { action: 'login', success: false, actor: { id: null, username: req.body.username } })
        throw err
      })
    const { token, user } = attempt
    recordAudit(app.db, req, { action: 'login', objectType: 'user', objectId: user.id, actor: user })
    reply.setCookie(app.sessionCookie.name, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      secure: app.sessionCookie.secure,
      maxAge: SESSION_ABSOLUTE_MS / 1000,
    })
    return user
  })

  app.post('/auth/logout', { schema: { response: { 200: Ok } } }, async (req, reply) => {
    const token = req.cookies[app.sessionCookie.name]
    if (token) app.auth.logout(token)
    if (req.user) recordAudit(app.db, req, { action: 'logout', objectType: 'user', objectId: req.user.id })
    reply.clearCookie(app.sessionCookie.name, { path: '/', secure: app.sessionCookie.secure })
    return { ok: true as const }
  })

  app.get('/auth/me', { schema: { response: { 200: User } } }, async (req) => req.user!)
}
export default routes
