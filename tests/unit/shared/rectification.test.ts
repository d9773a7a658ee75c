import { isVerified, rectificationStage, rectificationStageAt, rectificationStageText } from '@fazhi/shared'
import { describe, expect, it } from 'vitest'

describe('rectification stages (销号)', () => {
  const afterDeadline = new Date('2026-07-01T00:00:00+08:00')
  const onDeadlineDay = new Date('2026-06-30T23:59:00+08:00')
  const open = { status: 'in_progress', deadline: '2026-06-30', verifiedAt: null }

  it('a done item is 待销号 until the office verifies it, and only then counts as done', () => {
    const done = { status: 'done', deadline: '2026-06-30', verifiedAt: null }
    expect(rectificationStageAt(done, afterDeadline)).toBe('pending')
    expect(isVerified(done)).toBe(false)
    const verified = { ...done, verifiedAt: '2026-05-01T02:00:00.000Z' }
    expect(rectificationStageAt(verified, afterDeadline)).toBe('verified')
    expect(isVerified(verified)).toBe(true)
  })

  it('an open item is overdue once its deadline day is over; a done one waiting for verification never is', () => {
    expect(rectificationStageAt(open, onDeadlineDay)).toBe('in_progress')
    expect(rectificationStageAt(open, afterDeadline)).toBe('overdue')
    expect(rectificationStageAt({ ...open, status: 'not_started' }, onDeadlineDay)).toBe('not_started')
    expect(rectificationStage({ status: 'done', verifiedAt: null, overdue: true })).toBe('pending')
  })

  it('labels a sent-back item with the office’s reason', () => {
    expect(rectificationStageText({ ...open, returnReason: '佐证不全' }, onDeadlineDay)).toBe('整改中（退回重改：佐证不全）')
    expect(rectificationStageText({ ...open, returnReason: null }, afterDeadline)).toBe('逾期')
    expect(rectificationStageText({ status: 'done', deadline: '2026-06-30', verifiedAt: null, returnReason: null }, afterDeadline)).toBe('待销号')
  })
})
