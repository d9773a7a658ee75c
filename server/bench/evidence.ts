import { MAX_EVIDENCE_BYTES } from '@fazhi/shared'
import crypto from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import { summarise } from './load'

/**
 * 佐证材料 through the real server: a 20 MB PDF uploaded (`POST /api/files`, multipart) onto a value
 * of an editable report, then downloaded (`GET /api/files/:id`) and its bytes' sha256 checked. Each
 * run sends a PDF of its own bytes, so the content-addressed store really writes each one. While each
 * request runs the server process's RSS is sampled from /proc every 10 ms; the figure is the largest
 * rise of a request's highest sample over the RSS the server had just before it (a garbage
 * collection between two requests must not hide or inflate the next one's cost).
 */

export interface EvidenceTransfer {
  runs: number
  bytes: number
  uploadMs: number
  downloadMs: number
  /** The server's RSS before the first transfer. */
  idleRssMb: number
  /** The server's highest RSS sample during all the transfers. */
  peakRssMb: number
  /** The largest rise of the server's RSS while one upload / download ran, over its RSS just before it. */
  uploadRssRiseMb: number
  downloadRssRiseMb: number
}

/** A valid one-page PDF of exactly `size` bytes: a random grey-noise image (new bytes each call) drawn on the page, padded with a comment. */
function benchPdf(size: number): Buffer {
  const width = 2048
  const height = Math.floor((size - 4096) / width)
  const noise = crypto.randomBytes(width * height)
  const parts: Buffer[] = []
  const offsets: number[] = []
  let length = 0
  const add = (chunk: string | Buffer) => {
    const b = typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk
    parts.push(b)
    length += b.length
  }
  const object = (body: string | Buffer[]) => {
    offsets.push(length)
    add(`${offsets.length} 0 obj\n`)
    for (const b of typeof body === 'string' ? [body] : body) add(b)
    add('\nendobj\n')
  }
  const content = `q 400 0 0 ${Math.round((400 * height) / width)} 100 300 cm /Im1 Do Q`
  add('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n')
  object('<< /Type /Catalog /Pages 2 0 R >>')
  object('<< /Type /Pages /Kids [3 0 R] /Count 1 >>')
  object('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>')
  object(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`)
  object([
    Buffer.from(`<< /Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Length ${noise.length} >>\nstream\n`, 'latin1'),
    noise,
    Buffer.from('\nendstream', 'latin1'),
  ])
  const tail = (xrefAt: number) =>
    `xref\n0 ${offsets.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}` +
    `trailer\n<< /Size ${offsets.length + 1} /Root 1 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`
  // A comment line between the objects and the xref brings the file to the exact size.
  const padding = size - length - tail(0).length - 2 - (String(size).length - 1)
  if (padding < 0) throw new Error('benchPdf: size too small')
  add(`%${'0'.repeat(padding)}\n`)
  add(tail(length))
  const pdf = Buffer.concat(parts)
  if (pdf.length !== size) throw new Error(`benchPdf: ${pdf.length} bytes, not ${size}`)
  return pdf
}

/** Samples /proc/<pid>/status VmRSS (MB) every 10 ms until stopped; NaN where there is no /proc. */
function rssSampler(pid: number) {
  const file = `/proc/${pid}/status`
  const read = () => {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(file, 'utf8'))
      return m ? Number(m[1]) / 1024 : NaN
    } catch {
      return NaN
    }
  }
  return {
    read,
    /** Runs `work`, sampling meanwhile: how far the RSS rose over its value at the start. */
    async during<T>(work: () => Promise<T>): Promise<{ result: T; peakMb: number; riseMb: number }> {
      const before = read()
      let peakMb = before
      const timer = setInterval(() => (peakMb = Math.max(peakMb, read())), 10)
      try {
        const result = await work()
        peakMb = Math.max(peakMb, read())
        return { result, peakMb, riseMb: peakMb - before }
      } finally {
        clearInterval(timer)
      }
    },
  }
}

interface Sent {
  status: number
  body: Buffer
  sha256: string
  headers: http.IncomingHttpHeaders
}

function send(baseUrl: string, method: string, path: string, headers: Record<string, string | number>, body?: Buffer): Promise<Sent> {
  const url = new URL(baseUrl)
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, method, path, headers, agent: false }, (res) => {
      const hash = crypto.createHash('sha256')
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => {
        hash.update(c)
        chunks.push(c)
      })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), sha256: hash.digest('hex'), headers: res.headers }))
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end(body)
  })
}

function multipart(fields: Record<string, string>, file: { name: string; type: string; data: Buffer }) {
  const boundary = `----fazhi-bench-${crypto.randomUUID()}`
  const head = Object.entries(fields)
    .map(([k, v]) => `--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
    .join('')
  const fileHead = `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename*=UTF-8''${encodeURIComponent(file.name)}\r\ncontent-type: ${file.type}\r\n\r\n`
  const body = Buffer.concat([Buffer.from(head + fileHead), file.data, Buffer.from(`\r\n--${boundary}--\r\n`)])
  return { body, contentType: `multipart/form-data; boundary=${boundary}` }
}

export async function measureEvidenceTransfer(opts: {
  baseUrl: string
  headers: { cookie: string; 'x-csrf-token': string }
  /** The server process. */
  pid: number
  submissionId: number
  indicator: string
  runs: number
}): Promise<EvidenceTransfer> {
  const { baseUrl, headers, runs } = opts
  const rss = rssSampler(opts.pid)
  const idleRssMb = rss.read()
  const uploads: number[] = []
  const downloads: number[] = []
  let peakRssMb = idleRssMb
  let uploadRiseMb = -Infinity
  let downloadRiseMb = -Infinity
  for (let i = 0; i < runs; i++) {
    const pdf = benchPdf(MAX_EVIDENCE_BYTES)
    const expected = crypto.createHash('sha256').update(pdf).digest('hex')
    const name = `佐证材料-${i + 1}.pdf`
    const { body, contentType } = multipart({ submissionId: String(opts.submissionId), indicator: opts.indicator }, { name, type: 'application/pdf', data: pdf })
    let started = performance.now()
    const up = await rss.during(() => send(baseUrl, 'POST', '/api/files', { ...headers, 'content-type': contentType, 'content-length': body.length }, body))
    uploads.push(performance.now() - started)
    uploadRiseMb = Math.max(uploadRiseMb, up.riseMb)
    peakRssMb = Math.max(peakRssMb, up.peakMb)
    if (up.result.status !== 201) throw new Error(`upload: ${up.result.status} ${up.result.body.toString().slice(0, 300)}`)
    const uploaded = JSON.parse(up.result.body.toString()) as { id: number; name: string; size: number; type: string; sha256: string }
    if (uploaded.sha256 !== expected || uploaded.size !== pdf.length || uploaded.type !== 'application/pdf' || uploaded.name !== name)
      throw new Error(`upload answered ${JSON.stringify(uploaded)}, expected ${name}, ${pdf.length} bytes of application/pdf with sha256 ${expected}`)

    started = performance.now()
    const down = await rss.during(() => send(baseUrl, 'GET', `/api/files/${uploaded.id}`, { cookie: headers.cookie }))
    downloads.push(performance.now() - started)
    downloadRiseMb = Math.max(downloadRiseMb, down.riseMb)
    peakRssMb = Math.max(peakRssMb, down.peakMb)
    if (down.result.status !== 200) throw new Error(`download: ${down.result.status} ${down.result.body.toString().slice(0, 300)}`)
    if (down.result.sha256 !== expected || down.result.body.length !== pdf.length)
      throw new Error(`download: ${down.result.body.length} bytes with sha256 ${down.result.sha256}, expected ${pdf.length} bytes with ${expected}`)
  }
  return {
    runs,
    bytes: MAX_EVIDENCE_BYTES,
    uploadMs: summarise(uploads).p50,
    downloadMs: summarise(downloads).p50,
    idleRssMb,
    peakRssMb,
    uploadRssRiseMb: uploadRiseMb,
    downloadRssRiseMb: downloadRiseMb,
  }
}
