import { RECTIFICATION_STATUS_LABELS, type CarryOver } from '@fazhi/shared'
import { useQuery } from '@tanstack/react-query'
import { Alert, App, DatePicker, Empty, Modal, Skeleton, Table, Tag, type TableColumnsType } from 'antd'
import dayjs from 'dayjs'
import { useState } from 'react'
import { ErrorState, errorMessage } from '../../components/ErrorState'
import { fetchCarryOver, rectificationKeys, useRectificationMutations } from './queries'
import { RECTIFICATION_STATUS_COLORS } from './rectification'

type Candidate = CarryOver['candidates'][number]

/** 从上年度报告导入问题: last year's unfinished items, ticked and confirmed before anything is created. */
export function CarryOverModal({ year, bureauId, sendBureauId, onClose }: { year: number; bureauId: number; sendBureauId: boolean; onClose: () => void }) {
  const { message } = App.useApp()
  // A proposal, not data: fetched fresh each time the dialog opens.
  const proposal = useQuery({
    queryKey: [...rectificationKeys.all, 'carry-over', year, bureauId],
    queryFn: () => fetchCarryOver(year, sendBureauId ? bureauId : undefined),
    staleTime: 0,
    gcTime: 0,
  })
  const { batch } = useRectificationMutations()
  const [selected, setSelected] = useState<number[] | null>(null)
  const [deadlines, setDeadlines] = useState<Record<number, string>>({})
  const candidates = proposal.data?.candidates ?? []
  const chosen = selected ?? candidates.map((c) => c.fromItemId)

  const confirm = async () => {
    const items = candidates
      .filter((c) => chosen.includes(c.fromItemId))
      .map((c) => ({
        problem: c.problem,
        measure: c.measure,
        owner: c.owner,
        deadline: deadlines[c.fromItemId] ?? c.deadline,
        status: c.status,
        completedAt: null,
        evidence: null,
        sourceYear: c.sourceYear,
      }))
    try {
      await batch.mutateAsync({ year, ...(sendBureauId ? { bureauId } : {}), items })
      message.success(`已导入 ${items.length} 项整改事项`)
      onClose()
    } catch (err) {
      message.error(errorMessage(err))
    }
  }

  const columns: TableColumnsType<Candidate> = [
    { title: '问题', dataIndex: 'problem', render: (p: string) => <div className="rect-problem">{p}</div> },
    { title: '上年度措施', dataIndex: 'measure', width: 200, render: (m: string) => m || <span className="text-muted">—</span> },
    {
      title: '上年度状态',
      dataIndex: 'status',
      width: 100,
      render: (s: Candidate['status']) => <Tag color={RECTIFICATION_STATUS_COLORS[s]}>{RECTIFICATION_STATUS_LABELS[s]}</Tag>,
    },
    {
      title: '整改时限',
      key: 'deadline',
      width: 150,
      render: (_, c) => (
        <DatePicker
          size="small"
          allowClear={false}
          aria-label="整改时限"
          value={dayjs(deadlines[c.fromItemId] ?? c.deadline)}
          onChange={(d) => d && setDeadlines((prev) => ({ ...prev, [c.fromItemId]: d.format('YYYY-MM-DD') }))}
        />
      ),
    },
  ]

  return (
    <Modal
      open
      width={960}
      title={`从上年度报告导入问题（${year - 1} 年度未完成的整改事项）`}
      okText={`导入选中的 ${chosen.length} 项`}
      okButtonProps={{ disabled: chosen.length === 0 || !proposal.data }}
      confirmLoading={batch.isPending}
      onOk={confirm}
      onCancel={onClose}
      destroyOnHidden
    >
      {proposal.isError ? (
        <ErrorState error={proposal.error} onRetry={() => proposal.refetch()} />
      ) : !proposal.data ? (
        <Skeleton active />
      ) : candidates.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={`${year - 1} 年度没有尚未完成、且本年度未跟踪的整改事项`} />
      ) : (
        <>
          <Alert
            className="page-alert"
            type="info"
            showIcon
            title="勾选要继续整改的问题，确认后才会创建。导入的事项保留原措施和责任人，可在导入后修改。"
          />
          <Table<Candidate>
            size="small"
            rowKey="fromItemId"
            columns={columns}
            dataSource={candidates}
            pagination={false}
            rowSelection={{ selectedRowKeys: chosen, onChange: (keys) => setSelected(keys as number[]) }}
            aria-label="上年度未完成的整改事项"
          />
        </>
      )}
    </Modal>
  )
}
