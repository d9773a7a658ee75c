import { CommentCreateBody, commentTargetKey, threadsOf, type ReviewComment } from '@fazhi/shared'
import { describe, expect, it } from 'vitest'

const comment = (id: number, replyTo: number | null, target: Partial<ReviewComment> = {}): ReviewComment => ({
  id,
  submissionId: 1,
  indicator: null,
  ledgerType: null,
  ledgerId: null,
  fileId: null,
  replyTo,
  text: `批注 ${id}`,
  author: null,
  authorSide: replyTo === null ? 'office' : 'bureau',
  at: '2027-02-10T02:00:00.000Z',
  sent: true,
  eventId: 7,
  ...target,
})

describe('批注: threads and targets', () => {
  it('groups replies under the comment they answer, oldest first, whatever order they arrive in', () => {
    const threads = threadsOf([comment(5, 2), comment(2, null), comment(3, null), comment(4, 2)])
    expect(threads.map((t) => [t.root.id, t.replies.map((r) => r.id)])).toEqual([
      [2, [4, 5]],
      [3, []],
    ])
  })

  it('names each kind of target by one key', () => {
    expect(commentTargetKey(comment(1, null, { indicator: 'lead.topic_meetings' }))).toBe('indicator:lead.topic_meetings')
    expect(commentTargetKey(comment(1, null, { ledgerType: 'study-sessions', ledgerId: 9 }))).toBe('ledger:study-sessions:9')
    expect(commentTargetKey(comment(1, null, { fileId: 3 }))).toBe('file:3')
    expect(commentTargetKey(comment(1, null))).toBe('report')
  })

  it('takes a trimmed text of 1–1000 characters about at most one target; a reply names none', () => {
    expect(CommentCreateBody.parse({ submissionId: 1, indicator: 'lead.topic_meetings', text: '  请核对  ' }).text).toBe('请核对')
    const refused = [
      { submissionId: 1, text: '   ' },
      { submissionId: 1, text: '长'.repeat(1001) },
      { submissionId: 1, indicator: 'lead.topic_meetings', fileId: 2, text: '两个对象' },
      { submissionId: 1, ledgerType: 'study-sessions', text: '缺少记录' },
      { submissionId: 1, replyTo: 3, fileId: 2, text: '回复另指对象' },
    ]
    for (const body of refused) expect(CommentCreateBody.safeParse(body).success, JSON.stringify(body).slice(0, 80)).toBe(false)
    expect(CommentCreateBody.safeParse({ submissionId: 1, replyTo: 3, text: '已补充' }).success).toBe(true)
  })
})
