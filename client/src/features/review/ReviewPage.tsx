import { EditOutlined, SearchOutlined } from '@ant-design/icons'
import { can, existsIn, type SubmissionListRow, type SubmissionStatus } from '@fazhi/shared'
import { useQuery } from '@tanstack/react-query'
import { App, Button, Grid, Input, Modal, Segmented, Skeleton, Space, Table, Tag, Tooltip, type TableColumnsType } from 'antd'
import { useMemo, useState } from 'react'
import { Link } from 'react-router-dom'
import { ErrorState } from '../../components/ErrorState'
import { PageHeader } from '../../components/PageHeader'
import { Panel } from '../../components/Panel'
import { StatusTag } from '../../components/StatusTag'
import { formatDateTime } from '../../lib/format'
import { useCurrentUser } from '../auth/session'
import { bureausQuery } from '../catalog/queries'
import { useYear } from '../catalog/useYear'
import { YearSelect } from '../catalog/YearSelect'
import { PublicationForm } from '../entry/PublicationForm'
import { submissionListQuery, submissionQuery } from '../entry/queries'
import { FillInStackButtons } from '../fillin/FillInStackButtons'
import { actsOnRegionOf } from '../regions/regions'
import { ReadOnlyNote } from '../regions/ReadOnlyNote'
import { BatchReview } from './BatchReview'
import './review.css'
import { ReturnChanges } from './ReturnChanges'
import { ReviewActions } from './ReviewActions'
import { filterReviewRows, REVIEW_TABS, reviewCounts, type ReviewTab } from './review'

/** `/review?year=`: the office's queue of submitted reports; leaders read it. */
export default function ReviewPage() {
  return (
    <App component={false}>
      <ReviewQueue />
    </App>
  )
}

function ReviewQueue() {
  const user = useCurrentUser()
  const mayReview = can(user, 'review')
  const { year, setYear, cycles } = useYear()
  const list = useQuery({ ...submissionListQuery({ year: year ?? 0 }), enabled: year !== null })
  const bureaus = useQuery(bureausQuery())
  const [tab, setTab] = useState<ReviewTab>('submitted')
  const [search, setSearch] = useState('')
  const [publishing, setPublishing] = useState<SubmissionListRow | null>(null)
  const [selectedIds, setSelectedIds] = useState<readonly number[]>([])
  // On a phone, columns fixed at both sides would cover the whole table: there it scrolls as one.
  const wide = Grid.useBreakpoint().md !== false

  const rows = useMemo(() => list.data ?? [], [list.data])
  const counts = useMemo(() => reviewCounts(rows), [rows])
  const shown = useMemo(() => filterReviewRows(rows, tab, search), [rows, tab, search])
  const notStarted = bureaus.data && list.data ? bureaus.data.filter((b) => year !== null && existsIn(b, year)).length - new Set(rows.map((r) => r.bureauId)).size : 0
  const cycle = cycles.data?.find((c) => c.year === year)
  const mayBatch = mayReview && cycle !== undefined && !cycle.locked
  // Only what is still submitted stays selected when the list refreshes.
  const selected = useMemo(() => rows.filter((r) => r.status === 'submitted' && selectedIds.includes(r.id)), [rows, selectedIds])
  // A city office reads the counties' reports; it reviews only its own region's.
  const actsOn = (bureauId: number) => actsOnRegionOf(user, bureaus.data?.find((b) => b.id === bureauId)?.regionId)

  const columns: TableColumnsType<SubmissionListRow> = [
    {
      title: '单位',
      width: 180,
      fixed: wide ? 'left' : undefined,
      dataIndex: 'bureauName',
      sorter: (a, b) => a.bureauCode.localeCompare(b.bureauCode),
      render: (name: string, row) => <Link to={`/submissions/${row.id}`}>{name}</Link>,
    },
    { title: '状态', dataIndex: 'status', width: 96, render: (s: SubmissionStatus) => <StatusTag status={s} /> },
    {
      title: '需关注',
      dataIndex: 'flagCount',
      width: 96,
      sorter: (a, b) => a.flagCount - b.flagCount,
      render: (n: number) => (n ? <Tag color="orange">{n} 项数值</Tag> : <span className="text-muted">—</span>),
    },
    {
      title: '批注',
      dataIndex: 'commentCount',
      width: 88,
      sorter: (a, b) => a.commentCount - b.commentCount,
      render: (n: number) => (n ? <Tag color="orange" data-comment-count={n}>批注 {n}</Tag> : <span className="text-muted">—</span>),
    },
    {
      title: '首次上报时间',
      dataIndex: 'firstSubmittedAt',
      width: 150,
      sorter: (a, b) => (a.firstSubmittedAt ?? '').localeCompare(b.firstSubmittedAt ?? ''),
      render: (at: string | null) => (at ? formatDateTime(at) : <span className="text-muted">—</span>),
    },
    {
      title: '最近上报时间',
      dataIndex: 'submittedAt',
      width: 150,
      defaultSortOrder: tab === 'submitted' ? 'ascend' : undefined,
      sorter: (a, b) => (a.submittedAt ?? '').localeCompare(b.submittedAt ?? ''),
      render: (at: string | null) => (at ? formatDateTime(at) : <span className="text-muted">—</span>),
    },
    {
      title: '退回次数',
      dataIndex: 'returnCount',
      width: 96,
      align: 'right',
      sorter: (a, b) => a.returnCount - b.returnCount,
      render: (n: number) => (n > 0 ? <span data-return-count={n}>{n} 次</span> : <span className="text-muted" data-return-count={0}>0</span>),
    },
    {
      title: '审核时间',
      dataIndex: 'approvedAt',
      width: 150,
      render: (at: string | null) => (at ? formatDateTime(at) : <span className="text-muted">—</span>),
    },
    {
      title: '退回原因',
      dataIndex: 'returnReason',
      width: 200,
      ellipsis: { showTitle: false },
      render: (reason: string | null) =>
        reason ? (
          <Tooltip title={reason} placement="topLeft">
            <span>{reason}</span>
          </Tooltip>
        ) : (
          <span className="text-muted">—</span>
        ),
    },
    {
      title: '操作',
      fixed: wide ? 'right' : undefined,
      key: 'actions',
      width: mayReview ? 300 : 150,
      render: (_, row) => (
        <Space size={8} wrap>
          <Link to={`/submissions/${row.id}`}>
            <Button size="small">查看</Button>
          </Link>
          {mayReview && bureaus.data && !actsOn(row.bureauId) && <ReadOnlyNote />}
          {mayReview && actsOn(row.bureauId) && !cycle?.locked && <ReviewActions submission={row} />}
          {mayReview && actsOn(row.bureauId) && (
            <Button size="small" type="text" icon={<EditOutlined />} onClick={() => setPublishing(row)}>
              公开信息
            </Button>
          )}
        </Space>
      ),
    },
  ]

  return (
    <div className="page">
      <PageHeader
        title="审核"
        subtitle={
          year !== null && list.data
            ? `${year} 年度：待审核 ${counts.submitted} 份，已审核 ${counts.approved} 份，已退回 ${counts.returned} 份，填报中 ${counts.draft} 份`
            : '各单位年度填报的审核'
        }
        extra={
          <Space size={8} wrap>
            {mayReview && (
              <Link to={year ? `/entry?year=${year}` : '/entry'}>
                <Button>代单位填报</Button>
              </Link>
            )}
            {year !== null && <FillInStackButtons year={year} mayUpload={can(user, 'editBusiness')} />}
            <YearSelect cycles={cycles.data ?? []} value={year} onChange={setYear} />
          </Space>
        }
      />
      {cycles.isError ? (
        <ErrorState error={cycles.error} onRetry={() => cycles.refetch()} />
      ) : (
        <Panel
          title="填报列表"
          extra={
            notStarted > 0 && (
              <span className="panel-hint">
                另有 {notStarted} 个单位尚未开始填报，见<Link to={`/reminders?year=${year}`}>催报</Link>
              </span>
            )
          }
          loading={list.isPending}
          error={list.error}
          onRetry={() => list.refetch()}
          bodyHeight={360}
        >
          {() => (
            <>
              {mayBatch && <BatchReview selected={selected} onDone={() => setSelectedIds([])} />}
              <div className="table-toolbar">
                <Segmented<ReviewTab>
                  className="review-tabs"
                  aria-label="按审核状态筛选"
                  value={tab}
                  onChange={setTab}
                  options={REVIEW_TABS.map((t) => ({ value: t.key, label: `${t.label}（${counts[t.key]}）` }))}
                />
                <Input
                  allowClear
                  prefix={<SearchOutlined />}
                  placeholder="搜索单位"
                  aria-label="搜索单位"
                  style={{ width: 220 }}
                  value={search}
                  onChange={(e) => setSearch(e.target.value)}
                />
                <span className="table-toolbar-count">共 {shown.length} 份</span>
              </div>
              <Table<SubmissionListRow>
                size="middle"
                rowKey="id"
                columns={columns}
                dataSource={shown}
                // More columns than a laptop holds: the table scrolls sideways, the bureau's name stays in view.
                scroll={{ x: 'max-content' }}
                pagination={shown.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
                rowSelection={
                  mayBatch
                    ? {
                        selectedRowKeys: selected.map((r) => r.id),
                        onChange: (keys) => setSelectedIds(keys.map(Number)),
                        getCheckboxProps: (row) => ({ disabled: row.status !== 'submitted' || !actsOn(row.bureauId), 'aria-label': `选择${row.bureauName}` }),
                      }
                    : undefined
                }
                // A report returned before shows what its bureau changed since (自退回以来的修改).
                expandable={{
                  rowExpandable: (row) => row.returnCount > 0 && (row.status === 'submitted' || row.status === 'returned'),
                  expandedRowRender: (row) => <ReturnChanges submission={row} />,
                }}
                locale={{ emptyText: tab === 'submitted' ? '没有待审核的报告' : '没有符合条件的填报' }}
                aria-label="填报列表"
              />
            </>
          )}
        </Panel>
      )}
      {publishing && <PublicationModal row={publishing} publishDeadline={cycle?.publishDeadline} editable={!cycle?.locked} onClose={() => setPublishing(null)} />}
    </div>
  )
}

function PublicationModal({ row, publishDeadline, editable, onClose }: { row: SubmissionListRow; publishDeadline?: string; editable: boolean; onClose: () => void }) {
  const detail = useQuery(submissionQuery(row.id))
  return (
    <Modal open title={`报告公开信息：${row.bureauName}`} footer={null} onCancel={onClose} destroyOnHidden>
      {detail.isError ? (
        <ErrorState error={detail.error} onRetry={() => detail.refetch()} />
      ) : !detail.data ? (
        <Skeleton active />
      ) : (
        <PublicationForm detail={detail.data} publishDeadline={publishDeadline} editable={editable} />
      )}
    </Modal>
  )
}
