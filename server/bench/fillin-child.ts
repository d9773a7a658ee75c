/**
 * Run in its own process by the benchmark: writes a 200-row fill-in template, then reads it back as
 * an upload is read (cell texts in the parsing worker, then the template's rows and hidden sheet) and
 * prints {"ms", "maxRssMb", "rows"} as one JSON line: the median of the reads, and the process's
 * peak RSS (the worker's heap included).
 */
import { CATALOG, CATEGORY_NAMES } from '@fazhi/shared'
import { readSheetTexts } from '../src/lib/parsing'
import { filledRows, templateMeta } from '../src/features/fillin/read'
import { type TemplateRow, writeFillInTemplate } from '../src/features/fillin/template'

const ROWS = 200
const inputs = CATALOG.filter((c) => c.kind !== 'derived')
const rows: TemplateRow[] = Array.from({ length: ROWS }, (_, i) => {
  const c = inputs[i % inputs.length]
  return {
    code: `${c.code}.${i}`,
    categoryName: CATEGORY_NAMES[c.category],
    name: c.name,
    unit: c.unit,
    kind: c.kind,
    direction: c.direction,
    target: c.defaultTarget,
    plausibleMin: c.plausibleMin,
    plausibleMax: c.plausibleMax,
    previous: c.kind === 'boolean' ? true : i,
    value: c.kind === 'boolean' ? i % 2 === 0 : c.kind === 'percent' ? 95.5 : i + 1,
    notApplicable: false,
    note: i % 5 === 0 ? '依据会议纪要和签到表填报' : null,
  }
})
const data = await writeFillInTemplate({ bureau: { code: 'bench', name: '示例县科学技术局' }, year: 2025, submissionId: 1, rows })
const samples: number[] = []
for (let i = 0; i < 5; i++) {
  const started = performance.now()
  const sheets = await readSheetTexts(data, 20 * 1024 * 1024)
  templateMeta(sheets)
  if (filledRows(sheets).length !== ROWS) throw new Error('the template did not read back')
  samples.push(performance.now() - started)
}
samples.sort((a, b) => a - b)
console.log(JSON.stringify({ ms: samples[2], maxRssMb: process.resourceUsage().maxRSS / 1024, rows: ROWS }))
