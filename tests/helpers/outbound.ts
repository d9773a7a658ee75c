import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'

/** A message as the local SMTP server received it: the envelope, the account it logged in with, and the raw text. */
export interface ReceivedMail {
  from: string
  to: string[]
  user: string | undefined
  raw: string
}

/**
 * A real SMTP server in the test process, on a free port of 127.0.0.1: plain SMTP (no STARTTLS),
 * login optional, and when a login is sent it must be `account`.
 */
export async function localSmtpServer(account?: { user: string; pass: string }) {
  const received: ReceivedMail[] = []
  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, done) {
      if (account && auth.username === account.user && auth.password === account.pass) done(null, { user: auth.username })
      else done(new Error('Invalid username or password'))
    },
    onData(stream, session, done) {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          user: session.user as string | undefined,
          raw: Buffer.concat(chunks).toString('latin1'),
        })
        done()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.server.address() as AddressInfo).port
  return { port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}

/** A request the local webhook received. */
export interface ReceivedHook {
  headers: http.IncomingHttpHeaders
  body: string
}

/** A real HTTP server on a free port of 127.0.0.1; `answer` picks each request's status (by its number, from 1). */
export async function localWebhook(answer: (n: number) => number = () => 200) {
  const received: ReceivedHook[] = []
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') })
      res.statusCode = answer(received.length)
      res.end(res.statusCode < 300 ? 'ok' : 'gateway error')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`
  return { url, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}

// ---- Reading a received e-mail (RFC 5322 headers, RFC 2047 encoded words, MIME parts) ----

const utf8 = new TextDecoder('utf-8', { fatal: true })

function headersOf(text: string): Map<string, string> {
  const head = text.split(/\r?\n\r?\n/)[0]
  const map = new Map<string, string>()
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':')
    if (colon > 0) map.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim())
  }
  return map
}

const bytesOfLatin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0))

function quotedPrintable(text: string, underscoreIsSpace: boolean): Uint8Array {
  const soft = text.replace(/=\r?\n/g, '')
  const out: number[] = []
  for (let i = 0; i < soft.length; i++) {
    const c = soft[i]
    if (c === '=' && /^[0-9A-F]{2}$/i.test(soft.slice(i + 1, i + 3))) {
      out.push(parseInt(soft.slice(i + 1, i + 3), 16))
      i += 2
    } else out.push(underscoreIsSpace && c === '_' ? 0x20 : c.charCodeAt(0))
  }
  return Uint8Array.from(out)
}

/** A header's text: adjacent encoded words are joined byte-wise before decoding, as a character may be split across them. */
export function decodeHeader(value: string): string {
  const words = /=\?([^?]+)\?([BQbq])\?([^?]*)\?=/g
  let out = ''
  let pending: number[] = []
  let last = 0
  const flush = () => {
    if (pending.length) out += utf8.decode(Uint8Array.from(pending))
    pending = []
  }
  for (const m of value.matchAll(words)) {
    const between = value.slice(last, m.index)
    if (!/^\s*$/.test(between) || last === 0) {
      flush()
      out += between
    }
    if (m[1].toLowerCase() !== 'utf-8') throw new Error(`unexpected charset ${m[1]}`)
    const bytes = m[2].toUpperCase() === 'B' ? Buffer.from(m[3], 'base64') : quotedPrintable(m[3], true)
    pending.push(...bytes)
    last = m.index + m[0].length
  }
  flush()
  return out + value.slice(last)
}

function bodyOf(part: string, headers: Map<string, string>): string {
  const body = part.split(/\r?\n\r?\n/).slice(1).join('\r\n\r\n')
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase()
  const bytes = encoding === 'base64' ? Buffer.from(body.replace(/\s+/g, ''), 'base64') : encoding === 'quoted-printable' ? quotedPrintable(body, false) : bytesOfLatin1(body)
  return utf8.decode(bytes)
}

/** The decoded subject, recipients and the text and HTML bodies of a received message. */
export function readMail(raw: string): { subject: string; to: string; from: string; contentType: string; text: string; html: string } {
  const headers = headersOf(raw)
  const parts: Record<string, string> = {}
  const collect = (part: string) => {
    const h = headersOf(part)
    const type = h.get('content-type') ?? 'text/plain'
    const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1]
    if (type.toLowerCase().startsWith('multipart/') && boundary) {
      const sections = part.split(`--${boundary}`).slice(1, -1)
      for (const section of sections) collect(section.replace(/^\r?\n/, ''))
    } else {
      if (!/charset="?utf-8"?/i.test(type)) throw new Error(`a text part without UTF-8: ${type}`)
      parts[type.split(';')[0].trim().toLowerCase()] = bodyOf(part, h)
    }
  }
  collect(raw)
  return {
    subject: decodeHeader(headers.get('subject') ?? ''),
    to: decodeHeader(headers.get('to') ?? ''),
    from: decodeHeader(headers.get('from') ?? ''),
    contentType: headers.get('content-type') ?? '',
    text: parts['text/plain'] ?? '',
    html: parts['text/html'] ?? '',
  }
}
