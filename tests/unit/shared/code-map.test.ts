import { carryCodes, plausibilityFlags } from '@fazhi/shared'
import { describe, expect, it } from 'vitest'

describe('carryCodes: last year’s values under a new edition’s codes', () => {
  it('carries an old code’s value to its new code, keeps the others, and prefers a value stored under the new code', () => {
    const previous = { 'study.old_sessions': 6, 'lead.topic_meetings': 2, 'x.both_old': 1, 'x.both_new': 9 }
    const map = [
      { from: 'study.old_sessions', to: 'study.new_sessions' },
      { from: 'x.both_old', to: 'x.both_new' },
      { from: 'x.missing', to: 'x.nothing' },
    ]
    expect(carryCodes(previous, map)).toEqual({ 'study.old_sessions': 6, 'study.new_sessions': 6, 'lead.topic_meetings': 2, 'x.both_old': 1, 'x.both_new': 9 })
    expect(carryCodes(previous, [])).toEqual(previous)
  })

  it('lets the year-over-year rule compare a renamed indicator with last year’s value', () => {
    const ind = { code: 'study.new_sessions', name: '学法次数', unit: '次', kind: 'count' as const, plausibleMin: 0, plausibleMax: 100, yoyMinChange: 5 }
    const values = new Map([['study.new_sessions', { value: 30, note: null }]])
    // Last year 6 under the old code: 30 is over 3× and the change (24) is at least 5 → flagged only through the map.
    expect(plausibilityFlags([ind], values, { 'study.old_sessions': 6 })).toHaveLength(0)
    expect(plausibilityFlags([ind], values, carryCodes({ 'study.old_sessions': 6 }, [{ from: 'study.old_sessions', to: 'study.new_sessions' }]))).toHaveLength(1)
  })
})
