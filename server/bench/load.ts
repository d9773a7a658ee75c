import http from 'node:http'

/**
 * A small closed-loop load generator on node:http with keep-alive: `concurrency` workers each send
 * the next request as soon as the previous answer's body has been read. No dependency, and cheap
 * enough per request that a 2-core machine still has a core for the server. Given several servers
 * (app servers on one database), it sends the requests to them in turn, as a round-robin load
 * balancer would.
 */

export interface LoadResult {
  requests: number
  p50: number
  p95: number
  p99: number
  rps: number
  /** Bytes of one response body (the last one), for the table. */
  bytes: number
  errors: number
}

export interface LoadOptions {
  /** Each request goes to the next server in turn. */
  baseUrls: readonly string[]
  cookie: string
  /** Each request takes the next path in turn (each server seeing every path), so e.g. overviews rotate over many bureaus. */
  paths: readonly string[]
  concurrency: number
  warmupMs: number
  durationMs: number
}

interface Response {
  status: number
  bytes: number
}

export function createClient(baseUrl: string, maxSockets: number) {
  const url = new URL(baseUrl)
  const agent = new http.Agent({ keepAlive: true, maxSockets })
  /** The body's text is kept for anything but a successful GET (those are only counted), or when `keep` is set. */
  const request = (method: string, path: string, headers: Record<string, string>, body?: string, keep = false) =>
    new Promise<Response & { headers: http.IncomingHttpHeaders; text: string | null }>((resolve, reject) => {
      const req = http.request(
        { host: url.hostname, port: url.port, method, path, agent, headers: body ? { ...headers, 'content-type': 'application/json' } : headers },
        (res) => {
          const keepText = keep || method !== 'GET' || res.statusCode !== 200
          const chunks: Buffer[] = []
          let bytes = 0
          res.on('data', (c: Buffer) => {
            bytes += c.length
            if (keepText) chunks.push(c)
          })
          res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes, headers: res.headers, text: keepText ? Buffer.concat(chunks).toString() : null }))
          res.on('error', reject)
        },
      )
      req.on('error', reject)
      req.end(body)
    })
  return { request, close: () => agent.destroy() }
}

/** Logs in: the session cookie, and the CSRF token that changes must send back. */
export async function login(baseUrl: string, username: string, password: string): Promise<{ cookie: string; csrfToken: string }> {
  const client = createClient(baseUrl, 1)
  try {
    const res = await client.request('POST', '/api/auth/login', {}, JSON.stringify({ username, password }))
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${res.text}`)
    const setCookie = res.headers['set-cookie'] ?? []
    return { cookie: setCookie.map((c) => c.split(';')[0]).join('; '), csrfToken: (JSON.parse(res.text!) as { csrfToken: string }).csrfToken }
  } finally {
    client.close()
  }
}

const percentile = (sorted: readonly number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN

export function summarise(samples: number[]): { p50: number; p95: number; p99: number } {
  const sorted = [...samples].sort((a, b) => a - b)
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) }
}

export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  const clients = opts.baseUrls.map((url) => createClient(url, opts.concurrency))
  const headers = { cookie: opts.cookie, 'accept-encoding': 'identity' }
  let next = 0
  let errors = 0
  let bytes = 0
  const one = async (record: (ms: number) => void) => {
    const n = next++
    const client = clients[n % clients.length]
    const path = opts.paths[Math.floor(n / clients.length) % opts.paths.length]
    const started = performance.now()
    const res = await client.request('GET', path, headers)
    const ms = performance.now() - started
    if (res.status !== 200) {
      errors++
      if (errors <= 3) console.error(`  ${path}: HTTP ${res.status} ${res.text?.slice(0, 200)}`)
    }
    bytes = res.bytes
    record(ms)
  }
  const phase = async (ms: number, record: (ms: number) => void) => {
    const until = performance.now() + ms
    const worker = async () => {
      while (performance.now() < until) await one(record)
    }
    await Promise.all(Array.from({ length: opts.concurrency }, worker))
  }
  try {
    await phase(opts.warmupMs, () => {})
    const samples: number[] = []
    const started = performance.now()
    await phase(opts.durationMs, (ms) => samples.push(ms))
    const elapsed = performance.now() - started
    return { requests: samples.length, ...summarise(samples), rps: (samples.length / elapsed) * 1000, bytes, errors }
  } finally {
    for (const client of clients) client.close()
  }
}
