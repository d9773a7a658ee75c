import { Worker } from 'node:worker_threads'
import { zipProblem } from '../zip'
import type { ParseAnswer, ParseJob, ParseKind, ParseProblem, SheetTexts } from './protocol'

export type { SheetTexts } from './protocol'

/**
 * Every uploaded .xlsx, .docx and .zip is read here: in a worker thread with its own heap limit and a
 * time limit, after its real inflated size is checked (`archive.ts`). One upload can then neither fill
 * the server's memory nor stall its event loop; at most `MAX_PARALLEL` parse at once, the rest wait.
 */
const HEAP_LIMIT_MB = 256
const TIME_LIMIT_MS = 30_000
const MAX_PARALLEL = 2
/** Uploads waiting for a parse beyond these are refused at once (503): a flood cannot queue the server's memory up. */
const MAX_WAITING = 8

/** An uploaded Excel sheet (.xlsx) inflates to at most this much: far above any bureau list, 考核细则 or fill-in. */
export const MAX_SHEET_INFLATED_BYTES = 20 * 1024 * 1024

/** Why an upload could not be read, with the Chinese message the user sees. */
export class UploadParseError extends Error {
  constructor(
    public readonly problem: ParseProblem | 'timeout' | 'busy',
    message: string,
  ) {
    super(message)
    this.name = 'UploadParseError'
  }
}

/** A zip of files (a stack of templates) that cannot be read. */
const ZIP_MESSAGES: Record<ParseProblem | 'timeout', (mb: number) => string> = {
  notZip: () => '文件不是有效的 .zip 压缩包',
  tooLarge: (mb) => `压缩包解压后超过 ${mb} MB，已拒绝`,
  lying: () => '压缩包结构异常（声明的大小与实际不符），已拒绝',
  unreadable: () => '压缩包已损坏',
  overLimit: () => '压缩包过于复杂，已拒绝',
  timeout: () => '压缩包读取超时，已拒绝',
}

const MESSAGES: Record<ParseKind, Record<ParseProblem | 'timeout', (mb: number) => string>> = {
  xlsx: {
    notZip: () => '无法读取该文件，请上传 .xlsx 格式的 Excel 文件（可先下载模板）',
    tooLarge: (mb) => `文件解压后超过 ${mb} MB，无法读取`,
    lying: () => '文件结构异常（压缩包声明的大小与实际不符），已拒绝',
    unreadable: () => 'Excel 文件已损坏或格式不受支持，请另存为 .xlsx 后重试',
    overLimit: () => '文件过于复杂，读取时超出内存限制，已拒绝',
    timeout: () => '文件读取超时，已拒绝',
  },
  docx: {
    notZip: () => '文件不是有效的 .docx 文档',
    tooLarge: (mb) => `文档解压后超过 ${mb} MB，无法读取`,
    lying: () => '文档结构异常（压缩包声明的大小与实际不符），已拒绝',
    unreadable: () => '无法读取 Word 文档：文件可能已损坏，请另存为 .docx 后重试',
    overLimit: () => '文档过于复杂，读取时超出内存限制，已拒绝',
    timeout: () => '文档读取超时，已拒绝',
  },
  xlsxStack: ZIP_MESSAGES,
  // An evidence .docx/.xlsx checked as a container: the zip's messages, except what it is not.
  archive: { ...ZIP_MESSAGES, notZip: () => '文件不是有效的 Word（.docx）或 Excel（.xlsx）文档' },
}

let running = 0
const waiting: (() => void)[] = []

async function slot(): Promise<() => void> {
  if (running >= MAX_PARALLEL) {
    if (waiting.length >= MAX_WAITING) throw new UploadParseError('busy', '系统正忙于读取其他上传的文件，请稍后再试')
    await new Promise<void>((resolve) => waiting.push(resolve))
  }
  running++
  return () => {
    running--
    waiting.shift()?.()
  }
}

const megabytes = (bytes: number) => Math.round(bytes / 1024 / 1024)

async function parse(
  kind: ParseKind,
  data: Buffer,
  maxInflatedBytes: number,
  more: Pick<ParseJob, 'maxEntryInflatedBytes' | 'requiredEntry'> = {},
): Promise<ParseAnswer & { ok: true }> {
  const fail = (problem: ParseProblem | 'timeout') => new UploadParseError(problem, MESSAGES[kind][problem](megabytes(maxInflatedBytes)))
  // What the zip declares is read without inflating anything: a plain bomb is refused here, at once.
  const declared = zipProblem(data, maxInflatedBytes)
  if (declared) throw fail(declared)
  const release = await slot()
  try {
    const job: ParseJob = { kind, data: new Uint8Array(data), maxInflatedBytes, ...more }
    const answer = await new Promise<ParseAnswer | 'timeout'>((resolve) => {
      const worker = new Worker(new URL('./worker-boot.mjs', import.meta.url), {
        workerData: job,
        transferList: [job.data.buffer as ArrayBuffer],
        resourceLimits: { maxOldGenerationSizeMb: HEAP_LIMIT_MB, maxYoungGenerationSizeMb: 32 },
      })
      // The first of answer, crash, time limit and exit settles; the worker is always ended.
      let settled = false
      const settle = (result: ParseAnswer | 'timeout') => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        resolve(result)
        void worker.terminate()
      }
      const timer = setTimeout(() => settle('timeout'), TIME_LIMIT_MS)
      worker.once('message', (m: ParseAnswer) => settle(m))
      // Out of memory, or any crash of the parser on a hostile file: the upload is refused, the server goes on.
      worker.once('error', (err: Error & { code?: string }) => settle({ ok: false, problem: err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'overLimit' : 'unreadable' }))
      worker.once('exit', () => settle({ ok: false, problem: 'unreadable' }))
    })
    if (answer === 'timeout') throw fail('timeout')
    if (!answer.ok) throw fail(answer.problem)
    return answer
  } finally {
    release()
  }
}

/** The cell texts of every sheet of an .xlsx upload, read in the worker. Throws `UploadParseError`. */
export async function readSheetTexts(data: Buffer, maxInflatedBytes: number): Promise<SheetTexts[]> {
  const answer = await parse('xlsx', data, maxInflatedBytes)
  return answer.kind === 'xlsx' ? answer.sheets : []
}

/** The plain text of a .docx upload, read in the worker. Throws `UploadParseError`. */
export async function readDocxText(data: Buffer, maxInflatedBytes: number): Promise<string> {
  const answer = await parse('docx', data, maxInflatedBytes)
  return answer.kind === 'docx' ? answer.text : ''
}

/**
 * Checks that a zip container (an evidence .docx/.xlsx) inflates honestly within the bound and holds
 * `requiredEntry` (word/document.xml, xl/workbook.xml), without which it is not what it claims. Throws `UploadParseError`.
 */
export async function checkArchive(data: Buffer, maxInflatedBytes: number, requiredEntry?: string): Promise<void> {
  await parse('archive', data, maxInflatedBytes, { requiredEntry })
}

/**
 * Every workbook inside an uploaded .zip (a stack of fill-in templates), unzipped and read in ONE
 * worker, each within `maxEachInflatedBytes`: its sheets, or the Chinese reason it could not be read.
 * Throws `UploadParseError` when the zip itself cannot be read.
 */
export async function readSheetStack(
  data: Buffer,
  maxInflatedBytes: number,
  maxEachInflatedBytes: number,
): Promise<({ name: string; sheets: SheetTexts[] } | { name: string; error: string })[]> {
  const answer = await parse('xlsxStack', data, maxInflatedBytes, { maxEntryInflatedBytes: maxEachInflatedBytes })
  if (answer.kind !== 'xlsxStack') return []
  return answer.files.map((f) => ('sheets' in f ? f : { name: f.name, error: MESSAGES.xlsx[f.problem](megabytes(maxEachInflatedBytes)) }))
}
