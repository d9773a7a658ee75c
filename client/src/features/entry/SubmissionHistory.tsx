import { SUBMISSION_EVENT_LABELS, type SubmissionEventAction, type SubmissionHistoryEntry } from '@fazhi/shared'
import { Timeline } from 'antd'
import type { ReactNode } from 'react'
import { formatDateTime } from '../../lib/format'

const COLORS: Record<SubmissionEventAction, string> = { submit: 'blue', resubmit: 'blue', return: 'red', approve: 'green', reopen: 'gray' }

/**
 * 流转记录: each submission, return (with its reason and resubmission deadline), approval and reopening,
 * with who and when (China time); `renderReturn` adds what went with a return (its 批注).
 */
export function SubmissionHistory({ history, renderReturn }: { history: readonly SubmissionHistoryEntry[]; renderReturn?: (eventId: number) => ReactNode }) {
  if (!history.length) return <span className="text-muted">尚未上报</span>
  return (
    <Timeline
      aria-label="流转记录"
      items={history.map((e) => ({
        key: e.id,
        color: COLORS[e.action],
        content: (
          <div data-history-action={e.action}>
            <div>
              <b>{SUBMISSION_EVENT_LABELS[e.action]}</b>
              {e.by && <span className="text-muted">（{e.by}）</span>}
            </div>
            <div className="text-muted">{formatDateTime(e.at)}</div>
            {e.reason && (
              <div>
                退回原因：<span data-history-reason>{e.reason}</span>
              </div>
            )}
            {e.resubmitDeadline && (
              <div>
                重报期限：<span data-history-deadline>{e.resubmitDeadline}</span>
              </div>
            )}
            {e.action === 'return' && renderReturn?.(e.id)}
          </div>
        ),
      }))}
    />
  )
}
