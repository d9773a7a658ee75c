import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { Annotation, evaluateDirectory, evaluateReport, formatEvaluation } from '../../../server/src/features/imports/evaluate'
import { annotationOf, inventedReport, writeAnnotated } from '../../helpers/annotated-report'

const tmp = mkdtempSync(path.join(tmpdir(), 'fazhi-evaluate-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

const BUREAU = '山阳县农业农村局'
const text = inventedReport(BUREAU, 2024, ['组织干部职工参加法律知识考试，参考率100%。', '围绕民法典开展普法宣传活动8场。'])
const STATED = { 'study.exam_participation_rate': 100, 'publicity.events': 8 }

describe('evaluateReport', () => {
  it('counts a value stated and read as correct, and nothing wrong or missed', () => {
    const r = evaluateReport('a.txt', text, annotationOf(BUREAU, 2024, { values: STATED }))
    expect(r).toEqual({
      file: 'a.txt',
      bureauType: '农业农村局',
      annotated: 2,
      proposed: 2,
      correct: 2,
      wrong: [],
      missed: [],
      structureWrong: [],
    })
  })

  it('compares year, bureau, each of the five contents and the problem count with the annotation', () => {
    const annotation = annotationOf(BUREAU, 2023, {
      bureau: '山阳县农业局',
      sections: { measures: true, shortcomings: true, dutyPerformance: false, nextYearPlan: true, other: true },
      problems: 3,
      values: STATED,
    })
    expect(evaluateReport('a.txt', text, annotation).structureWrong).toEqual([
      { field: 'year', expected: 2023, got: 2024 },
      { field: 'bureau', expected: '山阳县农业局', got: BUREAU },
      { field: 'sections.dutyPerformance', expected: false, got: true },
      { field: 'sections.other', expected: true, got: false },
      { field: 'problems', expected: 3, got: 2 },
    ])
  })

  it('compares yes/no values as 1 and 0', () => {
    const r = evaluateReport('a.txt', text, annotationOf(BUREAU, 2024, {
      values: { ...STATED, 'review.legal_advisor': true, 'lead.report_published': false },
    }))
    expect(r.annotated).toBe(4)
    expect(r.missed).toEqual([
      { indicator: 'review.legal_advisor', expected: 1 },
      { indicator: 'lead.report_published', expected: 0 },
    ])
  })

  it('takes a proposal for an indicator the annotation leaves out as wrong, with its sentence', () => {
    const r = evaluateReport('a.txt', text, annotationOf(BUREAU, 2024, { values: { 'publicity.events': 8 } }))
    expect(r.correct).toBe(1)
    expect(r.wrong).toEqual([
      { indicator: 'study.exam_participation_rate', proposed: 100, expected: null, quote: '组织干部职工参加法律知识考试，参考率100%。' },
    ])
  })
})

describe('evaluateDirectory', () => {
  it('sums precision and recall over the reports and ignores texts without an annotation', async () => {
    const dir = path.join(tmp, 'two')
    // Report a: both values read, and one more annotated that nothing reads → 2 of 3.
    writeAnnotated(dir, 'a', text, annotationOf(BUREAU, 2024, { values: { ...STATED, 'study.center_group_sessions': 3 } }))
    // Report b: its one value read but annotated otherwise → 0 of 1, one wrong.
    const other = '平川区卫生健康委员会'
    writeAnnotated(dir, 'b', inventedReport(other, 2023, ['深入社区开展法治宣讲6场。']), annotationOf(other, 2023, {
      bureauType: '卫健委',
      values: { 'publicity.events': 7 },
    }))
    writeFileSync(path.join(dir, 'c.txt'), text)

    const e = await evaluateDirectory(dir)
    expect(e.reports.map((r) => r.file)).toEqual(['a.txt', 'b.txt'])
    expect(e).toMatchObject({ annotated: 4, proposed: 3, correct: 2, wrong: 1, structureFields: 16, structureRight: 16 })
    expect(e.precision).toBeCloseTo(2 / 3)
    expect(e.recall).toBe(0.5)
    const printed = formatEvaluation(e)
    expect(printed).toContain('报告 2 份（2 类单位）')
    expect(printed).toContain('精确率 precision 66.7% (2/3)')
    expect(printed).toContain('召回率 recall 50.0% (2/4)')
    expect(printed).toContain('错误值 wrong values 1')
  })

  it('counts a directory without any annotation as nothing proposed and nothing missed', async () => {
    const dir = path.join(tmp, 'unannotated')
    writeAnnotated(dir, 'only-text', text, annotationOf(BUREAU, 2024))
    rmSync(path.join(dir, 'only-text.json'))
    expect(await evaluateDirectory(dir)).toMatchObject({ reports: [], precision: 1, recall: 1, structureFields: 0 })
  })
})

describe('Annotation', () => {
  it('refuses an indicator code the catalog does not have, so a typo is not counted as missed', () => {
    const annotation = { ...annotationOf(BUREAU, 2024, { values: STATED }), values: { 'publicity.event': 8 } }
    expect(Annotation.safeParse(annotation).success).toBe(false)
    expect(Annotation.safeParse(annotationOf(BUREAU, 2024, { values: STATED })).success).toBe(true)
  })
})
