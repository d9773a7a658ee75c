import { describe, expect, it } from 'vitest'
import { cyclePhase, deadlineProblem, defaultDeadlines, nextCycleYear } from '../../../client/src/features/cycles/cycles'

describe('reporting cycles', () => {
  it('defaults to 1 March and 1 April of the following year', () => {
    expect(defaultDeadlines(2026)).toEqual({ dueDate: '2027-03-01', publishDeadline: '2027-04-01' })
    expect(nextCycleYear([{ year: 2025 }, { year: 2026 }])).toBe(2027)
    expect(nextCycleYear([], new Date('2026-05-01T00:00:00Z'))).toBe(2026)
  })

  it('refuses what the server refuses', () => {
    expect(deadlineProblem(2026, '2026-12-31', '2027-04-01')).toBe('上报截止日期应在 2026 年之后')
    expect(deadlineProblem(2026, '2027-03-01', '2027-02-28')).toBe('公开截止日期不能早于上报截止日期')
    expect(deadlineProblem(2026, '2027-03-01', '2027-03-01')).toBeNull()
  })

  it('tells locked, open and past-due cycles apart', () => {
    expect(cyclePhase({ locked: true, due: true })).toBe('locked')
    expect(cyclePhase({ locked: false, due: true })).toBe('due')
    expect(cyclePhase({ locked: false, due: false })).toBe('open')
  })
})
