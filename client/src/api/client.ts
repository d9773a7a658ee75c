/** An API failure: HTTP status, the server's error code (its `error` field) and its Chinese message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The answer's body as sent (a 409 of a stale edit carries `changedBy`). */
    readonly body: Record<string, unknown> = {},
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

export const isApiError = (err: unknown, status?: number): err is ApiError =>
  err instanceof ApiError && (status === undefined || err.status === status)

type QueryValue = string | number | boolean | null | undefined

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  query?: Record<string, QueryValue>
  body?: unknown
  signal?: AbortSignal
}

// A failed login answers 401 too; that one belongs to the login form, not to the session guard.
const SESSION_FREE_PATHS = new Set(['/api/auth/login'])

let onUnauthorized: () => void = () => {
  if (window.location.pathname !== '/login') window.location.assign('/login')
}

/** The app shell replaces the default full reload with a router navigation. */
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler
}

function buildUrl(path: string, query: RequestOptions['query']): string {
  if (!query) return path
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null) params.set(key, String(value))
  }
  const search = params.toString()
  return search ? `${path}?${search}` : path
}

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text()
  if (!text) return null
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}

/**
 * The session's CSRF token. The server hands it out with the signed-in user (login and /me), and
 * every change must send it back in a header, which a cross-site page cannot do.
 */
let csrfToken: string | null = null
// The second factor's answer carries the token of the new session that replaces the pending one.
const SESSION_PATHS = new Set(['/api/auth/login', '/api/auth/me', '/api/auth/totp/verify'])

function rememberCsrfToken(path: string, payload: unknown): void {
  if (!SESSION_PATHS.has(path) || typeof payload !== 'object' || payload === null) return
  const token = (payload as { csrfToken?: unknown }).csrfToken
  if (typeof token === 'string') csrfToken = token
}

function headersFor(method: string, hasBody: boolean): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json' }
  if (hasBody) headers['content-type'] = 'application/json'
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken
  return headers
}

/** The one way the client talks to the API. */
export async function api<T>(path: string, { method = 'GET', query, body, signal }: RequestOptions = {}): Promise<T> {
  const res = await send(
    buildUrl(path, query),
    { method, headers: headersFor(method, body !== undefined), body: body === undefined ? undefined : JSON.stringify(body) },
    signal,
  )
  const payload = await readJson(res)
  if (!res.ok) throw failure(res, path, payload)
  rememberCsrfToken(path, payload)
  return payload as T
}

async function send(url: string, init: RequestInit, signal: AbortSignal | undefined): Promise<Response> {
  try {
    return await fetch(url, { ...init, credentials: 'same-origin', signal })
  } catch (err) {
    if (signal?.aborted) throw err
    throw new ApiError(0, 'NetworkError', '无法连接服务器，请检查网络后重试')
  }
}

/** The ApiError for a failed answer; a lost session also goes to the login page. */
function failure(res: Response, path: string, payload: unknown): ApiError {
  const body = payload !== null && typeof payload === 'object' ? (payload as Record<string, unknown>) : {}
  const { error, message } = body
  if (res.status === 401 && !SESSION_FREE_PATHS.has(path)) onUnauthorized()
  return new ApiError(
    res.status,
    typeof error === 'string' ? error : res.statusText,
    typeof message === 'string' ? message : `请求失败（HTTP ${res.status}）`,
    body,
  )
}

export interface DownloadedFile {
  blob: Blob
  /** The server's Content-Disposition header: it names the file. */
  contentDisposition: string | null
}

/** A file from the API (exports): the same session and errors as `api`, the body as a blob. */
export async function apiDownload(path: string, { query, signal }: Pick<RequestOptions, 'query' | 'signal'> = {}): Promise<DownloadedFile> {
  const res = await send(buildUrl(path, query), { headers: { ...headersFor('GET', false), accept: '*/*' } }, signal)
  if (!res.ok) throw failure(res, path, await readJson(res))
  return { blob: await res.blob(), contentDisposition: res.headers.get('content-disposition') }
}

/** A file upload as multipart/form-data (the browser sets the boundary): the same session, CSRF header and errors as `api`. */
export async function apiUpload<T>(path: string, form: FormData, { query, signal }: Pick<RequestOptions, 'query' | 'signal'> = {}): Promise<T> {
  const res = await send(buildUrl(path, query), { method: 'POST', headers: headersFor('POST', false), body: form }, signal)
  const payload = await readJson(res)
  if (!res.ok) throw failure(res, path, payload)
  return payload as T
}
