import type { FastifyError, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod'
import type { AuditEntry } from '../db/transaction'
import { AppError, CsrfRefused } from '../errors'
import { UploadParseError } from '../lib/parsing'
import { refusalLog, securityEvent } from '../lib/security-event'
import { ROUTE_ACCESS, routeKey } from './access'

/** Chinese messages for the framework's own refusals, which arrive in English. */
const FRAMEWORK_MESSAGES: Record<number, string> = {
  413: '上传或提交的内容过大（文件不超过 10 MB，其他请求不超过 1 MB）',
  415: '不支持的内容类型',
}

const MINUTE_MS = 60_000
/** `access.denied` and `csrf.refused` rows one session or address leaves each minute before the rest are counted. */
export const DENIALS_WRITTEN_PER_MINUTE = 20

/** Refusals of an uploaded file: its reading, type, size or content. */
const UPLOAD_REFUSALS = new Set([400, 413, 415, 422])

/**
 * The audit row a refusal leaves, or null when it is no security event: every 403 (`access.denied`,
 * a missing CSRF token `csrf.refused`), every 429 (`rate-limited`), and a refused upload (the evidence
 * file store's `upload.refused`, any other route reading a file into data `import.failed`). 403s and
 * 429s, which a client repeats at will, are counted rather than each written (`refusalLog`).
 */
function securityEventOf(err: FastifyError, req: FastifyRequest, status: number, message: string): AuditEntry | null {
  const method = req.method
  const route = req.routeOptions.url ?? req.url.split('?')[0]!
  if (status === 429) return { action: 'rate-limited', after: { method, route } }
  if (status === 403) {
    if (err instanceof CsrfRefused) return { action: 'csrf.refused', after: { method, route } }
    // A public route's own refusals (a login of an account without a role) are recorded by its service.
    const access = ROUTE_ACCESS[routeKey(method, route)]
    if (access && 'public' in access) return null
    return { action: 'access.denied', after: { method, route, message } }
  }
  if (UPLOAD_REFUSALS.has(status) && req.isMultipart())
    return { action: route === '/api/files' ? 'upload.refused' : 'import.failed', after: { method, route, reason: message } }
  return null
}

/** One error shape for every failure: { statusCode, error, message }. Internals never leave on 5xx. */
export default fp(
  async (app) => {
    // The rate limits' window is a minute: one row per address and route each minute, the rest counted.
    const rateLimited = refusalLog(app.db, app.log, { windowMs: MINUTE_MS, allowance: 1 })
    // Refusals of one account (or of nobody) from one address: the first 20 a minute, the rest counted.
    const denied = refusalLog(app.db, app.log, { windowMs: MINUTE_MS, allowance: DENIALS_WRITTEN_PER_MINUTE })
    app.addHook('preClose', async () => {
      await rateLimited.flush()
      await denied.flush()
    })
    const record = async (req: FastifyRequest, status: number, event: AuditEntry) => {
      const route = `${req.method} ${req.routeOptions.url ?? req.url.split('?')[0]!}`
      if (status === 429) await rateLimited.record(req, `${req.ip} ${route}`, event)
      else if (status === 403) await denied.record(req, `${event.action} ${req.user?.id ?? ''} ${req.ip}`, event)
      else await securityEvent(app.db, req, event)
    }
    app.setErrorHandler(async (err: FastifyError, req, reply) => {
      const answer = async (status: number, error: string, message: string, extra?: Record<string, unknown>) => {
        const event = securityEventOf(err, req, status, message)
        if (event) await record(req, status, event)
        return reply.status(status).send({ ...extra, statusCode: status, error, message })
      }
      if (err instanceof AppError) return await answer(err.statusCode, err.error, err.message, err.extra)
      // An upload the parser refused (too large once inflated, lying sizes, unreadable): the user's file, not the server, is at fault.
      if (err instanceof UploadParseError)
        return err.problem === 'busy' ? await answer(503, 'Service Unavailable', err.message) : await answer(400, 'Bad Request', err.message)
      if (hasZodFastifySchemaValidationErrors(err)) {
        const detail = err.validation.map((v) => `${v.instancePath.replace(/^\//, '') || err.validationContext}：${v.message}`)
        return await answer(400, 'Bad Request', `请求参数无效（${detail.join('；')}）`)
      }
      const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500
      if (status >= 500) {
        req.log.error({ err, reqId: req.id }, 'request failed')
        return reply.status(500).send({ statusCode: 500, error: 'Internal Server Error', message: `服务器内部错误（请求编号 ${req.id}）` })
      }
      return await answer(status, err.name || 'Error', FRAMEWORK_MESSAGES[status] ?? err.message)
    })
  },
  { name: 'errors', dependencies: ['db'] },
)
