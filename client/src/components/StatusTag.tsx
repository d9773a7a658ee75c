import type { SummaryStatus } from '@fazhi/shared'
import { Tag } from 'antd'
import { STATUS_LABELS } from '../lib/status'

const STATUS_COLORS: Record<SummaryStatus, string> = {
  missing: 'red',
  draft: 'orange',
  returned: 'volcano',
  submitted: 'blue',
  approved: 'green',
}

export function StatusTag({ status }: { status: SummaryStatus }) {
  return <Tag color={STATUS_COLORS[status]}>{STATUS_LABELS[status]}</Tag>
}
