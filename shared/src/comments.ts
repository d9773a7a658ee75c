import { z } from 'zod'
import type { SubmissionStatus } from './constants'
import { LEDGER_TYPES } from './ledgers'
import { QueryRowId, RowId } from './schemas'

/**
 * Reviewers' comments (批注). The office comments on a report, a value, a ledger row or an evidence
 * file while reviewing; its comments reach the bureau with the next return. The bureau answers each
 * (a reply in the comment's thread); nothing is edited or deleted, so the threads are the history.
 */

export const COMMENT_TEXT_MAX = 1000
export const COMMENT_SIDES = ['office', 'bureau'] as const
export type CommentSide = (typeof COMMENT_SIDES)[number]

/**
 * While the office may comment: a submitted report (the comment waits for the return) and a returned
 * one (the comment joins the return the bureau is answering, at once).
 */
export const OFFICE_COMMENT_STATUSES: readonly SubmissionStatus[] = ['submitted', 'returned']
/** While the bureau may answer: a returned report, and after resubmitting it, until it is approved. */
export const BUREAU_ANSWER_STATUSES: readonly SubmissionStatus[] = ['returned', 'submitted']

export const OFFICE_COMMENT_REFUSAL = '只能在审核中（已上报）或已退回的填报上添加批注'
export const BUREAU_ANSWER_REFUSAL = '只能在填报退回后或重新上报后、审核通过前回复批注'

export const ReviewComment = z.object({
  id: z.number().int(),
  submissionId: z.number().int(),
  /** What it is about; all null: the report as a whole. A reply carries its thread's target. */
  indicator: z.string().nullable(),
  ledgerType: z.enum(LEDGER_TYPES).nullable(),
  ledgerId: z.number().int().nullable(),
  fileId: z.number().int().nullable(),
  /** The thread's first comment; null: this one starts a thread. */
  replyTo: z.number().int().nullable(),
  text: z.string(),
  /** The author's display name. */
  author: z.string().nullable(),
  authorSide: z.enum(COMMENT_SIDES),
  at: z.string(),
  /** An office comment went to the bureau with a return; a bureau answer is always sent. */
  sent: z.boolean(),
  /** The return (review history step) an office comment was sent with. */
  eventId: z.number().int().nullable(),
})
export type ReviewComment = z.infer<typeof ReviewComment>

export const CommentList = z.array(ReviewComment)

export const CommentListQuery = z.object({ submissionId: QueryRowId })

export const CommentCreateBody = z
  .object({
    submissionId: RowId,
    indicator: z.string().min(1).max(100).optional(),
    ledgerType: z.enum(LEDGER_TYPES).optional(),
    ledgerId: RowId.optional(),
    fileId: RowId.optional(),
    /** Answers (or follows up on) the thread this comment starts. */
    replyTo: RowId.optional(),
    text: z.string().trim().min(1, '请填写批注内容').max(COMMENT_TEXT_MAX, `批注不能超过 ${COMMENT_TEXT_MAX} 字`),
  })
  .superRefine((body, ctx) => {
    if ((body.ledgerType === undefined) !== (body.ledgerId === undefined))
      ctx.addIssue({ code: 'custom', message: '台账批注须同时指明台账类型和记录', path: ['ledgerId'] })
    const targets = [body.indicator, body.ledgerType, body.fileId].filter((t) => t !== undefined).length
    if (targets > 1) ctx.addIssue({ code: 'custom', message: '一条批注只能针对一个对象（指标、台账记录或材料）', path: ['indicator'] })
    if (targets > 0 && body.replyTo !== undefined) ctx.addIssue({ code: 'custom', message: '回复沿用原批注的对象，不能另行指定', path: ['replyTo'] })
  })
export type CommentCreateBody = z.infer<typeof CommentCreateBody>

export type CommentTarget = Pick<ReviewComment, 'indicator' | 'ledgerType' | 'ledgerId' | 'fileId'>

/** One key per thing a comment can be about: the client groups comments by it. */
export function commentTargetKey(t: CommentTarget): string {
  if (t.indicator !== null) return `indicator:${t.indicator}`
  if (t.ledgerType !== null) return `ledger:${t.ledgerType}:${t.ledgerId}`
  if (t.fileId !== null) return `file:${t.fileId}`
  return 'report'
}

export interface CommentThreadOf {
  root: ReviewComment
  replies: ReviewComment[]
}

/** The threads among `comments`, oldest first, each with its replies in order. */
export function threadsOf(comments: readonly ReviewComment[]): CommentThreadOf[] {
  const threads = new Map<number, CommentThreadOf>()
  for (const c of [...comments].sort((a, b) => a.id - b.id)) {
    if (c.replyTo === null) threads.set(c.id, { root: c, replies: [] })
    else threads.get(c.replyTo)?.replies.push(c)
  }
  return [...threads.values()]
}
