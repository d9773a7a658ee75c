import type { PendingFactor } from '@fazhi/shared'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { auditedTransaction } from '../db/transaction'
import { CsrfRefused, forbidden, unauthorized } from '../errors'
import { authRepository } from '../features/auth/repository'
import { authService, csrfTokenOf, type AuthService } from '../features/auth/service'
import { bureauScopes, type BureauScopes, type ScopedUser } from '../features/regions/scope'
import { securitySettings } from '../features/security/settings'
import { ROUTE_ACCESS, routeKey } from './access'

declare module 'fastify' {
  interface FastifyInstance {
    auth: AuthService
    /** Each account's region and scope (`features/regions/scope.ts`), resolved on every request. */
    scopes: BureauScopes
    /** Every API route as "METHOD /url", collected as routes register: tests check each has an access rule. */
    apiRoutes: string[]
    sessionCookie: { name: string; secure: boolean }
  }
  interface FastifyRequest {
    /** The session's account, its region resolved and its scope attached. */
    user: ScopedUser | null
    /** What the session still needs before it reaches anything but the second-factor routes. */
    pendingFactor: PendingFactor | null
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * What a session opened by the password alone may do while its second factor is pending: enter a
 * code, or set one up when the account has none yet.
 */
export const PENDING_FACTOR_ROUTES: Record<PendingFactor, ReadonlySet<string>> = {
  verify: new Set(['GET /api/auth/me', 'POST /api/auth/logout', 'POST /api/auth/totp/verify']),
  enrol: new Set(['GET /api/auth/me', 'POST /api/auth/logout', 'POST /api/auth/totp/enrolment', 'POST /api/auth/totp/enrol']),
}

/** What an account that must change its password may still do. */
const PASSWORD_CHANGE_ROUTES = new Set(['GET /api/auth/me', 'POST /api/auth/password', 'POST /api/auth/logout'])

export interface AuthPluginOptions {
  secureCookies: boolean
  /** Live sessions one account may hold: a login beyond it ends the oldest. */
  maxSessionsPerUser: number
  clock: () => Date
}

/** Resolves the session cookie on every API request and enforces ROUTE_ACCESS before any handler runs. */
export default fp<AuthPluginOptions>(
  async (app: FastifyInstance, opts) => {
    app.decorate('auth', authService(authRepository(app.db), auditedTransaction(app.db), securitySettings(app.db), opts.clock, opts.maxSessionsPerUser))
    // The __Host- prefix binds the cookie to this exact origin, but browsers accept it only over HTTPS.
    app.decorate('sessionCookie', { name: opts.secureCookies ? '__Host-sid' : 'sid', secure: opts.secureCookies })
    app.decorate('scopes', bureauScopes(app.db))
    app.decorateRequest('user', null)
    app.decorateRequest('pendingFactor', null)
    app.decorate('apiRoutes', [] as string[])
    app.addHook('onRoute', (route) => {
      if (!route.url.startsWith('/api/')) return
      for (const method of [route.method].flat()) if (method !== 'HEAD') app.apiRoutes.push(routeKey(method, route.url))
    })

    app.addHook('onRequest', async (req: FastifyRequest, _reply: FastifyReply) => {
      const url = req.routeOptions.url
      if (!url?.startsWith('/api/')) return
      const access = ROUTE_ACCESS[routeKey(req.method, url)]
      // Deny by default: a route that was added without an access rule answers nobody.
      if (!access) throw forbidden(`路由未配置访问规则：${req.method} ${url}`)
      const token = req.cookies[app.sessionCookie.name]
      const session = token ? await app.auth.resolve(token) : null
      req.user = session ? { ...session.user, ...await app.scopes.of(session.user) } : null
      req.pendingFactor = session?.pendingFactor ?? null
      // A change made with a session must carry the session's CSRF token in a header, which a
      // cross-site form or script cannot set or know. Login itself has no session yet.
      if (token && req.user && !SAFE_METHODS.has(req.method) && req.headers['x-csrf-token'] !== csrfTokenOf(token))
        throw new CsrfRefused()
      if ('public' in access) return
      if (!req.user) throw unauthorized()
      if (req.pendingFactor && !PENDING_FACTOR_ROUTES[req.pendingFactor].has(routeKey(req.method, url)))
        throw unauthorized(req.pendingFactor === 'enrol' ? '须先设置双因素认证' : '请输入动态验证码完成登录')
      // The second factor comes first: a pending session could not reach the password form.
      if (!req.pendingFactor && req.user.mustChangePassword && !PASSWORD_CHANGE_ROUTES.has(routeKey(req.method, url)))
        throw forbidden('首次登录或密码被管理员重置后，须先修改密码')
      if (!access.roles.includes(req.user.role)) throw forbidden()
      if (access.installation && !req.user.scope?.installationWide) throw forbidden('该操作属于全系统，由最上级法治办进行')
    })
  },
  { name: 'auth', dependencies: ['db', '@fastify/cookie'] },
)
