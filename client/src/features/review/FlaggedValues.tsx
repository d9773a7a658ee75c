import type { Indicator, SubmissionDetail } from '@fazhi/shared'
import { useQuery } from '@tanstack/react-query'
import { Table, Tag, Typography } from 'antd'
import { useMemo } from 'react'
import { Section } from '../../components/Panel'
import { commentsQuery } from '../comments/queries'
import { flaggedRows, type FlaggedRow } from './flagged'

/**
 * 需关注: first thing the reviewer sees: the values with 批注, then those that break a plausibility rule,
 * with the bureau's explanation.
 */
export function FlaggedValues({ detail, indicators, onJump }: { detail: SubmissionDetail; indicators: readonly Indicator[]; onJump: (code: string) => void }) {
  const comments = useQuery(commentsQuery(detail.id))
  const commentCounts = useMemo(() => {
    const counts = new Map<string, number>()
    for (const c of comments.data ?? []) if (c.replyTo === null && c.indicator !== null) counts.set(c.indicator, (counts.get(c.indicator) ?? 0) + 1)
    return counts
  }, [comments.data])
  const rows = useMemo(() => flaggedRows(detail, indicators, commentCounts), [detail, indicators, commentCounts])
  if (!rows.length) return null
  const flagged = rows.filter((r) => r.messages.length > 0)
  const unexplained = flagged.filter((r) => r.note === null).length
  const commented = rows.filter((r) => r.comments > 0).length
  return (
    <Section
      title={`需关注（${rows.length}）`}
      extra={
        <span className="panel-hint">
          {[
            commented ? `有批注的数值 ${commented} 项` : '',
            flagged.length ? `超出合理范围或与上年差异过大的数值 ${flagged.length} 项${unexplained ? `，${unexplained} 项尚未说明` : '，均已说明原因'}` : '',
          ]
            .filter(Boolean)
            .join('；')}
        </span>
      }
    >
      <Table<FlaggedRow>
        size="small"
        rowKey="code"
        pagination={false}
        dataSource={rows}
        aria-label="需关注的数值"
        // On a phone the columns keep their width and the table scrolls, rather than the name wrapping a character a line.
        scroll={{ x: 720 }}
        columns={[
          {
            title: '指标',
            dataIndex: 'name',
            render: (name: string, row) => <Typography.Link onClick={() => onJump(row.code)}>{name}</Typography.Link>,
          },
          { title: '填报值', dataIndex: 'value', width: 110, align: 'right' },
          { title: '上年', dataIndex: 'previous', width: 110, align: 'right' },
          {
            title: '批注',
            dataIndex: 'comments',
            width: 80,
            render: (n: number) => (n ? <Tag color="orange">批注 {n}</Tag> : <span className="text-muted">—</span>),
          },
          { title: '问题', dataIndex: 'messages', render: (messages: string[]) => messages.map((m) => <div key={m}>{m}</div>) },
          {
            title: '单位说明',
            dataIndex: 'note',
            render: (note: string | null, row) => note ?? (row.messages.length ? <Tag color="orange">未说明</Tag> : <span className="text-muted">—</span>),
          },
        ]}
      />
    </Section>
  )
}
