import type { LedgerType } from '@fazhi/shared'
import { Popover, Tag, Typography } from 'antd'
import { CommentThread, useTargetThreads } from './CommentThread'
import type { CommentScope } from './scope'

/** A ledger row's 批注: its marker (with the count) opens the threads; the office adds one from here. */
export function LedgerRowComments({ scope, ledgerType, ledgerId }: { scope: CommentScope; ledgerType: LedgerType; ledgerId: number }) {
  const target = { ledgerType, ledgerId }
  const threads = useTargetThreads(scope.submissionId, target)
  if (!threads.length && !scope.mayStart) return <span className="text-muted">—</span>
  return (
    <Popover trigger="click" placement="left" destroyOnHidden content={<div style={{ width: 360 }}><CommentThread scope={scope} target={target} /></div>}>
      {threads.length ? (
        <Tag color="orange" className="comment-marker" style={{ cursor: 'pointer' }}>
          批注 {threads.length}
        </Tag>
      ) : (
        <Typography.Link className="comment-marker">批注</Typography.Link>
      )}
    </Popover>
  )
}
