import { threadsOf } from '@fazhi/shared'
import { useQuery } from '@tanstack/react-query'
import { useMemo } from 'react'
import { useFileNames } from '../evidence/queries'
import { CommentLine } from './CommentThread'
import { commentsQuery } from './queries'
import { targetLabel } from './targets'

/** Under a return in the 流转记录: the comments sent with it, each with its answers (given then or later). */
export function ReturnComments({ submissionId, eventId, indicatorNames }: { submissionId: number; eventId: number; indicatorNames: ReadonlyMap<string, string> }) {
  const comments = useQuery(commentsQuery(submissionId))
  const fileNames = useFileNames(submissionId)
  const threads = useMemo(() => threadsOf(comments.data ?? []).filter((t) => t.root.eventId === eventId), [comments.data, eventId])
  if (!threads.length) return null
  return (
    <div className="comment-history" data-history-comments={eventId}>
      <div>批注 {threads.length} 条：</div>
      {threads.map(({ root, replies }) => (
        <div key={root.id} className="comment-thread">
          <div className="comment-meta">关于{targetLabel(root, indicatorNames, fileNames)}</div>
          <CommentLine comment={root} />
          {replies.map((reply) => (
            <div key={reply.id} className="comment-reply">
              <CommentLine comment={reply} />
            </div>
          ))}
        </div>
      ))}
    </div>
  )
}
