import { BUREAU_ANSWER_STATUSES, can, OFFICE_COMMENT_STATUSES, type SubmissionDetail } from '@fazhi/shared'
import { useMemo } from 'react'
import { useCurrentUser } from '../auth/session'

/** What the user may do with a submission's comments: the same rules the server applies. */
export interface CommentScope {
  submissionId: number
  /** The office starts threads while reviewing (submitted) or after returning the report. */
  mayStart: boolean
  /** The office follows up, the bureau answers. */
  mayReply: boolean
}

export function useCommentScope(detail: Pick<SubmissionDetail, 'id' | 'status' | 'locked'>): CommentScope {
  const user = useCurrentUser()
  const { id, status, locked } = detail
  return useMemo(() => {
    const office = can(user, 'review')
    const mayStart = office && !locked && OFFICE_COMMENT_STATUSES.includes(status)
    const mayAnswer = !office && can(user, 'editBusiness') && !locked && BUREAU_ANSWER_STATUSES.includes(status)
    return { submissionId: id, mayStart, mayReply: mayStart || mayAnswer }
  }, [user, id, status, locked])
}
