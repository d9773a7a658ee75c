import type { Indicator, SubmissionDetail } from '@fazhi/shared'
import { Table, Tag, Typography } from 'antd'
import { useMemo } from 'react'
import { Section } from '../../components/Panel'
import { flaggedRows, type FlaggedRow } from './flagged'

/** 需关注: the values that break a plausibility rule, first thing the reviewer sees, with the bureau's explanation. */
export function FlaggedValues({ detail, indicators, onJump }: { detail: SubmissionDetail; indicators: readonly Indicator[]; onJump: (code: string) => void }) {
  const rows = useMemo(() => flaggedRows(detail, indicators), [detail, indicators])
  if (!rows.length) return null
  const unexplained = rows.filter((r) => r.note === null).length
  return (
    <Section
      title={`需关注（${rows.length}）`}
      extra={<span className="panel-hint">超出合理范围或与上年差异过大的数值{unexplained ? `，${unexplained} 项尚未说明` : '，均已说明原因'}</span>}
    >
      <Table<FlaggedRow>
        size="small"
        rowKey="code"
        pagination={false}
        dataSource={rows}
        aria-label="需关注的数值"
        columns={[
          {
            title: '指标',
            dataIndex: 'name',
            render: (name: string, row) => <Typography.Link onClick={() => onJump(row.code)}>{name}</Typography.Link>,
          },
          { title: '填报值', dataIndex: 'value', width: 110, align: 'right' },
          { title: '上年', dataIndex: 'previous', width: 110, align: 'right' },
          { title: '问题', dataIndex: 'messages', render: (messages: string[]) => messages.map((m) => <div key={m}>{m}</div>) },
          {
            title: '单位说明',
            dataIndex: 'note',
            render: (note: string | null) => note ?? <Tag color="orange">未说明</Tag>,
          },
        ]}
      />
    </Section>
  )
}
