import { COMMENT_TEXT_MAX, commentTargetKey, threadsOf, type CommentThreadOf, type LedgerType, type ReviewComment } from '@fazhi/shared'
import { useQuery } from '@tanstack/react-query'
import { App, Button, Input, Space, Tag, Typography } from 'antd'
import { useMemo, useState } from 'react'
import { errorMessage } from '../../components/ErrorState'
import { formatDateTime } from '../../lib/format'
import { commentsQuery, useAddComment } from './queries'
import type { CommentScope } from './scope'
import './comments.css'

/** What a thread is about; nothing named: the report as a whole. */
export interface CommentTargetInput {
  indicator?: string
  ledgerType?: LedgerType
  ledgerId?: number
  fileId?: number
}

const keyOf = (t: CommentTargetInput) =>
  commentTargetKey({ indicator: t.indicator ?? null, ledgerType: t.ledgerType ?? null, ledgerId: t.ledgerId ?? null, fileId: t.fileId ?? null })

/** The threads about one target, read from the submission's comments (one request for the whole page). */
export function useTargetThreads(submissionId: number, target: CommentTargetInput): CommentThreadOf[] {
  const comments = useQuery(commentsQuery(submissionId))
  const key = keyOf(target)
  return useMemo(() => threadsOf((comments.data ?? []).filter((c) => commentTargetKey(c) === key)), [comments.data, key])
}

/**
 * 批注 on any target (a value, a ledger row, a file, the report): the office's comments with an orange
 * marker and their answers; the office adds one while reviewing, the bureau answers while it may.
 */
export function CommentThread({ scope, target, caption }: { scope: CommentScope; target: CommentTargetInput; caption?: string }) {
  const threads = useTargetThreads(scope.submissionId, target)
  const [adding, setAdding] = useState(false)
  if (!threads.length && !scope.mayStart) return null
  return (
    <div className="comment-box" data-comment-target={keyOf(target)}>
      <Space size={8}>
        {caption && <b>{caption}</b>}
        {threads.length > 0 && <Tag color="orange">批注 {threads.length}</Tag>}
        {scope.mayStart && !adding && (
          <Typography.Link className="comment-add" onClick={() => setAdding(true)}>
            添加批注
          </Typography.Link>
        )}
      </Space>
      {threads.map((thread) => (
        <Thread key={thread.root.id} thread={thread} scope={scope} />
      ))}
      {adding && <CommentInput submissionId={scope.submissionId} body={target} placeholder="写下需要单位核实或修改的内容" onDone={() => setAdding(false)} />}
    </div>
  )
}

function Thread({ thread, scope }: { thread: CommentThreadOf; scope: CommentScope }) {
  const [replying, setReplying] = useState(false)
  return (
    <div className="comment-thread" data-comment-id={thread.root.id}>
      <CommentLine comment={thread.root} />
      {thread.replies.map((reply) => (
        <div key={reply.id} className="comment-reply">
          <CommentLine comment={reply} />
        </div>
      ))}
      {scope.mayReply && !replying && (
        <Typography.Link className="comment-reply-link" onClick={() => setReplying(true)}>
          回复
        </Typography.Link>
      )}
      {replying && (
        <div className="comment-reply">
          <CommentInput submissionId={scope.submissionId} body={{ replyTo: thread.root.id }} placeholder="回复这条批注" onDone={() => setReplying(false)} />
        </div>
      )}
    </div>
  )
}

/** One comment: who (the office or the bureau), when, what; an office comment not yet sent says so. */
export function CommentLine({ comment }: { comment: ReviewComment }) {
  return (
    <div className="comment-line" data-comment-side={comment.authorSide}>
      <span className="comment-meta">
        {comment.authorSide === 'office' ? '依法治县办' : '单位回复'}
        {comment.author && `（${comment.author}）`} {formatDateTime(comment.at)}
        {!comment.sent && <Tag className="comment-unsent">未发送，退回时一并发给单位</Tag>}
      </span>
      <div className="comment-text">{comment.text}</div>
    </div>
  )
}

/** The text box of a new comment or reply. A refusal keeps what was typed. */
function CommentInput({ submissionId, body, placeholder, onDone }: { submissionId: number; body: CommentTargetInput & { replyTo?: number }; placeholder: string; onDone: () => void }) {
  const { message } = App.useApp()
  const add = useAddComment()
  const [text, setText] = useState('')
  const send = async () => {
    try {
      await add.mutateAsync({ submissionId, ...body, text })
      onDone()
    } catch (err) {
      message.error(errorMessage(err))
    }
  }
  return (
    <div className="comment-input">
      <Input.TextArea autoFocus rows={2} maxLength={COMMENT_TEXT_MAX} value={text} onChange={(e) => setText(e.target.value)} placeholder={placeholder} aria-label={placeholder} />
      <Space size={8}>
        <Button size="small" type="primary" disabled={!text.trim()} loading={add.isPending} onClick={send}>
          发送
        </Button>
        <Button size="small" onClick={onDone}>
          取消
        </Button>
      </Space>
    </div>
  )
}
