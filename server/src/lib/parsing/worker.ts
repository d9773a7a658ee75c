/**
 * The upload parser's worker thread (started by `index.ts` with a memory limit): checks a container's
 * real inflated size, then reads it. Runs one job and posts one answer.
 */
import { parentPort, workerData } from 'node:worker_threads'
import yauzl from 'yauzl'
import { archiveProblem } from './archive'
import type { ParseAnswer, ParseJob, ZipEntry } from './protocol'

/** The cells of a row the file does not hold (one shared array, so the answer stays small). */
const NO_CELLS: string[] = []

async function run(job: ParseJob): Promise<ParseAnswer> {
  const data = Buffer.from(job.data.buffer, job.data.byteOffset, job.data.byteLength)
  const problem = await archiveProblem(data, job.maxInflatedBytes)
  if (problem) return { ok: false, problem }
  if (job.kind === 'archive') return { ok: true, kind: 'archive' }
  try {
    if (job.kind === 'unzip') return { ok: true, kind: 'unzip', entries: await entriesOf(data) }
    if (job.kind === 'docx') return { ok: true, kind: 'docx', text: (await (await import('mammoth')).default.extractRawText({ buffer: data })).value }
    const { default: ExcelJS } = await import('exceljs')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(data as unknown as ArrayBuffer)
    const sheets = workbook.worksheets.map((ws) => {
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
    return { ok: true, kind: 'xlsx', sheets }
  } catch {
    return { ok: false, problem: 'unreadable' }
  }
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
