import fs from 'node:fs'
import path from 'node:path'
import { extractReport } from '../src/features/imports/extract'
import { HOSTILE_REPORTS } from '../../tests/fixtures/hostile-reports'
import { summarise } from './load'

/** Report extraction in-process: a real report, and texts built to be slow. */

const ROOT = path.resolve(import.meta.dirname, '../..')

/** extractReport on the 西峡 report (≈10 KB of UTF-8), padded to at least 10 KB. */
export function measureExtraction() {
  let text = fs.readFileSync(path.join(ROOT, 'tests/fixtures/reports/xixia-kjj-2023.txt'), 'utf8')
  while (Buffer.byteLength(text) < 10 * 1024) text += '\n特此报告。'
  for (let i = 0; i < 5; i++) extractReport(text)
  const samples: number[] = []
  for (let i = 0; i < 41; i++) {
    const started = performance.now()
    extractReport(text)
    samples.push(performance.now() - started)
  }
  return { ms: summarise(samples).p50, runs: samples.length, bytes: Buffer.byteLength(text) }
}

/** The reader on texts built to be slow (tests/fixtures/hostile-reports.ts): the slowest kind's median. */
export function measureHostileExtraction() {
  const runs = 5
  const medians = HOSTILE_REPORTS.map(({ kind, text }) => {
    extractReport(text)
    const samples: number[] = []
    for (let i = 0; i < runs; i++) {
      const started = performance.now()
      extractReport(text)
      samples.push(performance.now() - started)
    }
    return { kind, ms: summarise(samples).p50 }
  })
  const worst = medians.reduce((a, b) => (b.ms > a.ms ? b : a))
  return { ms: worst.ms, worst: worst.kind, kinds: medians.length, runs }
}
