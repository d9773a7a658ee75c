import { NoBody } from '@fazhi/shared'
import fp from 'fastify-plugin'
import { badRequest } from '../errors'

/**
 * Actions named by their URL alone (approve, lock, delete …) declare `body: NoBody`. A request that
 * sends them a body anyway, even JSON `null`, is refused, so no input is ever silently ignored.
 */
export default fp(
  async (app) => {
    app.addHook('preValidation', async (req) => {
      if (req.routeOptions.schema?.body !== NoBody) return
      const length = Number(req.headers['content-length'] ?? 0)
      if (length > 0 || req.headers['transfer-encoding']) throw badRequest('该操作不接受请求体')
    })
  },
  { name: 'no-body' },
)
