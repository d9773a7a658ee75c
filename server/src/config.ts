import path from 'node:path'

export interface Config {
  port: number
  host: string
  dbPath: string
  demoPassword: string
  /** Serve the built client from this folder when it exists. */
  clientDist: string
  /** Set when the app is served over HTTPS: Secure cookies with the __Host- prefix. */
  secureCookies: boolean
  logLevel: string
}

const repoRoot = path.resolve(import.meta.dirname, '../..')

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${name} must be a port number, got "${raw}"`)
  return n
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: intFromEnv('PORT', 3000),
    host: env.HOST || '127.0.0.1',
    dbPath: path.resolve(env.DB_PATH || path.join(repoRoot, 'data/app.db')),
    demoPassword: env.DEMO_PASSWORD || 'Demo@2026',
    clientDist: path.join(repoRoot, 'client/dist'),
    secureCookies: env.COOKIE_SECURE === 'true',
    logLevel: env.LOG_LEVEL || 'info',
  }
}

export const MIGRATIONS_DIR = path.join(repoRoot, 'migrations')
