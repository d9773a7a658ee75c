import { describe, expect, it } from 'vitest'
import { cyclePhase, nextCycleYear } from '../../../client/src/features/cycles/cycles'

describe('reporting cycles', () => {
  it('suggests the year after the latest cycle, or the current year', () => {
    expect(nextCycleYear([{ year: 2025 }, { year: 2026 }])).toBe(2027)
    expect(nextCycleYear([], new Date('2026-05-01T00:00:00Z'))).toBe(2026)
  })

  it('tells locked, open and past-due cycles apart', () => {
    expect(cyclePhase({ locked: true, due: true })).toBe('locked')
    expect(cyclePhase({ locked: false, due: true })).toBe('due')
    expect(cyclePhase({ locked: false, due: false })).toBe('open')
  })
})
