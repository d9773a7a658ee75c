import { CommentThread } from './CommentThread'
import type { CommentScope } from './scope'

/** 批注 under one value of the entry form. */
export function ValueComments({ scope, indicator }: { scope: CommentScope; indicator: string }) {
  return <CommentThread scope={scope} target={{ indicator }} />
}
