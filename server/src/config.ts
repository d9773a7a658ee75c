import path from 'node:path'

export interface Config {
  port: number
  host: string
  dbPath: string
  /** Serve the built client from this folder when it exists. */
  clientDist: string
  /** Set when the app is served over HTTPS: Secure cookies with the __Host- prefix. */
  secureCookies: boolean
  logLevel: string
  /** Nightly backups go here when set. */
  backupDir: string | null
  backupKeep: number
  /** Set when a reverse proxy in front sets X-Forwarded-For. */
  trustProxy: boolean
  /** Login attempts allowed per client address per minute. */
  loginRateLimit: number
  /** Each bureau's evidence storage quota in MB unless the office set its own (FILE_QUOTA_MB). */
  fileQuotaMb: number
  /**
   * The key of the audit log's hash chain (AUDIT_HMAC_KEY). Kept outside the data folder, it makes a
   * rewritten log detectable even by someone who can change the database file; empty: plain hashes.
   */
  auditKey: string
}

export const DEFAULT_FILE_QUOTA_MB = 500

const repoRoot = path.resolve(import.meta.dirname, '../..')

/**
 * Resolves a path the user typed against the folder they ran npm from (npm runs workspace
 * scripts inside the workspace folder, but records the caller's folder in INIT_CWD).
 */
export const resolveUserPath = (p: string, env: NodeJS.ProcessEnv = process.env) => path.resolve(env.INIT_CWD ?? process.cwd(), p)

function intFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${name} 应为 0–65535 的整数，实际为 "${raw}"`)
  return n
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: intFromEnv(env, 'PORT', 3000),
    host: env.HOST || '127.0.0.1',
    dbPath: env.DB_PATH ? resolveUserPath(env.DB_PATH, env) : path.join(repoRoot, 'data/app.db'),
    clientDist: path.join(repoRoot, 'client/dist'),
    secureCookies: env.COOKIE_SECURE === 'true',
    logLevel: env.LOG_LEVEL || 'info',
    backupDir: env.BACKUP_DIR ? resolveUserPath(env.BACKUP_DIR, env) : null,
    backupKeep: intFromEnv(env, 'BACKUP_KEEP', 7),
    trustProxy: env.TRUST_PROXY === 'true',
    loginRateLimit: intFromEnv(env, 'LOGIN_RATE_LIMIT', 10),
    fileQuotaMb: intFromEnv(env, 'FILE_QUOTA_MB', DEFAULT_FILE_QUOTA_MB),
    auditKey: env.AUDIT_HMAC_KEY ?? '',
  }
}

export const MIGRATIONS_DIR = path.join(repoRoot, 'migrations')
