import { chinaDate, chinaDateTime, chinaDateTimeSeconds, chinaInstant, endOfChinaDay, startOfChinaDay } from '@fazhi/shared'
import { describe, expect, it } from 'vitest'

describe('China time (UTC+8, no daylight saving time)', () => {
  it('shows an instant as China wall-clock time', () => {
    expect(chinaDateTime('2026-02-28T16:30:00.000Z')).toBe('2026-03-01 00:30')
    expect(chinaDateTime(new Date('2026-11-20T02:00:59Z'))).toBe('2026-11-20 10:00')
    expect(chinaDateTimeSeconds(new Date('2026-03-01T09:15:30Z'))).toBe('2026-03-01 17:15:30')
  })

  it('shows the China calendar date of an instant, and a calendar date as is', () => {
    expect(chinaDate(new Date('2026-02-28T15:59:59.999Z'))).toBe('2026-02-28')
    expect(chinaDate(new Date('2026-02-28T16:00:00Z'))).toBe('2026-03-01')
    expect(chinaDate('2026-06-30T20:00:00Z')).toBe('2026-07-01')
    expect(chinaDate('2026-06-30')).toBe('2026-06-30')
  })

  it('finds the instant of a China wall-clock time', () => {
    expect(chinaInstant('2026-03-01', '09:15:00').toISOString()).toBe('2026-03-01T01:15:00.000Z')
    expect(startOfChinaDay('2026-03-01').toISOString()).toBe('2026-02-28T16:00:00.000Z')
    expect(endOfChinaDay('2026-03-01').toISOString()).toBe('2026-03-01T15:59:59.999Z')
  })
})
