import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { annotationOf, inventedReport, writeAnnotated } from '../../helpers/annotated-report'

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
    expect(Object.keys(out)).toEqual(['year', 'bureau', 'sections', 'values', 'problems', 'unresolved'])
    expect(out.year).toBe(2023)
    expect(out.bureau).toBe('西峡县科技局')
    expect(out.sections).toEqual({ measures: true, shortcomings: true, dutyPerformance: true, nextYearPlan: true, other: false })
    expect(out.values).toContainEqual({
      indicator: 'publicity.people_reached',
      value: 300,
      approx: true,
      quote: expect.stringContaining('覆盖企业300余家'),
      confidence: expect.stringMatching(/^(certain|uncertain)$/),
    })
    for (const value of out.values) expect(Object.keys(value)).toEqual(['indicator', 'value', 'approx', 'quote', 'confidence'])
    expect(out.problems).toHaveLength(2)
    for (const problem of out.problems) expect(Object.keys(problem)).toEqual(['text'])
    expect(out.unresolved).toBeInstanceOf(Array)
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

describe('extract CLI --eval', () => {
  const BUREAU = '山阳县农业农村局'
  const EVENTS = '围绕民法典开展普法宣传活动8场。'
  const text = inventedReport(BUREAU, 2024, ['组织干部职工参加法律知识考试，参考率100%。', EVENTS])
  const STATED = { 'study.exam_participation_rate': 100, 'publicity.events': 8 }
  let dirs = 0
  /** A fresh directory holding the invented report with the given annotation. */
  const corpus = (annotation: Parameters<typeof writeAnnotated>[3]) => {
    const dir = path.join(tmp, `eval-${++dirs}`)
    writeAnnotated(dir, 'shanyang-nyncj-2024', text, annotation)
    return dir
  }

  it('exits 0 and prints precision and recall when every value is right', () => {
    const res = run('--eval', corpus(annotationOf(BUREAU, 2024, { values: STATED })))
    expect(res.stderr).toBe('')
    expect(res.status).toBe(0)
    expect(res.stdout).toContain('精确率 precision 100.0% (2/2)')
    expect(res.stdout).toContain('召回率 recall 100.0% (2/2)')
    expect(res.stdout).toContain('错误值 wrong values 0')
    expect(res.stdout).toContain('结构字段 structure 8/8')
    expect(res.stdout).not.toContain('■')
  })

  it('exits 1 on a wrong value and names the indicator, both values and the sentence', () => {
    const res = run('--eval', corpus(annotationOf(BUREAU, 2024, { values: { ...STATED, 'publicity.events': 9 } })))
    expect(res.status).toBe(1)
    expect(res.stdout).toContain('■ shanyang-nyncj-2024.txt（农业农村局）')
    expect(res.stdout).toContain(`错误值 publicity.events = 8，应为 9\n    “${EVENTS}”`)
    expect(res.stdout).toContain('精确率 precision 50.0% (1/2)')
    expect(res.stdout).toContain('错误值 wrong values 1')
  })

  it('lists a missed value as 漏读 and still exits 0', () => {
    const res = run('--eval', corpus(annotationOf(BUREAU, 2024, { values: { ...STATED, 'study.center_group_sessions': 4 } })))
    expect(res.status).toBe(0)
    expect(res.stdout).toContain('漏读 study.center_group_sessions = 4')
    expect(res.stdout).toContain('召回率 recall 66.7% (2/3)')
  })

  it.each([
    ['bad JSON', '{"source": "x",'],
    ['a schema error', JSON.stringify({ ...annotationOf(BUREAU, 2024, { values: STATED }), year: '2024年' })],
    ['an unknown field', JSON.stringify({ ...annotationOf(BUREAU, 2024, { values: STATED }), county: '山阳县' })],
  ])('exits 2 with 标注文件格式错误 on %s', (_, annotation) => {
    const res = run('--eval', corpus(annotation))
    expect(res.status).toBe(2)
    expect(res.stdout).toBe('')
    expect(res.stderr).toContain('标注文件格式错误')
  })

  it('exits 2 on a missing directory', () => {
    const res = run('--eval', path.join(tmp, 'no-such-dir'))
    expect(res.status).toBe(2)
    expect(res.stdout).toBe('')
    expect(res.stderr).toContain('无法打开目录')
  })

  it('exits 2 without a directory', () => {
    const res = run('--eval')
    expect(res.status).toBe(2)
    expect(res.stderr).toContain('用法')
  })
})
