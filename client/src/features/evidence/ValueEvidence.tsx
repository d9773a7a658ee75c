import type { Indicator } from '@fazhi/shared'
import { useQuery } from '@tanstack/react-query'
import { EvidenceFiles } from './EvidenceFiles'
import { submissionFilesQuery } from './queries'

/** The evidence files of one indicator value, under its row in the entry form (one request per submission, shared by every row). */
export function ValueEvidence({ submissionId, indicator, editable }: { submissionId: number; indicator: Indicator; editable: boolean }) {
  const files = useQuery(submissionFilesQuery(submissionId))
  const mine = (files.data ?? []).filter((f) => f.indicator === indicator.code)
  if (!editable && mine.length === 0 && !indicator.evidenceRequired) return null
  return <EvidenceFiles files={mine} target={{ submissionId, indicator: indicator.code }} editable={editable} required={indicator.evidenceRequired} />
}
