import path from 'node:path'
import { stripControlText } from '../../lib/control-text'
import { readDocxText, UploadParseError } from '../../lib/parsing'

export type ReportReadErrorKind = 'unsupported' | 'unreadable' | 'too_large'

export class ReportReadError extends Error {
  constructor(
    message: string,
    public readonly kind: ReportReadErrorKind,
  ) {
    super(message)
    this.name = 'ReportReadError'
  }
}

/** Largest size a .docx may inflate to (counted from its real bytes); a real report is well under 1 MB. */
const MAX_DOCX_INFLATED_BYTES = 20 * 1024 * 1024

/** Longest text a report may have: a county bureau's annual report runs to a few ten thousand characters at most. */
const MAX_REPORT_CHARS = 200_000

/** Reads an uploaded annual report into plain text with '\n' line ends. */
export async function readReport(buffer: Buffer, filename: string): Promise<string> {
  const ext = path.extname(filename).toLowerCase()
  if (ext !== '.txt' && ext !== '.docx') {
    throw new ReportReadError('不支持的文件类型：仅支持 .txt 和 .docx', 'unsupported')
  }
  if (buffer.length === 0) throw new ReportReadError('文件为空', 'unreadable')

  const raw = ext === '.txt' ? decodeText(buffer) : await docxText(buffer)
  // A report is a document, not a field someone typed: its control and direction characters (the text
  // guard's rule; Word keeps direction marks around runs of mixed scripts, old files carry form feeds)
  // are dropped, not the report refused, which the bureau could not fix by reading it; the words stay.
  const text = stripControlText(raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'))
  if (text.trim() === '') throw new ReportReadError('文件中没有可读取的文字', 'unreadable')
  // Reading what a report states runs in the request thread, in time proportional to its length.
  if (text.length > MAX_REPORT_CHARS) throw new ReportReadError(`报告超过 ${MAX_REPORT_CHARS / 10_000} 万字，不是一份年度报告，无法导入`, 'too_large')
  return text
}

function decodeText(buffer: Buffer): string {
  let text: string
  let lenient = true
  if (buffer[0] === 0xff && buffer[1] === 0xfe) text = new TextDecoder('utf-16le').decode(buffer)
  else if (buffer[0] === 0xfe && buffer[1] === 0xff) text = new TextDecoder('utf-16be').decode(buffer)
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(buffer)
      lenient = false
    } catch {
      // Reports saved by older Chinese Windows editors are GBK; GB18030 is its superset.
      text = new TextDecoder('gb18030').decode(buffer)
    }
  }
  // GB18030 decodes almost any byte soup, so a binary file shows up as control or replacement characters.
  if (/[^\P{Cc}\t\n\v\f\r]/u.test(text) || (lenient && text.includes('\ufffd'))) {
    throw new ReportReadError('无法识别文件内容：请上传 UTF-8 或 GBK 编码的文本文件', 'unreadable')
  }
  return text
}

/** The text of a .docx, read in the upload parser's worker (its real inflated size bounded first). */
async function docxText(buffer: Buffer): Promise<string> {
  try {
    return await readDocxText(buffer, MAX_DOCX_INFLATED_BYTES)
  } catch (err) {
    if (err instanceof UploadParseError) throw new ReportReadError(err.message, err.problem === 'tooLarge' ? 'too_large' : 'unreadable')
    throw err
  }
}
