import cookie from '@fastify/cookie'
import helmet from '@fastify/helmet'
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod'
import type { Db } from './db/client'
import authRoutes from './features/auth/routes'
import catalogRoutes from './features/catalog/routes'
import dashboardRoutes from './features/dashboard/routes'
import healthRoutes from './features/health/routes'
import authPlugin from './plugins/auth'
import clientPlugin from './plugins/client'
import dbPlugin from './plugins/db'
import errorsPlugin from './plugins/errors'

export interface AppOptions {
  db: Db
  clientDist?: string
  secureCookies?: boolean
  /** The server's notion of "now": injectable so tests can move time. */
  clock?: () => Date
  logger?: FastifyServerOptions['logger']
}

export type App = FastifyInstance

/** Builds the whole application: external plugins, then app plugins, then feature routes. */
export async function buildApp(opts: AppOptions): Promise<App> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: 1024 * 1024,
    requestTimeout: 30_000,
    connectionTimeout: 60_000,
    genReqId: () => crypto.randomUUID(),
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
      },
    },
  })
  await app.register(cookie)
  await app.register(dbPlugin, { db: opts.db })
  await app.register(errorsPlugin)
  await app.register(authPlugin, { secureCookies: opts.secureCookies ?? false, clock })

  await app.register(healthRoutes, { prefix: '/api' })
  await app.register(authRoutes, { prefix: '/api' })
  await app.register(catalogRoutes, { prefix: '/api', clock })
  await app.register(dashboardRoutes, { prefix: '/api', clock })
  await app.register(clientPlugin, { clientDist: opts.clientDist ?? '' })
  return app
}
