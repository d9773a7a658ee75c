import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

const root = path.resolve(import.meta.dirname, '../../..')
const cli = path.join(root, 'server/src/features/imports/cli.ts')
const fixtures = path.join(root, 'tests/fixtures/reports')
const tmp = mkdtempSync(path.join(tmpdir(), 'fazhi-extract-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

const run = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], { cwd: root, encoding: 'utf8' })

describe('extract CLI', () => {
  it('prints the extraction of a .docx report as JSON without offsets', () => {
    const res = run(path.join(fixtures, 'xixia-kjj-2023.docx'))
    expect(res.stderr).toBe('')
    expect(res.status).toBe(0)
    const out = JSON.parse(res.stdout)
    expect(Object.keys(out)).toEqual(['year', 'bureau', 'sections', 'values', 'problems'])
    expect(out.year).toBe(2023)
    expect(out.bureau).toBe('西峡县科技局')
    expect(out.sections).toEqual({ measures: true, shortcomings: true, dutyPerformance: true, nextYearPlan: true, other: false })
    expect(out.values).toContainEqual({
      indicator: 'publicity.people_reached',
      value: 300,
      approx: true,
      quote: expect.stringContaining('覆盖企业300余家'),
    })
    for (const value of out.values) expect(Object.keys(value)).toEqual(['indicator', 'value', 'approx', 'quote'])
    expect(out.problems).toHaveLength(2)
    for (const problem of out.problems) expect(Object.keys(problem)).toEqual(['text'])
    expect(res.stdout).toContain('\n  "year": 2023')
  })

  it('reads a GBK text report', () => {
    const res = run(path.join(fixtures, 'xinye-scjgj-2022-gbk.txt'))
    expect(res.status).toBe(0)
    expect(JSON.parse(res.stdout).bureau).toBe('新野县市场监督管理局')
  })

  it.each([
    ['a PNG renamed to .docx', 'image.docx', Buffer.from('89504e470d0a1a0a0000000d4948445200000001', 'hex')],
    ['an empty file', 'empty.txt', Buffer.alloc(0)],
    ['an unsupported type', 'report.pdf', Buffer.from('%PDF-1.7')],
  ])('exits 2 on %s', (_, name, content) => {
    const file = path.join(tmp, name)
    writeFileSync(file, content)
    const res = run(file)
    expect(res.status).toBe(2)
    expect(res.stdout).toBe('')
    expect(res.stderr.trim()).not.toBe('')
  })

  it('exits 2 on a missing file', () => {
    const res = run(path.join(tmp, 'missing.txt'))
    expect(res.status).toBe(2)
    expect(res.stderr).toContain('无法打开文件')
  })
})
