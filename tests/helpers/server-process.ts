import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'

const ROOT = path.resolve(import.meta.dirname, '../..')

export interface ServerProcess {
  baseUrl: string
  child: ChildProcess
  /** Resolves when the process has exited. */
  exited: Promise<number | null>
  /** SIGTERM, then wait for the exit. */
  stop(): Promise<void>
}

/**
 * Starts the real server on a free loopback port and waits until it listens: by default as `npm start`
 * does (seed/start.ts: the demo county seeded into an empty database unless DEMO_SEED=false), with
 * `production` as `npm run serve` does (server/src/server.ts). Used by the reliability tests and the
 * benchmark (whose large database starts slower).
 */
export async function startServerProcess(env: Record<string, string>, opts: { startTimeoutMs?: number; production?: boolean } = {}): Promise<ServerProcess> {
  const entry = opts.production ? 'server/src/server.ts' : 'seed/start.ts'
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  let output = ''
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), opts.startTimeoutMs ?? 60_000)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const m = /已启动：(http:\/\/127\.0\.0\.1:\d+)\//.exec(output)
      if (m) {
        clearTimeout(timer)
        resolve(m[1])
      }
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    void exited.then((code) => reject(new Error(`server exited with ${code} before listening:\n${output}`)))
  })
  return {
    baseUrl,
    child,
    exited,
    stop: async () => {
      child.kill('SIGTERM')
      await exited
    },
  }
}

/** A logged-in HTTP client for a running server, sending the session cookie and the CSRF token. */
export async function httpSession(baseUrl: string, username: string, password: string) {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  })
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`)
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
  const { csrfToken } = (await res.json()) as { csrfToken: string }
  return async (method: string, url: string, body?: unknown) => {
    const r = await fetch(`${baseUrl}${url}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const type = r.headers.get('content-type') ?? ''
    if (!type.includes('json')) return { status: r.status, body: Buffer.from(await r.arrayBuffer()) }
    const text = await r.text()
    return { status: r.status, body: text ? JSON.parse(text) : null }
  }
}
