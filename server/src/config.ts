import path from 'node:path'

export interface Config {
  port: number
  host: string
  dbPath: string
  /** DATABASE_URL=postgres://…: PostgreSQL instead of the SQLite file at `dbPath`. */
  databaseUrl: string | null
  /** The database the server and the commands open: `databaseUrl` when set, else the file `dbPath`. */
  database: string
  /**
   * Where evidence files are kept with PostgreSQL (FILES_DIR): one folder every app server shares.
   * With SQLite they sit beside the database file.
   */
  filesDir: string
  /** Serve the built client from this folder when it exists. */
  clientDist: string
  /** Set when the app is served over HTTPS: Secure cookies with the __Host- prefix. */
  secureCookies: boolean
  logLevel: string
  /** Nightly backups go here when set. */
  backupDir: string | null
  backupKeep: number
  /**
   * How many reverse proxies stand in front of the app (TRUST_PROXY): the client address is the one
   * the outermost of them saw, never a value the client wrote into X-Forwarded-For. 0: none.
   */
  trustProxy: number
  /** Login attempts allowed per client address per minute. */
  loginRateLimit: number
  /** Live sessions one account may hold (MAX_SESSIONS_PER_USER); a login beyond it ends the oldest. */
  maxSessionsPerUser: number
  /** Each bureau's evidence storage quota in MB unless the office set its own (FILE_QUOTA_MB). */
  fileQuotaMb: number
  /**
   * The key of the audit log's hash chain (AUDIT_HMAC_KEY). Kept outside the data folder, it makes a
   * rewritten log detectable even by someone who can change the database file; empty: plain hashes.
   */
  auditKey: string
  /** The address users open the app at (PUBLIC_URL, http or https): e-mails and webhooks link to it. */
  publicUrl: string | null
  /** Seconds between the delivery worker's runs (DELIVERY_INTERVAL_S, default 15); 0 sends nothing. */
  deliveryIntervalS: number
}

export const DEFAULT_FILE_QUOTA_MB = 500

const repoRoot = path.resolve(import.meta.dirname, '../..')

/**
 * Resolves a path the user typed against the folder they ran npm from (npm runs workspace
 * scripts inside the workspace folder, but records the caller's folder in INIT_CWD).
 */
export const resolveUserPath = (p: string, env: NodeJS.ProcessEnv = process.env) => path.resolve(env.INIT_CWD ?? process.cwd(), p)

function intFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < min || n > 65535) throw new Error(`${name} 应为 ${min}–65535 的整数，实际为 "${raw}"`)
  return n
}

/** TRUST_PROXY: the number of proxy hops; 'true' is one hop, unset, 'false' and '0' none. */
function proxyHopsFromEnv(env: NodeJS.ProcessEnv): number {
  const raw = env.TRUST_PROXY?.trim()
  if (raw === undefined || raw === '' || raw === 'false') return 0
  if (raw === 'true') return 1
  if (!/^\d{1,2}$/.test(raw)) throw new Error(`TRUST_PROXY 应为反向代理的层数（0–99 的整数，true 即 1），实际为 "${env.TRUST_PROXY}"`)
  return Number(raw)
}

function publicUrlFromEnv(env: NodeJS.ProcessEnv): string | null {
  const raw = env.PUBLIC_URL?.trim()
  if (!raw) return null
  if (!/^https?:\/\//i.test(raw) || !URL.canParse(raw)) throw new Error(`PUBLIC_URL 应为 http:// 或 https:// 开头的网址，实际为 "${raw}"`)
  return raw
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dbPath = env.DB_PATH ? resolveUserPath(env.DB_PATH, env) : path.join(repoRoot, 'data/app.db')
  const databaseUrl = env.DATABASE_URL?.trim() || null
  return {
    port: intFromEnv(env, 'PORT', 3000),
    host: env.HOST || '127.0.0.1',
    dbPath,
    databaseUrl,
    database: databaseUrl ?? dbPath,
    filesDir: env.FILES_DIR ? resolveUserPath(env.FILES_DIR, env) : path.join(repoRoot, 'data/files'),
    clientDist: path.join(repoRoot, 'client/dist'),
    secureCookies: env.COOKIE_SECURE === 'true',
    logLevel: env.LOG_LEVEL || 'info',
    backupDir: env.BACKUP_DIR ? resolveUserPath(env.BACKUP_DIR, env) : null,
    backupKeep: intFromEnv(env, 'BACKUP_KEEP', 7),
    trustProxy: proxyHopsFromEnv(env),
    loginRateLimit: intFromEnv(env, 'LOGIN_RATE_LIMIT', 10),
    maxSessionsPerUser: intFromEnv(env, 'MAX_SESSIONS_PER_USER', 1, 1),
    fileQuotaMb: intFromEnv(env, 'FILE_QUOTA_MB', DEFAULT_FILE_QUOTA_MB),
    auditKey: env.AUDIT_HMAC_KEY ?? '',
    publicUrl: publicUrlFromEnv(env),
    deliveryIntervalS: intFromEnv(env, 'DELIVERY_INTERVAL_S', 15),
  }
}

export const MIGRATIONS_DIR = path.join(repoRoot, 'migrations')
