import type { CommentCreateBody, ReviewComment } from '@fazhi/shared'
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '../../api/client'
import { entryKeys } from '../entry/queries'

export const commentKeys = {
  all: ['comments'] as const,
  list: (submissionId: number) => [...commentKeys.all, submissionId] as const,
}

/** A submission's comments (批注) the user may see, oldest first. */
export const commentsQuery = (submissionId: number) =>
  queryOptions({
    queryKey: commentKeys.list(submissionId),
    queryFn: ({ signal }) => api<ReviewComment[]>('/api/comments', { query: { submissionId }, signal }),
  })

/** Adds a comment or a reply; the review list's 批注 counts move with it. */
export function useAddComment() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: CommentCreateBody) => api<ReviewComment>('/api/comments', { method: 'POST', body }),
    onSuccess: (comment) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: commentKeys.list(comment.submissionId) }),
        queryClient.invalidateQueries({ queryKey: entryKeys.submissionLists() }),
      ]),
  })
}
