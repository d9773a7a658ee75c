/**
 * Prints what the importer reads from one annual report.
 * Usage: npm run -s extract -- <file.txt|file.docx>
 * Exit codes: 0 read, 2 the file is missing, unsupported or unreadable.
 */
import { readFile } from 'node:fs/promises'
import { extractReport } from './extract'
import { ReportReadError, readReport } from './readers'

async function main(file: string | undefined): Promise<number> {
  if (!file) {
    process.stderr.write('用法：npm run -s extract -- <报告文件.txt|.docx>\n')
    return 2
  }
  let text: string
  try {
    text = await readReport(await readFile(file), file)
  } catch (err) {
    if (err instanceof ReportReadError) process.stderr.write(`${err.message}\n`)
    else if ((err as NodeJS.ErrnoException).code) process.stderr.write(`无法打开文件：${file}\n`)
    else throw err
    return 2
  }
  const { year, bureau, sections, values, problems } = extractReport(text)
  const output = {
    year,
    bureau,
    sections,
    values: values.map(({ indicator, value, approx, quote }) => ({ indicator, value, approx, quote })),
    problems: problems.map(({ text: problem }) => ({ text: problem })),
  }
  process.stdout.write(`${JSON.stringify(output, null, 2)}\n`)
  return 0
}

process.exitCode = await main(process.argv[2])
