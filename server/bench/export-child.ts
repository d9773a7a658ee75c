/**
 * Run in its own process by the benchmark: writes the four-sheet summary workbook for N bureaus ×
 * the whole catalog to a file and prints {"ms", "maxRssMb", "bytes"} as one JSON line. A process of
 * its own, so peak RSS is the export's and nothing else's.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { CATALOG, CATEGORY_NAMES, GRADES } from '@fazhi/shared'
import { buildSummaryWorkbook } from '../src/features/exports/sheets'
import type { SummaryWorkbookData } from '../src/features/exports/tables'

const bureauCount = Number(process.argv[2] ?? 5000)
const STATUSES = ['approved', 'submitted', 'draft', 'returned', 'missing'] as const

function synthetic(n: number): SummaryWorkbookData {
  const indicators = CATALOG.map((c) => ({
    code: c.code,
    categoryName: CATEGORY_NAMES[c.category],
    name: c.name,
    unit: c.unit,
    kind: c.kind,
    derivedAs: c.derivedAs ?? null,
    direction: c.direction,
    target: c.defaultTarget,
    weight: c.defaultWeight,
  }))
  const bureaus = Array.from({ length: n }, (_, i) => {
    const status = STATUSES[i % 23 === 0 ? 4 : i % 11 === 0 ? 2 : i % 3 === 0 ? 1 : 0]
    return {
      name: `示例${String(Math.floor(i / 50) + 1).padStart(3, '0')}县第${(i % 50) + 1}局`,
      status,
      onTime: status === 'missing' || status === 'draft' ? null : i % 9 !== 0,
      score: status === 'missing' ? null : 50 + ((i * 37) % 5000) / 100,
      completion: status === 'missing' ? null : ((i * 13) % 100) / 100,
      fillRate: status === 'missing' ? null : 0.8 + ((i * 7) % 20) / 100,
      rank: status === 'missing' || status === 'draft' ? null : i + 1,
      grade: status === 'missing' || status === 'draft' ? null : GRADES[i % GRADES.length],
      bonus: status === 'missing' || status === 'draft' ? null : i % 4,
      deduction: status === 'missing' || status === 'draft' ? null : i % 9 ? 0 : 0.5,
      cells: indicators.map((ind, k) => ({
        value: (i + k) % 17 === 0 ? null : ind.kind === 'boolean' ? (i + k) % 2 : ((i * 31 + k * 7) % 120) + 0.5,
        applicable: (i + k) % 13 !== 0,
        filled: (i + k) % 17 !== 0,
        met: (i + k) % 5 !== 0,
      })),
    }
  })
  return {
    heading: { regionName: '示例省', year: 2025, generatedAt: new Date('2026-11-22T08:00:00Z') },
    indicators,
    bureaus,
    average: { values: indicators.map((_, k) => ({ average: 40 + k, yes: null })), score: 75.5, completion: 0.61, fillRate: 0.93 },
    ranking: bureaus.map((b, i) => ({ rank: b.rank, name: b.name, score: b.score, completion: b.completion, rankChange: (i % 7) - 3, onTime: b.onTime, grade: b.grade, bonus: b.bonus, deduction: b.deduction })),
    rectifications: bureaus.slice(0, Math.round(n * 1.5)).flatMap((b, i) => [
      { bureauName: b.name, problem: '法治宣传教育的形式和内容还需进一步创新，针对性和实效性有待提高', measure: '制定专项整改方案，明确责任人和完成时限', owner: '办公室', deadline: '2025-12-31', status: i % 3 ? '已完成' : '逾期', completedAt: i % 3 ? '2025-10-08' : null },
    ]),
    reporting: bureaus.map((b, i) => ({ bureauName: b.name, status: '已审核', firstSubmittedAt: '2026-02-10 10:15', timeliness: i % 9 ? ('按时' as const) : ('逾期' as const), daysOverdue: i % 9 ? null : 3, publishedUrl: `http://www.example.gov.cn/fzzf/${i}.html`, publishedAt: '2026-03-20' })),
    reportingNote: `应上报 ${n} 家`,
  }
}

const data = synthetic(bureauCount)
const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-bench-export-')), 'summary.xlsx')
const started = performance.now()
const out = fs.createWriteStream(file)
const finished = new Promise<void>((resolve, reject) => {
  out.on('finish', resolve)
  out.on('error', reject)
})
await buildSummaryWorkbook(data, out)
await finished
const ms = performance.now() - started
const bytes = fs.statSync(file).size
fs.rmSync(path.dirname(file), { recursive: true, force: true })
console.log(JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024, bytes }))
