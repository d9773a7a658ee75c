/**
 * The upload parser's worker thread (started by `index.ts` with a memory limit): checks a container's
 * real inflated size, then reads it. Runs one job and posts one answer.
 */
import { parentPort, workerData } from 'node:worker_threads'
import yauzl from 'yauzl'
import { archiveProblem } from './archive'
import type { ParseAnswer, ParseJob, SheetTexts, StackFile, ZipEntry } from './protocol'

/** The cells of a row the file does not hold (one shared array, so the answer stays small). */
const NO_CELLS: string[] = []

async function run(job: ParseJob): Promise<ParseAnswer> {
  const data = Buffer.from(job.data.buffer, job.data.byteOffset, job.data.byteLength)
  const problem = await archiveProblem(data, job.maxInflatedBytes, job.requiredEntry)
  if (problem) return { ok: false, problem }
  if (job.kind === 'archive') return { ok: true, kind: 'archive' }
  try {
    if (job.kind === 'docx') return { ok: true, kind: 'docx', text: (await (await import('mammoth')).default.extractRawText({ buffer: data })).value }
    if (job.kind === 'xlsxStack') return { ok: true, kind: 'xlsxStack', files: await stackOf(await entriesOf(data), job.maxEntryInflatedBytes ?? job.maxInflatedBytes) }
    return { ok: true, kind: 'xlsx', sheets: await sheetsOf(data, job.maxInflatedBytes) }
  } catch (err) {
    return { ok: false, problem: err instanceof OverLimit ? 'overLimit' : 'unreadable' }
  }
}

/** Excel holds at most this many characters in a cell. */
const MAX_CELL_CHARS = 32_767
/** The most cells an answer carries: far above any sheet this product reads (a template has a few hundred). */
const MAX_CELLS = 1_000_000

/** The answer would outgrow its bound: a few shared strings repeated in many cells inflate little but answer a lot. */
class OverLimit extends Error {}

/**
 * The cell texts of every sheet of a workbook. The answer is bounded as well as the input: its text
 * may not pass `maxChars` in all (the same bound as the inflated file), nor a cell Excel's own limit.
 * A numeric cell formatted as a percentage (typed "95%", stored 0.95) reads as the percent it shows: "95".
 */
async function sheetsOf(data: Buffer, maxChars: number): Promise<SheetTexts[]> {
  let chars = 0
  let cellCount = 0
  const { default: ExcelJS } = await import('exceljs')
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(data as unknown as ArrayBuffer)
  return workbook.worksheets.map((ws) => {
    // Only the rows and cells the file holds are visited: a stray cell far down costs one entry, not a million rows.
    const rows: string[][] = []
    ws.eachRow((row, n) => {
      const cells: string[] = []
      row.eachCell((cell, col) => {
        const text = typeof cell.value === 'number' && cell.numFmt?.includes('%') ? String(Number((cell.value * 100).toPrecision(12))) : cell.text
        chars += text.length
        if (text.length > MAX_CELL_CHARS || chars > maxChars || ++cellCount > MAX_CELLS) throw new OverLimit()
        cells[col - 1] = text
      })
      rows[n - 1] = Array.from(cells, (c) => c ?? '')
    })
    return { name: ws.name, rows: Array.from(rows, (r) => r ?? NO_CELLS) }
  })
}

/** Each workbook of a zip, one after the other in this worker, each checked for its own inflated size first. */
async function stackOf(entries: ZipEntry[], maxEach: number): Promise<StackFile[]> {
  const files: StackFile[] = []
  for (const entry of entries) {
    const data = Buffer.from(entry.data.buffer, entry.data.byteOffset, entry.data.byteLength)
    const problem = await archiveProblem(data, maxEach)
    if (problem) files.push({ name: entry.name, problem })
    else
      files.push(
        await sheetsOf(data, maxEach).then(
          (sheets) => ({ name: entry.name, sheets }),
          (err: unknown) => ({ name: entry.name, problem: err instanceof OverLimit ? ('overLimit' as const) : ('unreadable' as const) }),
        ),
      )
  }
  return files
}

/** Every file of a zip already checked by `archiveProblem` (so its entries fit the bound). */
async function entriesOf(data: Buffer): Promise<ZipEntry[]> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(data, { lazyEntries: true, decodeStrings: true }, (err, z) => (err ? reject(err) : resolve(z))),
  )
  const entries: ZipEntry[] = []
  return new Promise((resolve, reject) => {
    zip.on('error', reject)
    zip.on('end', () => resolve(entries))
    zip.on('entry', (entry: yauzl.Entry) => {
      if (entry.fileName.endsWith('/')) return zip.readEntry()
      zip.openReadStream(entry, (err, stream) => {
        if (err) return reject(err)
        const chunks: Buffer[] = []
        stream.on('data', (c: Buffer) => chunks.push(c))
        stream.on('error', reject)
        stream.on('end', () => {
          entries.push({ name: entry.fileName, data: new Uint8Array(Buffer.concat(chunks)) })
          zip.readEntry()
        })
      })
    })
    zip.readEntry()
  })
}

parentPort!.postMessage(await run(workerData as ParseJob))
