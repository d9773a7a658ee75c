/**
 * Prints what the importer reads from one annual report.
 * Usage: npm run -s extract -- <file.txt|file.docx>
 *        npm run -s extract -- --eval <dir>   (precision, recall and every wrong value against annotations)
 * Exit codes: 0 read (and, with --eval, no wrong value), 1 --eval found a wrong value,
 * 2 the file or directory is missing, unsupported or unreadable.
 */
import { readFile } from 'node:fs/promises'
import { ZodError } from 'zod'
import { evaluateDirectory, formatEvaluation } from './evaluate'
import { extractReport } from './extract'
import { ReportReadError, readReport } from './readers'

async function evaluate(dir: string | undefined): Promise<number> {
  if (!dir) {
    process.stderr.write('用法：npm run -s extract -- --eval <标注目录>\n')
    return 2
  }
  try {
    const evaluation = await evaluateDirectory(dir)
    process.stdout.write(formatEvaluation(evaluation))
    return evaluation.wrong > 0 ? 1 : 0
  } catch (err) {
    if (err instanceof ReportReadError) process.stderr.write(`${err.message}\n`)
    else if (err instanceof ZodError || err instanceof SyntaxError) process.stderr.write(`标注文件格式错误：${err.message}\n`)
    else if ((err as NodeJS.ErrnoException).code) process.stderr.write(`无法打开目录：${dir}\n`)
    else throw err
    return 2
  }
}

async function main(file: string | undefined): Promise<number> {
  if (file === '--eval') return evaluate(process.argv[3])
  if (!file) {
    process.stderr.write('用法：npm run -s extract -- <报告文件.txt|.docx>\n       npm run -s extract -- --eval <标注目录>\n')
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
  const { year, bureau, sections, values, unresolved, problems } = extractReport(text)
  const output = {
    year,
    bureau,
    sections,
    values: values.map(({ indicator, value, approx, quote, confidence }) => ({ indicator, value, approx, quote, confidence })),
    problems: problems.map(({ text: problem }) => ({ text: problem })),
    unresolved: unresolved.map(({ quote, candidates, reason }) => ({ quote, candidates, reason })),
  }
  process.stdout.write(`${JSON.stringify(output, null, 2)}\n`)
  return 0
}

process.exitCode = await main(process.argv[2])
