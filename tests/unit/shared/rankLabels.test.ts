import { rankChangeLabel, rankLabel } from '@fazhi/shared'
import { describe, expect, it } from 'vitest'

describe('a rank and its change as pages and exports show them', () => {
  it('marks a shared rank 并列, and only a shared one', () => {
    expect(rankLabel(3, true)).toBe('3（并列）')
    expect(rankLabel(3, false)).toBe('3')
    // A version published before ties were shared carries no `tied`: no 并列.
    expect(rankLabel(3, undefined)).toBe('3')
  })

  it('tells 持平 from 上年未排名 and 未排名, in words', () => {
    expect(rankChangeLabel(4, 0)).toBe('持平')
    expect(rankChangeLabel(4, null)).toBe('上年未排名')
    expect(rankChangeLabel(null, null)).toBe('未排名')
    expect(new Set([rankChangeLabel(4, 0), rankChangeLabel(4, null), rankChangeLabel(null, null)]).size).toBe(3)
  })

  it('shows places gained and lost with their arrows', () => {
    expect(rankChangeLabel(2, 3)).toBe('▲ 3')
    expect(rankChangeLabel(9, -1)).toBe('▼ 1')
  })
})
