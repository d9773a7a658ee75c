/**
 * `npm run bench`: generates a province-scale database, starts the real server on it and measures
 * the dashboard endpoints next to the raw SQLite floor, a 20 MB evidence PDF's upload and download,
 * and whether a wrong password's answer time tells if the username exists, then the summary export,
 * report extraction, the Excel fill-in parse, the client's initial JS and Lighthouse's mobile score of the overview.
 * Prints a table; the last line is the figures as JSON.
 *
 * With `--db postgres` the same province is also copied into a PostgreSQL database of the bench's
 * own (`postgres.ts`), and the dashboard figures are measured in the same run against one server on
 * SQLite, one on PostgreSQL and two on that PostgreSQL database with the requests spread over both,
 * side by side. The measurements that do not touch the database (export, extraction, fill-in,
 * bundle, Lighthouse) are left out then.
 *
 *   npm run bench [-- --scale province|county|tiny] [--duration 4000] [--warmup 1000]
 *                 [--concurrency 8] [--build always|if-missing|never] [--db-file file] [--reuse]
 *                 [--lighthouse-runs 3]   (0 leaves Lighthouse out: each run takes a minute or more)
 *                 [--db sqlite|postgres] [--pg-url postgres://…]
 *
 * `--db-file` keeps the generated SQLite file (and `--reuse` takes it again instead of generating).
 * `--pg-url` is the PostgreSQL server to create the bench's database on, as a user that may create
 * databases; else BENCH_PG_URL, else the tests' throw-away cluster.
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
import { loadIntoPostgres, type PgProvince } from './postgres'
import { type ServerProcess, startServerProcess } from '../../tests/helpers/server-process'

const ROOT = path.resolve(import.meta.dirname, '../..')
const CLIENT_DIST = path.join(ROOT, 'client/dist')

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: 'province' },
    duration: { type: 'string', default: '4000' },
    warmup: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '8' },
    build: { type: 'string', default: 'always' },
    db: { type: 'string', default: 'sqlite' },
    'db-file': { type: 'string' },
    'pg-url': { type: 'string' },
    reuse: { type: 'boolean', default: false },
    'export-bureaus': { type: 'string' },
    'lighthouse-runs': { type: 'string', default: '3' },
  },
})
if (!(args.scale! in SCALES)) throw new Error(`--scale must be one of ${Object.keys(SCALES).join(', ')}`)
if (args.db !== 'sqlite' && args.db !== 'postgres') throw new Error('--db must be sqlite or postgres')
const scale = args.scale as Scale
const durationMs = Number(args.duration)
const warmupMs = Number(args.warmup)
const concurrency = Number(args.concurrency)
const exportBureaus = Number(args['export-bureaus'] ?? (scale === 'tiny' ? 200 : 5000))
const lighthouseRuns = Number(args['lighthouse-runs'])
const onPostgres = args.db === 'postgres'
const pgAdminUrl = args['pg-url'] ?? process.env.BENCH_PG_URL ?? 'postgres://fazhi:fazhi@127.0.0.1:5433/postgres'

/** Each run a PDF of its own bytes, onto a value the office may still change. */
const EVIDENCE_RUNS = 5
const EVIDENCE_INDICATOR = 'lead.topic_meetings'
const MB = 1024 * 1024
/** What every app server of the bench starts with, whatever its database. */
const SERVER_ENV = { LOGIN_RATE_LIMIT: '60000', LOG_LEVEL: 'warn', BACKUP_DIR: '', FILE_QUOTA_MB: '65535' }

const log = (line = '') => process.stderr.write(`${line}\n`)
const fmt = (x: number, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : '—')
/** A URL for the log, without its password. */
const shown = (url: string) => url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@')

async function main() {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-bench-'))
  const dbFile = args['db-file'] ? path.resolve(args['db-file']) : path.join(workDir, 'bench.db')
  let pgProvince: PgProvince | undefined
  try {
    log(`法治督察看板 benchmark — scale ${scale}, ${os.cpus().length} CPU(s), Node ${process.version}${onPostgres ? ', SQLite and PostgreSQL' : ''}`)
    const dataset = await prepareDataset(dbFile)
    const regionId = dataset.regionIds[Math.floor(dataset.regionIds.length / 2)]
    const year = LAST_YEAR

    if (onPostgres) {
      log(`copying the province into PostgreSQL at ${shown(pgAdminUrl)} …`)
      pgProvince = await loadIntoPostgres(pgAdminUrl, dbFile)
      log(`  ${pgProvince.tables.reduce((n, t) => n + t.rows, 0)} rows in ${fmt(pgProvince.loadMs / 1000)} s; pre-aggregated ${pgProvince.rebuild.rows} bureau-years in ${fmt(pgProvince.rebuild.ms / 1000)} s`)
    }

    log('raw floor: prepared statements in-process …')
    const floors = measureFloors(dbFile, { year, regionId, durationMs: Math.max(300, durationMs / 2) })

    await addTimingAccounts(dbFile)
    log('starting the server …')
    // DATABASE_URL emptied: SQLite even when the shell names a PostgreSQL database.
    const sqliteRun = await measureServers([{ ...SERVER_ENV, DB_PATH: dbFile, DATABASE_URL: '' }], dataset, regionId, { transfers: true })
    let pgRuns: { one: ServerRun; two: ServerRun } | undefined
    if (pgProvince) {
      // Both servers share one evidence folder, as app servers behind a load balancer must.
      const env = { ...SERVER_ENV, DATABASE_URL: pgProvince.url, FILES_DIR: path.join(workDir, 'pg-files') }
      log('one server on PostgreSQL …')
      const one = await measureServers([env], dataset, regionId)
      log('two servers on the same PostgreSQL database, the requests sent to each in turn …')
      pgRuns = { one, two: await measureServers([env, env], dataset, regionId) }
    }
    const evidence = sqliteRun.evidence!
    const loginTiming = sqliteRun.loginTiming!
    const standalone = onPostgres ? null : await measureStandalone()

    const ep = (run: ServerRun, name: string, scope: Scope, c = concurrency) => run.endpoints.find((e) => e.name === name && e.scope === scope && e.concurrency === c)!.result
    const written = (run: ServerRun, name: string) => run.afterWrite.find((a) => a.name === name)
    const floor = (name: string) => floors.find((f) => f.name === name)
    const summaryFloor = floor('summary rows, province') ?? floor('values join, province')!
    const regionFloor = floor('summary rows, one region') ?? floor('values join, one region')!
    // What a read right after a save may cost: the province next to its raw floor, one region in absolute terms.
    const afterWriteTarget: Record<string, string> = {
      'summary, province': `≤ ${fmt(2 * summaryFloor.p95, 2)} (2 × raw floor ${fmt(summaryFloor.p95, 2)})`,
      'summary, one region': '≤ 10',
    }

    const out: string[] = []
    out.push('')
    out.push(`Dataset: ${dataset.counts.bureaus} bureaus in ${dataset.regionIds.length} region(s) × ${dataset.years.length} years; ${dataset.counts.submissions} submissions, ${dataset.counts.values} values, ${dataset.counts.ledgerRows} ledger rows, ${dataset.counts.rectificationItems} rectification items (generated in ${fmt(dataset.generateMs / 1000)} s; pre-aggregated ${dataset.rebuild.rows} bureau-year rows in one transaction in ${fmt(dataset.rebuild.ms / 1000)} s)`)
    if (pgProvince)
      out.push(`PostgreSQL: ${pgProvince.server}; the same rows copied in ${fmt(pgProvince.loadMs / 1000)} s (its triggers firing, then VACUUM ANALYZE); pre-aggregated ${pgProvince.rebuild.rows} bureau-year rows in one transaction in ${fmt(pgProvince.rebuild.ms / 1000)} s (SQLite: ${fmt(dataset.rebuild.ms / 1000)} s)`)
    out.push(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}; load: ${concurrency} concurrent keep-alive connections, ${warmupMs} ms warm-up + ${durationMs} ms per endpoint`)
    out.push('')
    if (!pgRuns) {
      out.push(table(['endpoint', 'scope', 'conc.', 'p50 ms', 'p95 ms', 'p99 ms', 'req/s', 'KB/resp', 'errors'], sqliteRun.endpoints.map((e) => [
        e.name, e.scope, String(e.concurrency), fmt(e.result.p50, 2), fmt(e.result.p95, 2), fmt(e.result.p99, 2), fmt(e.result.rps, 0), fmt(e.result.bytes / 1024), String(e.result.errors),
      ])))
      out.push('')
      out.push(table(['after a value save (sequential)', 'p50 ms', 'p95 ms', 'n', 'target p95 ms'], sqliteRun.afterWrite.map((a) => [a.name, fmt(a.p50, 2), fmt(a.p95, 2), String(a.n), afterWriteTarget[a.name] ?? ''])))
    } else {
      const runs = [sqliteRun, pgRuns.one, pgRuns.two]
      const ratio = (x: number, y: number) => `${fmt(x / y, 2)}×`
      const latency = (r: { p50: number; p95: number }) => `${fmt(r.p50, 2)} / ${fmt(r.p95, 2)}`
      out.push(table(
        ['endpoint', 'scope', 'conc.', 'SQLite p50 / p95 ms', 'req/s', 'PostgreSQL p50 / p95 ms', 'req/s', '2 servers, PostgreSQL p50 / p95 ms', 'req/s', 'errors'],
        sqliteRun.endpoints.map((e, i) => {
          const [s, p, two] = runs.map((run) => run.endpoints[i].result)
          return [e.name, e.scope, String(e.concurrency), latency(s), fmt(s.rps, 0), latency(p), fmt(p.rps, 0), latency(two), fmt(two.rps, 0), String(s.errors + p.errors + two.errors)]
        }),
      ))
      out.push('')
      out.push(table(
        ['ratios', 'scope', 'conc.', 'PostgreSQL / SQLite p95', 'req/s', '2 servers / 1 p95', 'req/s'],
        sqliteRun.endpoints.map((e, i) => {
          const [s, p, two] = runs.map((run) => run.endpoints[i].result)
          return [e.name, e.scope, String(e.concurrency), ratio(p.p95, s.p95), ratio(p.rps, s.rps), ratio(two.p95, p.p95), ratio(two.rps, p.rps)]
        }),
      ))
      out.push('')
      out.push(table(
        ['after a value save (sequential; 2 servers: read from the other)', 'SQLite p50 / p95 ms', 'PostgreSQL', '2 servers', 'PostgreSQL / SQLite p95', '2 / 1 p95', 'target p95 ms (SQLite)'],
        sqliteRun.afterWrite.map((a) => {
          const [p, two] = [written(pgRuns.one, a.name)!, written(pgRuns.two, a.name)!]
          return [a.name, latency(a), latency(p), latency(two), ratio(p.p95, a.p95), ratio(two.p95, p.p95), afterWriteTarget[a.name] ?? '']
        }),
      ))
    }
    out.push('')
    out.push(table(['raw floor (one prepared statement, in-process)', 'rows', 'p50 ms', 'p95 ms'], floors.map((f) => [f.name, String(f.rows), fmt(f.p50, 2), fmt(f.p95, 2)])))
    out.push('')
    out.push(table([onPostgres ? 'other (the server on SQLite)' : 'other', 'figure'], [
      ...(standalone
        ? [
            [`summary workbook, ${exportBureaus} bureaus × 31 indicators`, `${fmt(standalone.exported.ms, 0)} ms, peak RSS ${fmt(standalone.exported.maxRssMb, 0)} MB, ${fmt(standalone.exported.bytes / 1024, 0)} KB`],
            [`report extraction (${standalone.extraction.bytes} bytes), median of ${standalone.extraction.runs}`, `${fmt(standalone.extraction.ms, 2)} ms`],
            [
              `report extraction, hostile 200k characters (worst of ${standalone.hostile.kinds} kinds), median of ${standalone.hostile.runs} (budget ≤ 300 ms)`,
              `${fmt(standalone.hostile.ms, 0)} ms (${standalone.hostile.worst})`,
            ],
            [`Excel fill-in, ${standalone.fillIn.rows} rows read in the parsing worker, median of 5`, `${fmt(standalone.fillIn.ms, 0)} ms, peak RSS ${fmt(standalone.fillIn.maxRssMb, 0)} MB`],
          ]
        : []),
      [`POST /api/files, a ${fmt(evidence.bytes / MB, 0)} MB PDF onto a value, median of ${evidence.runs}`, `${fmt(evidence.uploadMs, 0)} ms, server RSS up ${fmt(evidence.uploadRssRiseMb, 0)} MB at most (idle ${fmt(evidence.idleRssMb, 0)} MB, peak ${fmt(evidence.peakRssMb, 0)} MB over all transfers)`],
      [`GET /api/files/:id, the same PDF (sha256 checked), median of ${evidence.runs}`, `${fmt(evidence.downloadMs, 0)} ms, server RSS up ${fmt(evidence.downloadRssRiseMb, 0)} MB at most`],
      [`wrong-password login, known against unknown username, medians of ${loginTiming.runs} interleaved`, `${fmt(loginTiming.knownMs, 2)} ms against ${fmt(loginTiming.unknownMs, 2)} ms (ratio ${fmt(loginTiming.ratio, 2)})`],
      ...(standalone
        ? [
            ['initial JS (login + overview routes), gzip', `${fmt(standalone.initialJsGzipKb)} KB`],
            ...(standalone.lighthouse
              ? [
                  [
                    `Lighthouse mobile, overview (moto g power, simulated throttling), median of ${standalone.lighthouse.runs} (target score ≥ 90)`,
                    `score ${standalone.lighthouse.score}, LCP ${fmt(standalone.lighthouse.lcpMs, 0)} ms (runs ${standalone.lighthouse.scores.join(', ')}; ${fmt(standalone.lighthouseS, 0)} s)`,
                  ],
                ]
              : []),
          ]
        : []),
    ]))
    if (onPostgres) {
      out.push('')
      out.push('Left out with --db postgres (they do not touch the database): the summary workbook, report extraction, the Excel fill-in, the client bundle, Lighthouse.')
    }

    /** The figures of one run of the servers (the names prefixed for the PostgreSQL runs). */
    const serverFigures = (run: ServerRun) => ({
      summaryP95Ms: ep(run, 'summary', 'province').p95,
      rankingP95Ms: ep(run, 'ranking', 'province').p95,
      overviewP95Ms: ep(run, 'overview', 'province').p95,
      trendsP95Ms: ep(run, 'trends', 'province').p95,
      regionSummaryP95Ms: ep(run, 'summary', 'region').p95,
      summaryRps: ep(run, 'summary', 'region').rps,
      provinceSummaryRps: ep(run, 'summary', 'province').rps,
      httpFloorP95Ms: ep(run, 'health', 'HTTP floor').p95,
      summarySequentialP95Ms: ep(run, 'summary', 'province', 1).p95,
      regionSummarySequentialP95Ms: ep(run, 'summary', 'region', 1).p95,
      writeP95Ms: written(run, 'PUT /api/submissions/:id (save one value)')?.p95 ?? NaN,
      summaryAfterWriteP95Ms: written(run, 'summary, province')?.p95 ?? NaN,
      regionSummaryAfterWriteP95Ms: written(run, 'summary, one region')?.p95 ?? NaN,
    })
    const prefixed = (prefix: string, figures: Record<string, number>) => Object.fromEntries(Object.entries(figures).map(([k, v]) => [prefix + k[0].toUpperCase() + k.slice(1), v]))
    const figures: Record<string, number> = {
      ...serverFigures(sqliteRun),
      rawSummaryP95Ms: summaryFloor.p95,
      rawRegionSummaryP95Ms: regionFloor.p95,
      ...(standalone && {
        exportMs: standalone.exported.ms,
        exportRssMb: standalone.exported.maxRssMb,
        extractMs: standalone.extraction.ms,
        extractHostileMs: standalone.hostile.ms,
        fillInParseMs: standalone.fillIn.ms,
        fillInRssMb: standalone.fillIn.maxRssMb,
        initialJsGzipKb: standalone.initialJsGzipKb,
        ...(standalone.lighthouse && { lighthouseScore: standalone.lighthouse.score, lighthouseLcpMs: standalone.lighthouse.lcpMs }),
      }),
      evidenceUploadMs: evidence.uploadMs,
      evidenceDownloadMs: evidence.downloadMs,
      evidencePeakRssMb: evidence.peakRssMb,
      evidenceUploadRssRiseMb: evidence.uploadRssRiseMb,
      evidenceDownloadRssRiseMb: evidence.downloadRssRiseMb,
      loginKnownUserMs: loginTiming.knownMs,
      loginUnknownUserMs: loginTiming.unknownMs,
      loginTimingRatio: loginTiming.ratio,
      ...(pgProvince &&
        pgRuns && {
          sqliteRebuildMs: dataset.rebuild.ms,
          pgLoadMs: pgProvince.loadMs,
          pgRebuildMs: pgProvince.rebuild.ms,
          ...prefixed('pg', serverFigures(pgRuns.one)),
          ...prefixed('pgTwo', serverFigures(pgRuns.two)),
        }),
    }
    const round = (x: number) => Math.round(x * 100) / 100
    console.log(out.join('\n'))
    console.log(JSON.stringify(Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, round(v)]))))
  } finally {
    await pgProvince?.drop()
    fs.rmSync(workDir, { recursive: true, force: true })
  }
}

type Scope = 'province' | 'region' | 'HTTP floor'

interface AfterWrite {
  name: string
  p50: number
  p95: number
  n: number
}

interface ServerRun {
  endpoints: { name: string; scope: Scope; concurrency: number; result: LoadResult }[]
  afterWrite: AfterWrite[]
  /** Measured with `transfers` only: through the first server. */
  evidence?: EvidenceTransfer
  loginTiming?: LoginTiming
}

/**
 * Starts an app server per environment (one after another; the later ones find the database
 * migrated) and measures the dashboard through them, the requests sent to each in turn; with
 * `transfers` also the evidence upload and download and the login timing, through the first.
 */
async function measureServers(envs: Record<string, string>[], dataset: Dataset, regionId: number, opts: { transfers?: boolean } = {}): Promise<ServerRun> {
  const year = LAST_YEAR
  const servers: ServerProcess[] = []
  try {
    for (const env of envs) servers.push(await startServerProcess(env, { startTimeoutMs: 120_000, production: true }))
    const baseUrls = servers.map((s) => s.baseUrl)
    // The session lives in the database: one login serves on every server.
    const { cookie, csrfToken } = await login(baseUrls[0], 'office', BENCH_PASSWORD)
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
    const endpoints: ServerRun['endpoints'] = []
    for (const p of plan) {
      log(`GET ${p.paths[0]}${p.paths.length > 1 ? ` (rotating over ${p.paths.length} bureaus)` : ''} …`)
      const result = await runLoad({ baseUrls, cookie, paths: p.paths, concurrency: p.concurrency ?? concurrency, warmupMs, durationMs })
      endpoints.push({ name: p.name, scope: p.scope, concurrency: p.concurrency ?? concurrency, result })
    }
    log(`a value saved, then the summary read again (nothing cached for the year${baseUrls.length > 1 ? '; read from the other server' : ''}) …`)
    const afterWrite = await measureAfterWrite(baseUrls, { cookie, 'x-csrf-token': csrfToken }, year, regionId, regionBureaus)
    if (!opts.transfers) return { endpoints, afterWrite }
    const [server] = servers
    log(`佐证材料: a ${MAX_EVIDENCE_MB} MB PDF uploaded onto a value, then downloaded, ${EVIDENCE_RUNS} times …`)
    const submission = await editableSubmission(server.baseUrl, cookie, year, regionBureaus)
    if (!submission) throw new Error('the bench dataset has no editable report for the evidence upload')
    const evidence = await measureEvidenceTransfer({ baseUrl: server.baseUrl, headers: { cookie, 'x-csrf-token': csrfToken }, pid: server.child.pid!, submissionId: submission.id, indicator: EVIDENCE_INDICATOR, runs: EVIDENCE_RUNS })
    log('wrong-password logins, known and unknown usernames interleaved …')
    const loginTiming = await measureLoginTiming(server.baseUrl)
    return { endpoints, afterWrite, evidence, loginTiming }
  } finally {
    await Promise.all(servers.map((s) => s.stop()))
  }
}

/** What does not touch the database: the summary export, report extraction, the fill-in parse, the client bundle and Lighthouse. */
async function measureStandalone() {
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
  return { exported, extraction, hostile, fillIn, initialJsGzipKb, lighthouse, lighthouseS }
}

/**
 * The path after a write: the office saves one value of a draft in the region, then the summary is
 * read. The save marks that bureau-year's pre-aggregated row dirty and bumps the year's change
 * counter; the read recomputes the row, patches it into the kept board and re-serialises only the
 * summary entries that changed. With several servers each read goes to another server than the
 * save, which learns of the change from the database's counter alone.
 */
async function measureAfterWrite(
  baseUrls: readonly string[],
  headers: { cookie: string; 'x-csrf-token': string },
  year: number,
  regionId: number,
  regionBureaus: number[],
): Promise<AfterWrite[]> {
  const clients = baseUrls.map((url) => createClient(url, 1))
  const { cookie } = headers
  try {
    const target = await editableSubmission(baseUrls[0], cookie, year, regionBureaus)
    if (!target) return []
    const detail = await clients[0].request('GET', `/api/submissions/${target.id}`, { cookie }, undefined, true)
    let version = (JSON.parse(detail.text!) as { version: number }).version
    const writes: number[] = []
    const reads = { province: [] as number[], region: [] as number[] }
    const rounds = Math.max(5, Math.min(30, Math.round(durationMs / 200)))
    let saves = 0
    for (let i = 0; i < rounds; i++) {
      for (const scope of ['province', 'region'] as const) {
        const writer = clients[saves % clients.length]
        const reader = clients[++saves % clients.length]
        let started = performance.now()
        const saved = await writer.request('PUT', `/api/submissions/${target.id}`, headers, JSON.stringify({ version, values: [{ indicator: 'lead.topic_meetings', value: 1 + ((i * 2 + (scope === 'region' ? 1 : 0)) % 3) }] }))
        writes.push(performance.now() - started)
        if (saved.status !== 200) throw new Error(`save: ${saved.status} ${saved.text}`)
        version = (JSON.parse(saved.text!) as { version: number }).version
        started = performance.now()
        const read = await reader.request('GET', `/api/dashboard/summary?year=${year}${scope === 'region' ? `&regionId=${regionId}` : ''}`, { cookie })
        if (read.status !== 200) throw new Error(`summary: ${read.status}`)
        reads[scope].push(performance.now() - started)
      }
    }
    const row = (name: string, xs: number[]) => ({ name, ...summarise(xs), n: xs.length })
    return [row('PUT /api/submissions/:id (save one value)', writes), row('summary, province', reads.province), row('summary, one region', reads.region)]
  } finally {
    for (const client of clients) client.close()
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
  if (args['db-file']) fs.writeFileSync(meta, JSON.stringify({ ...dataset, bureausByRegion: [...dataset.bureausByRegion] }))
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
