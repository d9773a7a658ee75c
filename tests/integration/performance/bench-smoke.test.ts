import { spawn } from 'node:child_process'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * `npm run bench` on a tiny dataset with short phases: it must run end to end (dataset, real
 * server, load, raw floor, a 20 MB evidence PDF up and down, export child, extraction, bundle) and end with its figures as JSON.
 * The figures themselves are not judged here; README "Performance" has the real run. Lighthouse is
 * left out (`--lighthouse-runs 0`): its runs take minutes; `npx tsx server/bench/lighthouse.ts` runs it alone.
 */

const ROOT = path.resolve(import.meta.dirname, '../../..')
const KEYS = [
  'summaryP95Ms',
  'rankingP95Ms',
  'overviewP95Ms',
  'trendsP95Ms',
  'regionSummaryP95Ms',
  'rawSummaryP95Ms',
  'summaryRps',
  'exportMs',
  'exportRssMb',
  'extractMs',
  'extractHostileMs',
  'evidenceUploadMs',
  'evidenceDownloadMs',
  'evidencePeakRssMb',
  'initialJsGzipKb',
]

function runBench(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/bench/run.ts', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c: Buffer) => (stdout += c))
    child.stderr.on('data', (c: Buffer) => (stderr += c))
    child.on('error', reject)
    child.on('exit', (code) => resolve({ code, stdout, stderr }))
  })
}

describe('npm run bench (smoke)', () => {
  it('runs on a tiny dataset and prints every figure as a finite number on its last line', { timeout: 120_000 }, async () => {
    // The client build is reused when there is one (npm test builds it first); a clean tree builds it.
    const { code, stdout, stderr } = await runBench(['--scale', 'tiny', '--duration', '250', '--warmup', '100', '--concurrency', '4', '--build', 'if-missing', '--lighthouse-runs', '0'])
    expect(code, stderr).toBe(0)
    const lines = stdout.trim().split('\n')
    expect(lines.length).toBeGreaterThan(10)
    const figures = JSON.parse(lines.at(-1)!) as Record<string, unknown>
    for (const key of KEYS) {
      expect(typeof figures[key], key).toBe('number')
      expect(Number.isFinite(figures[key]), key).toBe(true)
    }
    for (const [key, value] of Object.entries(figures)) expect(Number.isFinite(value), key).toBe(true)
    expect(figures.summaryRps as number).toBeGreaterThan(0)
    // the table names what was measured
    expect(stdout).toContain('raw floor')
    expect(stdout).toContain('summary workbook')
    expect(stdout).toContain('POST /api/files, a 20 MB PDF')
  })
})
