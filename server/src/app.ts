import cookie from '@fastify/cookie'
import helmet from '@fastify/helmet'
import multipart from '@fastify/multipart'
import rateLimit from '@fastify/rate-limit'
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod'
import { DEFAULT_FILE_QUOTA_MB } from './config'
import type { Db } from './db/client'
import auditRoutes from './features/audit/routes'
import authRoutes from './features/auth/routes'
import totpRoutes from './features/auth/totp-routes'
import bureausRoutes from './features/bureaus/routes'
import catalogRoutes from './features/catalog/routes'
import commentsRoutes from './features/comments/routes'
import cyclesRoutes from './features/cycles/routes'
import dashboardRoutes from './features/dashboard/routes'
import exportRoutes from './features/exports/routes'
import filesRoutes from './features/files/routes'
import healthRoutes from './features/health/routes'
import importRoutes from './features/imports/routes'
import fillInRoutes from './features/fillin/routes'
import ledgersRoutes from './features/ledgers/routes'
import notificationsRoutes from './features/notifications/routes'
import channelRoutes from './features/notifications/channel-routes'
import { deliveryWorker, type DeliveryWorker, outboundTransports, scheduleDeliveries } from './features/notifications/delivery'
import rectificationsRoutes from './features/rectifications/routes'
import regionsRoutes from './features/regions/routes'
import resultsRoutes from './features/results/routes'
import schemesRoutes from './features/schemes/routes'
import securityRoutes from './features/security/routes'
import submissionsRoutes from './features/submissions/routes'
import remindersRoutes from './features/reminders/routes'
import userRoutes from './features/users/routes'
import workbenchRoutes from './features/workbench/routes'
import authPlugin from './plugins/auth'
import clientPlugin from './plugins/client'
import dbPlugin from './plugins/db'
import errorsPlugin from './plugins/errors'
import noBodyPlugin from './plugins/no-body'
import textGuardPlugin from './plugins/text-guard'

export interface AppOptions {
  db: Db
  clientDist?: string
  secureCookies?: boolean
  /** The server's notion of "now": injectable so tests can move time. */
  clock?: () => Date
  logger?: FastifyServerOptions['logger']
  /**
   * How many reverse proxies stand in front (default 0): X-Forwarded-For is read back exactly that
   * many hops, so the client address is the one the outermost proxy saw.
   */
  trustProxy?: number
  /** Credential checks (login, password change, the second factor's enrolment and code) per client address per minute, all together (default 10). */
  loginRateLimit?: number
  /** Live sessions one account may hold (default 1): a login beyond it ends the oldest. */
  maxSessionsPerUser?: number
  /** Each bureau's evidence storage quota in MB unless the office set its own (default 500). */
  fileQuotaMb?: number
  /** The address users open the app at (PUBLIC_URL): outbound messages link to it; unset, they carry no link. */
  publicUrl?: string | null
  /** How often the delivery worker sends due messages, in ms; 0 or unset: never on its own (tests drive `app.deliveries.runDue()`). */
  deliveryIntervalMs?: number
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The outbound delivery worker on this app's database and clock. */
    deliveries: DeliveryWorker
  }
}

export type App = FastifyInstance

/** proxy-addr asks about each address from the socket outwards (hop 0 is the socket's peer). */
const trustHops = (hops: number) => (_address: string, hop: number) => hop < hops

/** Builds the whole application: external plugins, then app plugins, then feature routes. */
export async function buildApp(opts: AppOptions): Promise<App> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: 1024 * 1024,
    requestTimeout: 30_000,
    connectionTimeout: 60_000,
    genReqId: () => crypto.randomUUID(),
    // Trust exactly `trustProxy` hops back through X-Forwarded-For. Never `true`: that takes the
    // leftmost address, which the client writes. (Fastify 5 refuses a bare number: it fails closed.)
    trustProxy: opts.trustProxy ? trustHops(opts.trustProxy) : false,
  }).withTypeProvider<ZodTypeProvider>()
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)
  const clock = opts.clock ?? (() => new Date())

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Ant Design injects its CSS-in-JS as <style> elements at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
  })
  await app.register(cookie)
  // Annual reports are Word files of a few hundred KB; 10 MB leaves room for embedded images.
  await app.register(multipart, { limits: { fileSize: 10 * 1024 * 1024, files: 1, fields: 5 }, throwFileSizeLimit: true })
  // Only the credential routes are limited, by one limiter they share (below); answers 429 with a
  // Chinese message, audited as `rate-limited` by the error handler (plugins/errors.ts) like every other refusal.
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) => ({
      statusCode: 429,
      error: 'Too Many Requests',
      message: `请求过于频繁，请 ${Math.ceil(ctx.ttl / 1000)} 秒后再试`,
    }),
  })
  await app.register(dbPlugin, { db: opts.db })
  await app.register(errorsPlugin)
  await app.register(noBodyPlugin)
  await app.register(textGuardPlugin)
  await app.register(authPlugin, { secureCookies: opts.secureCookies ?? false, maxSessionsPerUser: opts.maxSessionsPerUser ?? 1, clock })

  await app.register(healthRoutes, { prefix: '/api' })
  // One store for the four credential routes: together they allow `loginRateLimit` per address per
  // minute (a route's own `config.rateLimit` would get a store, and so a budget, of its own). The
  // store is the process's memory: with several app servers, nginx's `limit_req` in front carries the
  // per-address limit (README → PostgreSQL); the per-account lockout is in the database, shared.
  const credentialLimit = app.rateLimit({ max: opts.loginRateLimit ?? 10, timeWindow: '1 minute' })
  await app.register(authRoutes, { prefix: '/api', credentialLimit })
  await app.register(totpRoutes, { prefix: '/api', credentialLimit, clock })
  await app.register(securityRoutes, { prefix: '/api' })
  await app.register(catalogRoutes, { prefix: '/api', clock })
  await app.register(bureausRoutes, { prefix: '/api' })
  await app.register(regionsRoutes, { prefix: '/api', clock })
  await app.register(dashboardRoutes, { prefix: '/api', clock })
  await app.register(exportRoutes, { prefix: '/api', clock })
  await app.register(submissionsRoutes, { prefix: '/api', clock })
  await app.register(remindersRoutes, { prefix: '/api', clock })
  await app.register(ledgersRoutes, { prefix: '/api', clock })
  await app.register(commentsRoutes, { prefix: '/api', clock })
  await app.register(notificationsRoutes, { prefix: '/api', clock })
  await app.register(rectificationsRoutes, { prefix: '/api', clock })
  await app.register(cyclesRoutes, { prefix: '/api', clock })
  await app.register(resultsRoutes, { prefix: '/api', clock })
  await app.register(schemesRoutes, { prefix: '/api', clock })
  await app.register(userRoutes, { prefix: '/api', clock })
  await app.register(auditRoutes, { prefix: '/api' })
  await app.register(importRoutes, { prefix: '/api', clock })
  await app.register(fillInRoutes, { prefix: '/api', clock })
  const transports = outboundTransports(opts.db, clock)
  app.decorate('deliveries', deliveryWorker(opts.db, clock, transports, { publicUrl: opts.publicUrl }))
  if (opts.deliveryIntervalMs) {
    const stop = scheduleDeliveries(app.deliveries, opts.deliveryIntervalMs, app.log)
    app.addHook('onClose', async () => stop())
  }
  await app.register(channelRoutes, { prefix: '/api', transports, publicUrl: opts.publicUrl ?? null })
  await app.register(workbenchRoutes, { prefix: '/api', clock })
  await app.register(filesRoutes, { prefix: '/api', clock, fileQuotaMb: opts.fileQuotaMb ?? DEFAULT_FILE_QUOTA_MB })
  await app.register(clientPlugin, { clientDist: opts.clientDist ?? '' })
  return app
}
