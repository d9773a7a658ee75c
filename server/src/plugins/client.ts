import fs from 'node:fs'
import path from 'node:path'
import fastifyStatic from '@fastify/static'
import fp from 'fastify-plugin'

/**
 * Serves the built client (when there is one) so production is one process on one port.
 * Unknown GET paths outside /api get index.html, because the client routes them itself.
 */
export default fp<{ clientDist: string }>(
  async (app, { clientDist }) => {
    const hasClient = fs.existsSync(path.join(clientDist, 'index.html'))
    if (hasClient) {
      await app.register(fastifyStatic, {
        root: clientDist,
        // The build writes .br and .gz beside each text file (client/vite.config.ts `precompress`).
        preCompressed: true,
        // Hashed asset names never change content: cache them for a year; index.html stays fresh.
        setHeaders: (res, file) => {
          res.header('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache')
        },
      })
    }
    app.setNotFoundHandler((req, reply) => {
      if (hasClient && req.method === 'GET' && !req.url.startsWith('/api/')) return reply.sendFile('index.html')
      return reply.status(404).send({ statusCode: 404, error: 'Not Found', message: `接口不存在：${req.method} ${req.url}` })
    })
  },
  { name: 'client' },
)
