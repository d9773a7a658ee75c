import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { evaluateDirectory, formatEvaluation, type Evaluation } from '../../../server/src/features/imports/evaluate'

// The importer against real reports annotated by hand (tests/fixtures/reports/README.md).
const corpus = path.join(import.meta.dirname, '../../fixtures/reports')

let evaluation: Evaluation
beforeAll(async () => {
  evaluation = await evaluateDirectory(corpus)
})

describe('the annotated corpus', () => {
  it('holds the reports it was built with, of many kinds of bureau', () => {
    expect(evaluation.reports.length).toBeGreaterThanOrEqual(142)
    expect(new Set(evaluation.reports.map((r) => r.bureauType)).size).toBeGreaterThanOrEqual(26)
  })

  it('proposes no wrong value', () => {
    const wrong = evaluation.reports.flatMap((r) => r.wrong.map((w) => ({ file: r.file, ...w })))
    expect(wrong, formatEvaluation(evaluation)).toEqual([])
  })

  it('finds at least 90 % of the annotated values', () => {
    expect(evaluation.recall, formatEvaluation(evaluation)).toBeGreaterThanOrEqual(0.9)
  })

  it('reads year, bureau, the five contents and the problem count right on every report', () => {
    const wrong = evaluation.reports.filter((r) => r.structureWrong.length > 0).map((r) => ({ file: r.file, fields: r.structureWrong }))
    expect(wrong).toEqual([])
  })
})
