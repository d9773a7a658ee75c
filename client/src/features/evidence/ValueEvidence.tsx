import type { Indicator } from '@fazhi/shared'
import { useQuery } from '@tanstack/react-query'
import { CommentThread } from '../comments/CommentThread'
import type { CommentScope } from '../comments/scope'
import { EvidenceFiles } from './EvidenceFiles'
import { submissionFilesQuery } from './queries'

interface Props {
  indicator: Indicator
  editable: boolean
  /** The report's comment scope: each file carries its own 批注 thread. */
  scope: CommentScope
}

/** The evidence files of one indicator value, under its row in the entry form (one request per submission, shared by every row). */
export function ValueEvidence({ indicator, editable, scope }: Props) {
  const submissionId = scope.submissionId
  const files = useQuery(submissionFilesQuery(submissionId))
  const mine = (files.data ?? []).filter((f) => f.indicator === indicator.code)
  if (!editable && mine.length === 0 && !indicator.evidenceRequired) return null
  return (
    <EvidenceFiles
      files={mine}
      target={{ submissionId, indicator: indicator.code }}
      editable={editable}
      required={indicator.evidenceRequired}
      renderFileExtra={(f) => <CommentThread scope={scope} target={{ fileId: f.id }} caption="对该材料的批注" />}
    />
  )
}
