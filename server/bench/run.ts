/**
 * `npm run bench`: generates a province-scale database, starts the real server on it and measures
 * the dashboard endpoints next to the raw SQLite floor, a 20 MB evidence PDF's upload and download,
 * and whether a wrong password's answer time tells if the username exists, then the summary export,
 * report extraction, the Excel fill-in parse, the client's initial JS and Lighthouse's mobile score of the overview.
 * Prints a table; the last line is the figures as JSON.
 *
 *   npm run bench [-- --scale province|county|tiny] [--duration 4000] [--warmup 1000]
 *                 [--concurrency 8] [--build always|if-missing|never] [--db file] [--reuse]
 *                 [--lighthouse-runs 3]   (0 leaves Lighthouse out: each run takes a minute or more)
 */
import { MAX_EVIDENCE_MB } from '@fazhi/shared'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import zlib from 'node:zlib'
import { filesDirOf } from '../src/features/files/store'
import { BENCH_PASSWORD, type Dataset, generateDataset, LAST_YEAR, type Scale, SCALES } from './dataset'
import { type EvidenceTransfer, measureEvidenceTransfer } from './evidence'
import { measureExtraction, measureHostileExtraction } from './extraction'
import { measureFloors } from './floor'
import { measureLighthouse } from './lighthouse'
import { createClient, type LoadResult, login, runLoad, summarise } from './load'
import { addTimingAccounts, type LoginTiming, measureLoginTiming } from './login-timing'
import { startServerProcess } from '../../tests/helpers/server-process'

const ROOT = path.resolve(import.meta.dirname, '../..')
const CLIENT_DIST = path.join(ROOT, 'client/dist')

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: 'province' },
    duration: { type: 'string', default: '4000' },
    warmup: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '8' },
    build: { type: 'string', default: 'always' },
    db: { type: 'string' },
    reuse: { type: 'boolean', default: false },
    'export-bureaus': { type: 'string' },
    'lighthouse-runs': { type: 'string', default: '3' },
  },
})
if (!(args.scale! in SCALES)) throw new Error(`--scale must be one of ${Object.keys(SCALES).join(', ')}`)
const scale = args.scale as Scale
const durationMs = Number(args.duration)
const warmupMs = Number(args.warmup)
const concurrency = Number(args.concurrency)
const exportBureaus = Number(args['export-bureaus'] ?? (scale === 'tiny' ? 200 : 5000))
const lighthouseRuns = Number(args['lighthouse-runs'])

/** Each run a PDF of its own bytes, onto a value the office may still change. */
const EVIDENCE_RUNS = 5
const EVIDENCE_INDICATOR = 'lead.topic_meetings'
const MB = 1024 * 1024

const log = (line = '') => process.stderr.write(`${line}\n`)
const fmt = (x: number, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : '—')

async function main() {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-bench-'))
  const dbFile = args.db ? path.resolve(args.db) : path.join(workDir, 'bench.db')
  try {
    log(`法治督察看板 benchmark — scale ${scale}, ${os.cpus().length} CPU(s), Node ${process.version}`)
    const dataset = await prepareDataset(dbFile)
    const regionId = dataset.regionIds[Math.floor(dataset.regionIds.length / 2)]
    const year = LAST_YEAR

    log('raw floor: prepared statements in-process …')
    const floors = measureFloors(dbFile, { year, regionId, durationMs: Math.max(300, durationMs / 2) })

    await addTimingAccounts(dbFile)
    log('starting the server …')
    const server = await startServerProcess({ DB_PATH: dbFile, LOGIN_RATE_LIMIT: '60000', LOG_LEVEL: 'warn', BACKUP_DIR: '', FILE_QUOTA_MB: '65535' }, { startTimeoutMs: 120_000, production: true })
    const endpoints: { name: string; scope: Scope; concurrency: number; result: LoadResult }[] = []
    let afterWrite: AfterWrite[] = []
    let evidence: EvidenceTransfer
    let loginTiming: LoginTiming
    try {
      const { cookie, csrfToken } = await login(server.baseUrl, 'office', BENCH_PASSWORD)
      const allBureaus = [...dataset.bureausByRegion.values()].flat()
      const regionBureaus = dataset.bureausByRegion.get(regionId)!
      const plan: { name: string; scope: Scope; paths: string[]; concurrency?: number }[] = [
        // What HTTP alone costs on this machine: no session, no database.
        { name: 'health', scope: 'HTTP floor', paths: ['/api/health'] },
        { name: 'summary', scope: 'province', paths: [`/api/dashboard/summary?year=${year}`] },
        { name: 'ranking', scope: 'province', paths: [`/api/ranking?year=${year}`] },
        { name: 'overview', scope: 'province', paths: allBureaus.map((id) => `/api/bureaus/${id}/overview?year=${year}`) },
        { name: 'trends', scope: 'province', paths: ['/api/trends'] },
        { name: 'summary', scope: 'region', paths: [`/api/dashboard/summary?year=${year}&regionId=${regionId}`] },
        { name: 'ranking', scope: 'region', paths: [`/api/ranking?year=${year}&regionId=${regionId}`] },
        { name: 'overview', scope: 'region', paths: regionBureaus.map((id) => `/api/bureaus/${id}/overview?year=${year}&regionId=${regionId}`) },
        { name: 'trends', scope: 'region', paths: [`/api/trends?regionId=${regionId}`] },
        // One request at a time: the latency of a request alone, comparable with the in-process floor.
        { name: 'summary', scope: 'province', paths: [`/api/dashboard/summary?year=${year}`], concurrency: 1 },
        { name: 'summary', scope: 'region', paths: [`/api/dashboard/summary?year=${year}&regionId=${regionId}`], concurrency: 1 },
      ]
      for (const p of plan) {
        log(`GET ${p.paths[0]}${p.paths.length > 1 ? ` (rotating over ${p.paths.length} bureaus)` : ''} …`)
        const result = await runLoad({ baseUrl: server.baseUrl, cookie, paths: p.paths, concurrency: p.concurrency ?? concurrency, warmupMs, durationMs })
        endpoints.push({ name: p.name, scope: p.scope, concurrency: p.concurrency ?? concurrency, result })
      }
      log('a value saved, then the summary read again (nothing cached for the year) …')
      afterWrite = await measureAfterWrite(server.baseUrl, { cookie, 'x-csrf-token': csrfToken }, year, regionId, regionBureaus)
      log(`佐证材料: a ${MAX_EVIDENCE_MB} MB PDF uploaded onto a value, then downloaded, ${EVIDENCE_RUNS} times …`)
      const submission = await editableSubmission(server.baseUrl, cookie, year, regionBureaus)
      if (!submission) throw new Error('the bench dataset has no editable report for the evidence upload')
      evidence = await measureEvidenceTransfer({ baseUrl: server.baseUrl, headers: { cookie, 'x-csrf-token': csrfToken }, pid: server.child.pid!, submissionId: submission.id, indicator: EVIDENCE_INDICATOR, runs: EVIDENCE_RUNS })
      log('wrong-password logins, known and unknown usernames interleaved …')
      loginTiming = await measureLoginTiming(server.baseUrl)
    } finally {
      await server.stop()
    }

    log(`summary workbook for ${exportBureaus} bureaus (child process) …`)
    const exported = runChild<{ ms: number; maxRssMb: number; bytes: number }>('server/bench/export-child.ts', String(exportBureaus))
    log('report extraction …')
    const extraction = measureExtraction()
    log('report extraction, hostile texts …')
    const hostile = measureHostileExtraction()
    log('Excel fill-in: reading a 200-row template …')
    const fillIn = runChild<{ ms: number; maxRssMb: number; rows: number }>('server/bench/fillin-child.ts')
    log('client bundle …')
    const initialJsGzipKb = measureBundle(args.build as 'always' | 'if-missing' | 'never')
    log(`Lighthouse, mobile profile, the overview (${lighthouseRuns} runs on the built client) …`)
    const lighthouseStarted = Date.now()
    // A failed run (no client built, Chromium missing) is reported; the other figures stand.
    const lighthouse = lighthouseRuns
      ? await measureLighthouse(lighthouseRuns).catch((err: Error) => {
          log(`Lighthouse failed: ${err.message}`)
          return { runs: lighthouseRuns, score: NaN, lcpMs: NaN, scores: [], opportunities: [] }
        })
      : null
    for (const o of lighthouse?.opportunities ?? []) log(`  Lighthouse opportunity: ${o}`)
    const lighthouseS = (Date.now() - lighthouseStarted) / 1000

    const ep = (name: string, scope: Scope, c = concurrency) => endpoints.find((e) => e.name === name && e.scope === scope && e.concurrency === c)!.result
    const floor = (name: string) => floors.find((f) => f.name === name)
    const summaryFloor = floor('summary rows, province') ?? floor('values join, province')!
    const regionFloor = floor('summary rows, one region') ?? floor('values join, one region')!

    const out: string[] = []
    out.push('')
    out.push(`Dataset: ${dataset.counts.bureaus} bureaus in ${dataset.regionIds.length} region(s) × ${dataset.years.length} years; ${dataset.counts.submissions} submissions, ${dataset.counts.values} values, ${dataset.counts.ledgerRows} ledger rows, ${dataset.counts.rectificationItems} rectification items (generated in ${fmt(dataset.generateMs / 1000)} s; pre-aggregated ${dataset.rebuild.rows} bureau-year rows in one transaction in ${fmt(dataset.rebuild.ms / 1000)} s)`)
    out.push(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}; load: ${concurrency} concurrent keep-alive connections, ${warmupMs} ms warm-up + ${durationMs} ms per endpoint`)
    out.push('')
    out.push(table(['endpoint', 'scope', 'conc.', 'p50 ms', 'p95 ms', 'p99 ms', 'req/s', 'KB/resp', 'errors'], endpoints.map((e) => [
      e.name, e.scope, String(e.concurrency), fmt(e.result.p50, 2), fmt(e.result.p95, 2), fmt(e.result.p99, 2), fmt(e.result.rps, 0), fmt(e.result.bytes / 1024), String(e.result.errors),
    ])))
    out.push('')
    // What a read right after a save may cost: the province next to its raw floor, one region in absolute terms.
    const afterWriteTarget: Record<string, string> = {
      'summary, province': `≤ ${fmt(2 * summaryFloor.p95, 2)} (2 × raw floor ${fmt(summaryFloor.p95, 2)})`,
      'summary, one region': '≤ 10',
    }
    out.push(table(['after a value save (sequential)', 'p50 ms', 'p95 ms', 'n', 'target p95 ms'], afterWrite.map((a) => [a.name, fmt(a.p50, 2), fmt(a.p95, 2), String(a.n), afterWriteTarget[a.name] ?? ''])))
    out.push('')
    out.push(table(['raw floor (one prepared statement, in-process)', 'rows', 'p50 ms', 'p95 ms'], floors.map((f) => [f.name, String(f.rows), fmt(f.p50, 2), fmt(f.p95, 2)])))
    out.push('')
    out.push(table(['other', 'figure'], [
      [`summary workbook, ${exportBureaus} bureaus × 31 indicators`, `${fmt(exported.ms, 0)} ms, peak RSS ${fmt(exported.maxRssMb, 0)} MB, ${fmt(exported.bytes / 1024, 0)} KB`],
      [`report extraction (${extraction.bytes} bytes), median of ${extraction.runs}`, `${fmt(extraction.ms, 2)} ms`],
      [
        `report extraction, hostile 200k characters (worst of ${hostile.kinds} kinds), median of ${hostile.runs} (budget ≤ 300 ms)`,
        `${fmt(hostile.ms, 0)} ms (${hostile.worst})`,
      ],
      [`Excel fill-in, ${fillIn.rows} rows read in the parsing worker, median of 5`, `${fmt(fillIn.ms, 0)} ms, peak RSS ${fmt(fillIn.maxRssMb, 0)} MB`],
      [`POST /api/files, a ${fmt(evidence.bytes / MB, 0)} MB PDF onto a value, median of ${evidence.runs}`, `${fmt(evidence.uploadMs, 0)} ms, server RSS up ${fmt(evidence.uploadRssRiseMb, 0)} MB at most (idle ${fmt(evidence.idleRssMb, 0)} MB, peak ${fmt(evidence.peakRssMb, 0)} MB over all transfers)`],
      [`GET /api/files/:id, the same PDF (sha256 checked), median of ${evidence.runs}`, `${fmt(evidence.downloadMs, 0)} ms, server RSS up ${fmt(evidence.downloadRssRiseMb, 0)} MB at most`],
      [`wrong-password login, known against unknown username, medians of ${loginTiming.runs} interleaved`, `${fmt(loginTiming.knownMs, 2)} ms against ${fmt(loginTiming.unknownMs, 2)} ms (ratio ${fmt(loginTiming.ratio, 2)})`],
      ['initial JS (login + overview routes), gzip', `${fmt(initialJsGzipKb)} KB`],
      ...(lighthouse
        ? [
            [
              `Lighthouse mobile, overview (moto g power, simulated throttling), median of ${lighthouse.runs} (target score ≥ 90)`,
              `score ${lighthouse.score}, LCP ${fmt(lighthouse.lcpMs, 0)} ms (runs ${lighthouse.scores.join(', ')}; ${fmt(lighthouseS, 0)} s)`,
            ],
          ]
        : []),
    ]))
    const figures = {
      summaryP95Ms: ep('summary', 'province').p95,
      rankingP95Ms: ep('ranking', 'province').p95,
      overviewP95Ms: ep('overview', 'province').p95,
      trendsP95Ms: ep('trends', 'province').p95,
      regionSummaryP95Ms: ep('summary', 'region').p95,
      rawSummaryP95Ms: summaryFloor.p95,
      rawRegionSummaryP95Ms: regionFloor.p95,
      summaryRps: ep('summary', 'region').rps,
      provinceSummaryRps: ep('summary', 'province').rps,
      httpFloorP95Ms: ep('health', 'HTTP floor').p95,
      summarySequentialP95Ms: ep('summary', 'province', 1).p95,
      regionSummarySequentialP95Ms: ep('summary', 'region', 1).p95,
      exportMs: exported.ms,
      exportRssMb: exported.maxRssMb,
      extractMs: extraction.ms,
      extractHostileMs: hostile.ms,
      fillInParseMs: fillIn.ms,
      fillInRssMb: fillIn.maxRssMb,
      evidenceUploadMs: evidence.uploadMs,
      evidenceDownloadMs: evidence.downloadMs,
      evidencePeakRssMb: evidence.peakRssMb,
      evidenceUploadRssRiseMb: evidence.uploadRssRiseMb,
      evidenceDownloadRssRiseMb: evidence.downloadRssRiseMb,
      initialJsGzipKb,
      ...(lighthouse && { lighthouseScore: lighthouse.score, lighthouseLcpMs: lighthouse.lcpMs }),
      loginKnownUserMs: loginTiming.knownMs,
      loginUnknownUserMs: loginTiming.unknownMs,
      loginTimingRatio: loginTiming.ratio,
      writeP95Ms: afterWrite.find((a) => a.name === 'PUT /api/submissions/:id (save one value)')?.p95 ?? NaN,
      summaryAfterWriteP95Ms: afterWrite.find((a) => a.name === 'summary, province')?.p95 ?? NaN,
      regionSummaryAfterWriteP95Ms: afterWrite.find((a) => a.name === 'summary, one region')?.p95 ?? NaN,
    }
    const round = (x: number) => Math.round(x * 100) / 100
    console.log(out.join('\n'))
    console.log(JSON.stringify(Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, round(v)]))))
  } finally {
    if (!args.db) fs.rmSync(workDir, { recursive: true, force: true })
  }
}

type Scope = 'province' | 'region' | 'HTTP floor'

interface AfterWrite {
  name: string
  p50: number
  p95: number
  n: number
}

/**
 * The path after a write: the office saves one value of a draft in the region, then the summary is
 * read. The save marks that bureau-year's pre-aggregated row dirty and bumps the year's change
 * counter; the read recomputes the row, patches it into the kept board and re-serialises only the
 * summary entries that changed.
 */
async function measureAfterWrite(
  baseUrl: string,
  headers: { cookie: string; 'x-csrf-token': string },
  year: number,
  regionId: number,
  regionBureaus: number[],
): Promise<AfterWrite[]> {
  const client = createClient(baseUrl, 1)
  const { cookie } = headers
  try {
    const target = await editableSubmission(baseUrl, cookie, year, regionBureaus)
    if (!target) return []
    const detail = await client.request('GET', `/api/submissions/${target.id}`, { cookie }, undefined, true)
    let version = (JSON.parse(detail.text!) as { version: number }).version
    const writes: number[] = []
    const reads = { province: [] as number[], region: [] as number[] }
    const rounds = Math.max(5, Math.min(30, Math.round(durationMs / 200)))
    for (let i = 0; i < rounds; i++) {
      for (const scope of ['province', 'region'] as const) {
        let started = performance.now()
        const saved = await client.request('PUT', `/api/submissions/${target.id}`, headers, JSON.stringify({ version, values: [{ indicator: 'lead.topic_meetings', value: 1 + ((i * 2 + (scope === 'region' ? 1 : 0)) % 3) }] }))
        writes.push(performance.now() - started)
        if (saved.status !== 200) throw new Error(`save: ${saved.status} ${saved.text}`)
        version = (JSON.parse(saved.text!) as { version: number }).version
        started = performance.now()
        const read = await client.request('GET', `/api/dashboard/summary?year=${year}${scope === 'region' ? `&regionId=${regionId}` : ''}`, { cookie })
        if (read.status !== 200) throw new Error(`summary: ${read.status}`)
        reads[scope].push(performance.now() - started)
      }
    }
    const row = (name: string, xs: number[]) => ({ name, ...summarise(xs), n: xs.length })
    return [row('PUT /api/submissions/:id (save one value)', writes), row('summary, province', reads.province), row('summary, one region', reads.region)]
  } finally {
    client.close()
  }
}

/** A draft or returned report of the year, one of the region's if there is one: what the office may still change. */
async function editableSubmission(baseUrl: string, cookie: string, year: number, regionBureaus: number[]): Promise<{ id: number } | undefined> {
  const client = createClient(baseUrl, 1)
  try {
    const list = await client.request('GET', `/api/submissions?year=${year}`, { cookie }, undefined, true)
    const editable = (JSON.parse(list.text ?? '[]') as { id: number; bureauId: number; status: string }[]).filter((s) => s.status === 'draft' || s.status === 'returned')
    return editable.find((s) => regionBureaus.includes(s.bureauId)) ?? editable[0]
  } finally {
    client.close()
  }
}

async function prepareDataset(file: string): Promise<Dataset> {
  const meta = `${file}.meta.json`
  if (args.reuse && fs.existsSync(file) && fs.existsSync(meta)) {
    const saved = JSON.parse(fs.readFileSync(meta, 'utf8'))
    log(`reusing ${file}`)
    return { ...saved, bureausByRegion: new Map(saved.bureausByRegion) }
  }
  log(`generating the ${scale} dataset …`)
  // The evidence files of an earlier run on this database go with it.
  fs.rmSync(filesDirOf(file), { recursive: true, force: true })
  const dataset = await generateDataset(file, scale)
  if (args.db) fs.writeFileSync(meta, JSON.stringify({ ...dataset, bureausByRegion: [...dataset.bureausByRegion] }))
  log(`  ${dataset.counts.values} values in ${fmt(dataset.generateMs / 1000)} s; pre-aggregated ${dataset.rebuild.rows} bureau-years in ${fmt(dataset.rebuild.ms / 1000)} s`)
  return dataset
}

/** A measurement in a process of its own (so its peak RSS is its own): the last line it prints, as JSON. */
function runChild<T>(script: string, ...args: string[]): T {
  const res = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  })
  if (res.status !== 0) throw new Error(`${script} failed (${res.status}):\n${res.stderr}`)
  const last = res.stdout.trim().split('\n').at(-1)!
  return JSON.parse(last) as T
}

interface ManifestEntry {
  file: string
  isEntry?: boolean
  imports?: string[]
}

/** As tests/e2e/bundle.test.ts: the entry plus the login and overview routes and their static imports, gzipped. */
function measureBundle(build: 'always' | 'if-missing' | 'never'): number {
  const manifestPath = path.join(CLIENT_DIST, '.vite/manifest.json')
  if (build === 'always' || (build === 'if-missing' && !fs.existsSync(manifestPath))) {
    const res = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
    // The client is work in progress of others: a failed build is reported, and the last good one measured.
    if (res.status !== 0) log(`npm run build failed; measuring the existing client/dist if there is one:\n${res.stdout}\n${res.stderr}`)
  }
  if (!fs.existsSync(manifestPath)) return NaN
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as Record<string, ManifestEntry>
  const keyOf = (end: string) => Object.keys(manifest).find((k) => k.endsWith(end))
  const files = new Set<string>()
  const walk = (key: string) => {
    const entry = manifest[key]
    if (!entry || files.has(entry.file)) return
    files.add(entry.file)
    for (const dep of entry.imports ?? []) walk(dep)
  }
  for (const key of [Object.keys(manifest).find((k) => manifest[k].isEntry), keyOf('features/auth/LoginPage.tsx'), keyOf('features/overview/OverviewPage.tsx')])
    if (key) walk(key)
  const bytes = [...files].reduce((sum, f) => sum + zlib.gzipSync(fs.readFileSync(path.join(CLIENT_DIST, f))).length, 0)
  return bytes / 1024
}

function table(header: string[], rows: string[][]): string {
  const width = (s: string) => [...s].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0)
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]))))
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c + ' '.repeat(widths[i] - width(c)) : ' '.repeat(widths[i] - width(c)) + c)).join('  ')
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n')
}

await main()
