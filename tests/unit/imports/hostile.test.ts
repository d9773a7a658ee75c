import { describe, expect, it } from 'vitest'
import { extractReport } from '../../../server/src/features/imports/extract'
import { HOSTILE_REPORTS } from '../../fixtures/hostile-reports'

// How long each takes is measured in `npm run bench`, never here: these only check that the
// reader comes back from the largest texts it accepts, with an answer of the right shape.
describe('extractReport on hostile texts of 200,000 characters', () => {
  it.each(HOSTILE_REPORTS)('returns on $kind', ({ text }) => {
    expect(text.length).toBeGreaterThan(190_000)
    const extraction = extractReport(text)
    expect(Array.isArray(extraction.values)).toBe(true)
    expect(Array.isArray(extraction.unresolved)).toBe(true)
  })

  it('leaves contradicting sentences to the reviewer, each once', () => {
    const { text } = HOSTILE_REPORTS.find((h) => h.kind === 'contradicting sentences')!
    const { values, unresolved } = extractReport(text)
    const sentences = text.split('。').filter((s) => s.length > 0)
    expect(values).toEqual([])
    expect(unresolved).toHaveLength(sentences.length)
    expect(new Set(unresolved.map((u) => u.start)).size).toBe(sentences.length)
  })
})
