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
  const problem = await archiveProblem(data, job.maxInflatedBytes)
  if (problem) return { ok: false, problem }
  if (job.kind === 'archive') return { ok: true, kind: 'archive' }
  try {
    if (job.kind === 'docx') return { ok: true, kind: 'docx', text: (await (await import('mammoth')).default.extractRawText({ buffer: data })).value }
    if (job.kind === 'xlsxStack') return { ok: true, kind: 'xlsxStack', files: await stackOf(await entriesOf(data), job.maxEntryInflatedBytes ?? job.maxInflatedBytes) }
    return { ok: true, kind: 'xlsx', sheets: await sheetsOf(data) }
  } catch {
    return { ok: false, problem: 'unreadable' }
  }
}

/** The cell texts of every sheet of a workbook. */
async function sheetsOf(data: Buffer): Promise<SheetTexts[]> {
  const { default: ExcelJS } = await import('exceljs')
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(data as unknown as ArrayBuffer)
  return workbook.worksheets.map((ws) => {
    // Only the rows and cells the file holds are visited: a stray cell far down costs one entry, not a million rows.
    const rows: string[][] = []
    ws.eachRow((row, n) => {
      const cells: string[] = []
      row.eachCell((cell, col) => {
        cells[col - 1] = cell.text
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
        await sheetsOf(data).then(
          (sheets) => ({ name: entry.name, sheets }),
          () => ({ name: entry.name, problem: 'unreadable' as const }),
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
