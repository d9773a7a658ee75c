import { formatBytes, isPreviewable, missingEvidence } from '@fazhi/shared'
import { describe, expect, it } from 'vitest'

describe('evidence files', () => {
  it('previews only PDF and images, and writes sizes as people read them', () => {
    expect(['application/pdf', 'image/png', 'image/webp'].every(isPreviewable)).toBe(true)
    expect(isPreviewable('application/vnd.openxmlformats-officedocument.wordprocessingml.document')).toBe(false)
    expect([formatBytes(512), formatBytes(35 * 1024), formatBytes(1.25 * 1024 * 1024)]).toEqual(['512 B', '35 KB', '1.3 MB'])
  })
})

describe('missingEvidence', () => {
  const base = { kind: 'count' as const, enforcementOnly: false, appliesTo: null, rule: { kind: 'attainment' as const } }
  const indicators = [
    { ...base, code: 'a', evidenceRequired: true },
    { ...base, code: 'b', evidenceRequired: true },
    { ...base, code: 'c', evidenceRequired: false },
    { ...base, code: 'd', evidenceRequired: true, enforcementOnly: true },
  ]
  const value = (v: number | null, notApplicable = false) => ({ value: v, notApplicable })

  it('names filled values that require evidence and have no file; not 不适用, empty, optional or inapplicable ones', () => {
    const values = new Map([['a', value(3)], ['b', value(null, true)], ['c', value(1)], ['d', value(2)]])
    expect(missingEvidence(indicators, values, { hasEnforcement: false }, new Set()).map((i) => i.code)).toEqual(['a'])
    expect(missingEvidence(indicators, values, { hasEnforcement: true }, new Set(['a'])).map((i) => i.code)).toEqual(['d'])
    expect(missingEvidence(indicators, new Map(), { hasEnforcement: true }, new Set())).toEqual([])
  })
})
