import { LOCKED_CYCLE_MESSAGE, readOnlyReason, type SubmissionDetail } from '@fazhi/shared'
import { Alert } from 'antd'
import { formatDateTime } from '../../lib/format'

interface StatusBannerProps {
  detail: SubmissionDetail
  /** The bureau's own user is told why the report is read-only now. */
  explain: boolean
  /** A user who may never edit (a leader) is told so on an open draft. */
  viewOnly: boolean
}

/** Where the submission stands in the workflow, above the form. */
export function StatusBanner({ detail, explain, viewOnly }: StatusBannerProps) {
  if (detail.locked) return <Alert className="page-alert" type="warning" showIcon title={LOCKED_CYCLE_MESSAGE} />
  switch (detail.status) {
    case 'returned':
      return (
        <Alert
          className="page-alert"
          type="error"
          showIcon
          title="依法治县办已退回本填报，请按退回原因修改后重新上报"
          description={
            <>
              <div>
                <b>退回原因：</b>
                <span data-return-reason>{detail.returnReason}</span>
              </div>
              {detail.resubmitDeadline && (
                <div>
                  <b>重报期限：</b>
                  <span data-resubmit-deadline>{detail.resubmitDeadline}</span>（请在当日 24 时前重新上报，逾期将计为逾期上报）
                </div>
              )}
            </>
          }
        />
      )
    case 'submitted':
      return (
        <Alert
          className="page-alert"
          type="info"
          showIcon
          title={`已于 ${formatDateTime(detail.submittedAt)} 上报，等待依法治县办审核`}
          description={explain ? readOnlyReason('submitted') : undefined}
        />
      )
    case 'approved':
      return (
        <Alert
          className="page-alert"
          type="success"
          showIcon
          title={`已于 ${formatDateTime(detail.approvedAt)} 审核通过${detail.approvedBy ? `（${detail.approvedBy}）` : ''}`}
          description={explain ? readOnlyReason('approved') : undefined}
        />
      )
    default:
      return viewOnly ? <Alert className="page-alert" type="info" showIcon title="只读查看：领导账号不能修改填报" /> : null
  }
}
