import { SaveOutlined } from '@ant-design/icons'
import type { BureauScore, SubmissionDetail } from '@fazhi/shared'
import { Button } from 'antd'
import { Section } from '../../components/Panel'
import { formatPercent, formatScore } from '../../lib/format'
import { ReturnChanges } from '../review/ReturnChanges'
import { ReviewActions } from '../review/ReviewActions'
import { submitDisabledReason, type SubmitBlockers } from './form'
import { MissingList } from './MissingList'
import { SubmitButton } from './SubmitButton'

interface ScoreSidebarProps {
  latest: SubmissionDetail
  /** The score of what is on screen, and of what is saved (to show the change). */
  live: BureauScore
  savedScore: number
  editable: boolean
  mayReview: boolean
  unsavedCount: number
  saving: boolean
  blockers: SubmitBlockers
  onDiscard: () => void
  onSave: () => void
  onSubmitted: (fresh: SubmissionDetail) => void
  onReviewed: (fresh: SubmissionDetail) => void
  onJump: (code: string) => void
}

/** The live score beside the form, with saving, submitting, reviewing and what is still missing. */
export function ScoreSidebar(props: ScoreSidebarProps) {
  const { latest, live, editable, unsavedCount, saving, blockers } = props
  const delta = live.score - props.savedScore
  return (
    <Section title={editable ? '实时得分' : '得分'} extra={<span className="panel-hint">{editable ? '按当前填写内容计算' : '按填报数据计算'}</span>}>
      <div className="live-score" data-live-score={live.score.toFixed(2)}>
        <span className="live-score-value">{formatScore(live.score)}</span>
        <span className="text-muted">分</span>
        {unsavedCount > 0 && Math.abs(delta) >= 0.005 && (
          <span className={`live-score-delta ${delta > 0 ? 'text-good' : 'text-bad'}`}>
            {delta > 0 ? '▲' : '▼'} {Math.abs(delta).toFixed(2)}（较已保存）
          </span>
        )}
      </div>
      <div className="live-figures">
        <div>
          <div className="live-figure-label">达标率</div>
          <div className="live-figure-value">{formatPercent(live.completion)}</div>
        </div>
        <div>
          <div className="live-figure-label">填报完整率</div>
          <div className="live-figure-value">{formatPercent(live.fillRate)}</div>
        </div>
      </div>
      {live.adjustments.length > 0 && (
        <ul className="live-adjustments">
          {live.adjustments.map((a) => (
            <li key={a.kind}>{a.text}</li>
          ))}
        </ul>
      )}
      {editable && (
        <div className="side-actions">
          {unsavedCount > 0 ? <span className="dirty-hint">有 {unsavedCount} 项修改尚未保存</span> : <span className="saved-hint">所有修改均已保存</span>}
          <div className="side-actions-row">
            <Button disabled={!unsavedCount || saving} onClick={props.onDiscard}>
              放弃修改
            </Button>
            <Button type="primary" icon={<SaveOutlined />} disabled={!unsavedCount} loading={saving} onClick={props.onSave}>
              保存
            </Button>
          </div>
          <SubmitButton submission={latest} disabledReason={submitDisabledReason(editable, unsavedCount, blockers)} onSubmitted={props.onSubmitted} />
        </div>
      )}
      {props.mayReview && !latest.locked && (
        <div style={{ marginTop: editable ? 12 : 0 }}>
          <ReviewActions submission={latest} size="middle" onDone={props.onReviewed} />
          {(latest.status === 'submitted' || latest.status === 'returned') && latest.history.some((e) => e.action === 'return') && <ReturnChanges submission={latest} />}
        </div>
      )}
      {latest.status !== 'submitted' && latest.status !== 'approved' && <MissingList blockers={blockers} onJump={props.onJump} />}
    </Section>
  )
}
