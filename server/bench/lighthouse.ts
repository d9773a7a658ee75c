/**
 * Lighthouse on the overview (`/`) as the office sees it: the production build served by the real
 * server over the seeded demo county, the local Chromium, Lighthouse's default mobile profile (moto g
 * power emulation, simulated throttling), the performance category only. Measures the client/dist
 * that is there: `run.ts` builds it first. Alone: `npx tsx server/bench/lighthouse.ts [runs]`.
 */
import { launch } from 'chrome-launcher'
import lighthouse from 'lighthouse'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { demoPasswordOf } from '../../seed/demo'
import { startServerProcess } from '../../tests/helpers/server-process'

const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium'

export interface LighthouseFigure {
  runs: number
  /** The median performance score, 0–100. */
  score: number
  /** The median largest contentful paint, ms (simulated). */
  lcpMs: number
  scores: number[]
  /** The median run's opportunities worth more than 100 ms, largest first. */
  opportunities: string[]
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

export async function measureLighthouse(runs = 3): Promise<LighthouseFigure> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-lighthouse-'))
  // `npm start`'s server: the demo county seeded into an empty database, the built client served.
  const server = await startServerProcess({ DB_PATH: path.join(dir, 'demo.db'), LOG_LEVEL: 'warn', BACKUP_DIR: '' }, { startTimeoutMs: 120_000 })
  try {
    const res = await fetch(`${server.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'office', password: demoPasswordOf() }),
    })
    if (res.status !== 200) throw new Error(`Lighthouse: the office's login answered ${res.status}`)
    const Cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
    const chrome = await launch({ chromePath: CHROMIUM_PATH, chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'] })
    try {
      const results: { score: number; lcpMs: number; opportunities: string[] }[] = []
      for (let i = 0; i < runs; i++) {
        const result = await lighthouse(`${server.baseUrl}/`, { port: chrome.port, onlyCategories: ['performance'], extraHeaders: { Cookie }, logLevel: 'error' })
        const lhr = result?.lhr
        if (!lhr || lhr.runtimeError) throw new Error(`Lighthouse failed: ${lhr?.runtimeError?.message ?? 'no result'}`)
        if (new URL(lhr.finalDisplayedUrl).pathname !== '/') throw new Error(`Lighthouse measured ${lhr.finalDisplayedUrl}, not the overview: the session cookie was not taken`)
        const opportunities = Object.values(lhr.audits)
          .filter((a) => a.details?.type === 'opportunity' && (a.numericValue ?? 0) > 100)
          .sort((a, b) => b.numericValue! - a.numericValue!)
          .map((a) => `${a.title}: ${Math.round(a.numericValue!)} ms`)
        results.push({ score: Math.round((lhr.categories.performance.score ?? 0) * 100), lcpMs: lhr.audits['largest-contentful-paint'].numericValue ?? NaN, opportunities })
      }
      const score = median(results.map((r) => r.score))
      return {
        runs,
        score,
        lcpMs: median(results.map((r) => r.lcpMs)),
        scores: results.map((r) => r.score),
        opportunities: results.find((r) => r.score === score)!.opportunities,
      }
    } finally {
      chrome.kill()
    }
  } finally {
    await server.stop()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  const started = Date.now()
  const figure = await measureLighthouse(Number(process.argv[2] ?? 3))
  console.log(`Lighthouse mobile, overview: score ${figure.score} (runs ${figure.scores.join(', ')}), LCP ${Math.round(figure.lcpMs)} ms, in ${((Date.now() - started) / 1000).toFixed(0)} s`)
  for (const o of figure.opportunities) console.log(`  ${o}`)
}
