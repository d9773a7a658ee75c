import { sessionInfoOf } from './session-info'
import { NoBody, RecoveryCodes, SessionInfo, TotpCodeBody, TotpEnrolment } from '@fazhi/shared'
import type { onRequestHookHandler } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { auditedTransaction } from '../../db/transaction'
import { actorOf } from '../../lib/actor'
import { credentialAttempts } from './attempts'
import { authRepository } from './repository'
import { setSessionCookie } from './routes'
import { totpService } from './totp'
import { totpRepository } from './totp-repository'

export interface TotpRoutesOptions {
  /** The credential routes' one rate limit per client address, shared with login and password change. */
  credentialLimit: onRequestHookHandler
  clock: () => Date
}

/** The second factor's routes; a session waiting for its factor reaches only these (`PENDING_FACTOR_ROUTES`). */
const routes: FastifyPluginAsyncZod<TotpRoutesOptions> = async (app, opts) => {
  const transaction = auditedTransaction(app.db)
  const totp = totpService({
    repo: totpRepository(app.db),
    transaction,
    attempts: credentialAttempts(authRepository(app.db), transaction, opts.clock),
    auth: app.auth,
    clock: opts.clock,
  })
  const sessionOf = (req: Parameters<typeof actorOf>[0]) => ({
    token: req.cookies[app.sessionCookie.name]!,
    userAgent: req.headers['user-agent'],
    pendingFactor: req.pendingFactor,
  })

  // A POST: each call makes a new secret (and an audit row), under the credential routes' limit.
  app.post('/auth/totp/enrolment', { schema: { body: NoBody, response: { 200: TotpEnrolment } }, onRequest: opts.credentialLimit }, async (req) =>
    totp.enrolment(actorOf(req)),
  )

  app.post('/auth/totp/enrol', { schema: { body: TotpCodeBody, response: { 200: RecoveryCodes } }, onRequest: opts.credentialLimit }, async (req, reply) => {
    const { recoveryCodes, token } = await totp.enrol(actorOf(req), sessionOf(req), req.body.code)
    if (token) setSessionCookie(app, reply, token)
    return { recoveryCodes }
  })

  app.post('/auth/totp/verify', { schema: { body: TotpCodeBody, response: { 200: SessionInfo } }, onRequest: opts.credentialLimit }, async (req, reply) => {
    const token = await totp.verify(actorOf(req), sessionOf(req), req.body.code)
    setSessionCookie(app, reply, token)
    return sessionInfoOf(req.user!, token, null, true)
  })
}
export default routes
