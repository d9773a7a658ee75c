import fp from 'fastify-plugin'
import { assertNoControlText } from '../lib/control-text'

/**
 * Refuses, before validation and any handler, a request whose JSON body, query or route parameters
 * hold a control or text-direction character (`lib/control-text.ts`); a multipart upload's fields
 * and file name are checked as `readUpload` reads them.
 */
export default fp(
  async (app) => {
    app.addHook('preValidation', async (req) => {
      assertNoControlText(req.params)
      assertNoControlText(req.query)
      if (!req.isMultipart()) assertNoControlText(req.body)
    })
  },
  { name: 'text-guard' },
)
