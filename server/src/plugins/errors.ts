import type { FastifyError } from 'fastify'
import fp from 'fastify-plugin'
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod'
import { AppError } from '../errors'
import { UploadParseError } from '../lib/parsing'

/** Chinese messages for the framework's own refusals, which arrive in English. */
const FRAMEWORK_MESSAGES: Record<number, string> = {
  413: '上传或提交的内容过大（文件不超过 10 MB，其他请求不超过 1 MB）',
  415: '不支持的内容类型',
}

/** One error shape for every failure: { statusCode, error, message }. Internals never leave on 5xx. */
export default fp(
  async (app) => {
    app.setErrorHandler((err: FastifyError, req, reply) => {
      if (err instanceof AppError) {
        return reply.status(err.statusCode).send({ statusCode: err.statusCode, error: err.error, message: err.message })
      }
      // An upload the parser refused (too large once inflated, lying sizes, unreadable): the user's file, not the server, is at fault.
      if (err instanceof UploadParseError)
        return err.problem === 'busy'
          ? reply.status(503).send({ statusCode: 503, error: 'Service Unavailable', message: err.message })
          : reply.status(400).send({ statusCode: 400, error: 'Bad Request', message: err.message })
      if (hasZodFastifySchemaValidationErrors(err)) {
        const detail = err.validation.map((v) => `${v.instancePath.replace(/^\//, '') || err.validationContext}：${v.message}`)
        return reply
          .status(400)
          .send({ statusCode: 400, error: 'Bad Request', message: `请求参数无效（${detail.join('；')}）` })
      }
      const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500
      if (status >= 500) {
        req.log.error({ err, reqId: req.id }, 'request failed')
        return reply.status(500).send({ statusCode: 500, error: 'Internal Server Error', message: `服务器内部错误（请求编号 ${req.id}）` })
      }
      return reply.status(status).send({ statusCode: status, error: err.name || 'Error', message: FRAMEWORK_MESSAGES[status] ?? err.message })
    })

  },
  { name: 'errors' },
)
