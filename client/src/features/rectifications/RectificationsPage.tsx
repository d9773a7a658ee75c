import { DeleteOutlined, EditOutlined, ImportOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons'
import { can, type RectificationItem } from '@fazhi/shared'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Checkbox, Input, Popconfirm, Segmented, Select, Space, Table, Tag, Tooltip, type TableColumnsType } from 'antd'
import { useMemo, useState } from 'react'
import { RecordEvidenceButton } from '../evidence/RecordEvidenceButton'
import { ErrorState, errorMessage } from '../../components/ErrorState'
import { PageHeader } from '../../components/PageHeader'
import { Panel } from '../../components/Panel'
import { useCurrentUser } from '../auth/session'
import { bureausQuery } from '../catalog/queries'
import { YearSelect } from '../catalog/YearSelect'
import { useYear } from '../catalog/useYear'
import { entryYear } from '../entry/form'
import { ExportButton } from '../exports/ExportButton'
import { actsOnRegionOf, READ_ONLY_NOTE } from '../regions/regions'
import { ReadOnlyNote } from '../regions/ReadOnlyNote'
import { useRegion } from '../regions/useRegion'
import { CarryOverModal } from './CarryOverModal'
import { invalidateRectifications, rectificationListQuery, useRectificationMutations } from './queries'
import { RectificationDrawer } from './RectificationDrawer'
import { filterRectifications, RECTIFICATION_TABS, rectificationCounts, type RectificationTab } from './rectification'
import { StageTag } from './StageTag'
import './rectifications.css'

/** `/rectifications?year=`: 整改事项. A bureau user sees and edits their own; the office all; leaders read. */
export default function RectificationsPage() {
  return (
    <App component={false}>
      <RectificationsBody />
    </App>
  )
}

type Editing = { item: RectificationItem | null }

function RectificationsBody() {
  const { message } = App.useApp()
  const user = useCurrentUser()
  const ownBureauOnly = !can(user, 'allBureaus')
  const mayEdit = can(user, 'editBusiness')
  const { year, setYear, cycles } = useYear(entryYear)
  const { regionId } = useRegion()
  const cycle = cycles.data?.find((c) => c.year === year)
  const canEdit = mayEdit && cycle !== undefined && !cycle.locked
  const canVerify = can(user, 'review') && cycle !== undefined && !cycle.locked
  const queryClient = useQueryClient()
  const list = useQuery({ ...rectificationListQuery({ year: year ?? 0 }), enabled: year !== null })
  const bureaus = useQuery({ ...bureausQuery(), enabled: !ownBureauOnly })
  // A city office reads its counties' items; it edits and verifies only its own region's.
  const actsOn = (id: number | null) => ownBureauOnly || (id !== null && actsOnRegionOf(user, bureaus.data?.find((b) => b.id === id)?.regionId))
  const { remove } = useRectificationMutations()

  const [tab, setTab] = useState<RectificationTab>('all')
  const [bureauId, setBureauId] = useState<number | null>(null)
  const [repeatedOnly, setRepeatedOnly] = useState(false)
  const [search, setSearch] = useState('')
  const [editing, setEditing] = useState<Editing | null>(null)
  const [carrying, setCarrying] = useState(false)

  const items = useMemo(() => list.data ?? [], [list.data])
  const scoped = useMemo(() => (bureauId === null ? items : items.filter((i) => i.bureauId === bureauId)), [items, bureauId])
  const counts = useMemo(() => rectificationCounts(scoped), [scoped])
  const shown = useMemo(() => filterRectifications(items, { tab, bureauId, repeatedOnly, search }), [items, tab, bureauId, repeatedOnly, search])
  const repeatedCount = scoped.filter((i) => i.repeated).length
  // Carry-over and new items act on one bureau: a bureau user's own, or the one the office picked.
  const targetBureau = ownBureauOnly ? user.bureauId : bureauId

  const deleteItem = async (item: RectificationItem) => {
    try {
      await remove.mutateAsync(item)
      message.success('已删除')
    } catch (err) {
      message.error(errorMessage(err))
      // A 409 means the list shows an old version: show the latest.
      await invalidateRectifications(queryClient)
    }
  }

  const columns: TableColumnsType<RectificationItem> = [
    ...(ownBureauOnly
      ? []
      : [{ title: '单位', dataIndex: 'bureauName', width: 168, ellipsis: true, sorter: (a: RectificationItem, b: RectificationItem) => a.bureauId - b.bureauId }]),
    {
      title: '问题',
      dataIndex: 'problem',
      render: (problem: string, item) => (
        <div>
          <div className="rect-problem">{problem}</div>
          <Space size={4} wrap className="rect-tags">
            {item.repeated && (
              <Tooltip title="上一年度已提出同一问题">
                <Tag color="red">连续两年提出</Tag>
              </Tooltip>
            )}
            {item.sourceYear !== null && <span className="text-muted">来源：{item.sourceYear} 年度报告</span>}
          </Space>
        </div>
      ),
    },
    { title: '整改措施', dataIndex: 'measure', width: 220, render: (m: string) => (m ? <div className="rect-measure">{m}</div> : <span className="text-muted">未填写</span>) },
    { title: '责任部门/人', dataIndex: 'owner', width: 110, render: (o: string) => o || <span className="text-muted">—</span> },
    {
      title: '整改时限',
      dataIndex: 'deadline',
      width: 112,
      sorter: (a, b) => a.deadline.localeCompare(b.deadline),
      render: (d: string, item) => <span className={item.overdue ? 'text-bad' : undefined}>{d}</span>,
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 148,
      render: (_, item) => <StageTag item={item} />,
    },
    { title: '完成日期', dataIndex: 'completedAt', width: 112, render: (d: string | null) => d ?? <span className="text-muted">—</span> },
    {
      title: '佐证材料',
      key: 'evidence',
      width: 112,
      render: (_, item) => (
        <span onClick={(e) => e.stopPropagation()}>
          <RecordEvidenceButton target={{ rectificationId: item.id }} editable={canEdit && actsOn(item.bureauId) && item.verifiedAt === null} />
        </span>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: canEdit ? 140 : 80,
      render: (_, item) =>
        (canEdit || canVerify) && !actsOn(item.bureauId) ? (
          bureaus.data && <ReadOnlyNote />
        ) : canVerify && item.status === 'done' && item.verifiedAt === null ? (
          <Button type="link" size="small" onClick={() => setEditing({ item })}>
            核验销号
          </Button>
        ) : canEdit && item.verifiedAt === null ? (
          <Space size={0} onClick={(e) => e.stopPropagation()}>
            <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing({ item })}>
              编辑
            </Button>
            <Popconfirm title="删除这项整改事项？" okText="删除" okButtonProps={{ danger: true }} onConfirm={() => deleteItem(item)}>
              <Button type="link" size="small" danger icon={<DeleteOutlined />}>
                删除
              </Button>
            </Popconfirm>
          </Space>
        ) : (
          <Button type="link" size="small" onClick={() => setEditing({ item })}>
            查看
          </Button>
        ),
    },
  ]

  const newDisabled = targetBureau === null ? '请先在上方选择单位' : actsOn(targetBureau) ? null : READ_ONLY_NOTE

  return (
    <div className="page">
      <PageHeader
        title="整改事项"
        subtitle={ownBureauOnly ? '本单位年度报告“存在的不足”的整改落实情况' : '各单位年度报告“存在的不足”的整改落实情况'}
        extra={
          <Space size={8}>
            {year !== null && <ExportButton kind="rectifications" year={year} regionId={regionId} />}
            <YearSelect cycles={cycles.data ?? []} value={year} onChange={setYear} />
          </Space>
        }
      />
      {cycles.isError && <ErrorState error={cycles.error} onRetry={() => cycles.refetch()} />}
      {cycle?.locked && mayEdit && <Alert className="page-alert" type="warning" showIcon title={`${cycle.year} 年度已锁定，整改事项只能查看`} />}
      <div className="rect-counts">
        {RECTIFICATION_TABS.map((t) => (
          <button
            key={t.key}
            type="button"
            className={`rect-count rect-count-${t.key}${tab === t.key ? ' active' : ''}`}
            onClick={() => setTab(t.key)}
            aria-pressed={tab === t.key}
          >
            <span className="rect-count-label">{t.key === 'all' ? '合计' : t.label}</span>
            <span className="rect-count-value">{list.data ? counts[t.key] : '—'}</span>
          </button>
        ))}
        <div className="rect-count rect-count-repeated" aria-label="连续两年提出">
          <span className="rect-count-label">连续两年提出</span>
          <span className="rect-count-value">{list.data ? repeatedCount : '—'}</span>
        </div>
      </div>
      <Panel
        title="整改事项列表"
        extra={
          canEdit && (
            <Space size={8}>
              <Tooltip title={newDisabled}>
                <Button icon={<ImportOutlined />} disabled={newDisabled !== null} onClick={() => setCarrying(true)}>
                  从上年度报告导入问题
                </Button>
              </Tooltip>
              <Tooltip title={newDisabled}>
                <Button type="primary" icon={<PlusOutlined />} disabled={newDisabled !== null} onClick={() => setEditing({ item: null })}>
                  新增整改事项
                </Button>
              </Tooltip>
            </Space>
          )
        }
        loading={list.isPending && year !== null}
        error={list.error}
        onRetry={() => list.refetch()}
        bodyHeight={360}
      >
        {() => (
          <>
            <div className="table-toolbar">
              <Segmented<RectificationTab>
                aria-label="按整改状态筛选"
                value={tab}
                onChange={setTab}
                options={RECTIFICATION_TABS.map((t) => ({ value: t.key, label: `${t.label}（${counts[t.key]}）` }))}
              />
              {!ownBureauOnly && (
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder="全部单位"
                  aria-label="按单位筛选"
                  style={{ width: 240 }}
                  value={bureauId ?? undefined}
                  onChange={(v) => setBureauId(v ?? null)}
                  options={(bureaus.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
                />
              )}
              <Input
                allowClear
                prefix={<SearchOutlined />}
                placeholder="搜索问题、措施、责任人"
                aria-label="搜索整改事项"
                style={{ width: 240 }}
                value={search}
                onChange={(e) => setSearch(e.target.value)}
              />
              <Checkbox checked={repeatedOnly} onChange={(e) => setRepeatedOnly(e.target.checked)}>
                只看连续两年提出
              </Checkbox>
              <span className="table-toolbar-count">共 {shown.length} 项</span>
            </div>
            <Table<RectificationItem>
              size="middle"
              rowKey="id"
              columns={columns}
              dataSource={shown}
              rowClassName={(item) => (item.overdue ? 'rect-row-overdue row-clickable' : 'row-clickable')}
              onRow={(item) => ({ onClick: () => setEditing({ item }) })}
              pagination={shown.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
              // A phone scrolls the table inside its panel, never the page.
              scroll={{ x: 960 }}
              locale={{ emptyText: items.length ? '没有符合筛选条件的整改事项' : `${year ?? ''} 年度暂无整改事项` }}
              aria-label="整改事项"
            />
          </>
        )}
      </Panel>
      {editing && year !== null && (
        <RectificationDrawer
          item={editing.item}
          year={year}
          bureauId={editing.item?.bureauId ?? targetBureau}
          bureauName={editing.item?.bureauName ?? bureaus.data?.find((b) => b.id === targetBureau)?.name}
          sendBureauId={!ownBureauOnly}
          editable={canEdit && actsOn(editing.item?.bureauId ?? targetBureau)}
          canVerify={canVerify && actsOn(editing.item?.bureauId ?? targetBureau)}
          onClose={() => setEditing(null)}
        />
      )}
      {carrying && year !== null && targetBureau !== null && (
        <CarryOverModal year={year} bureauId={targetBureau} sendBureauId={!ownBureauOnly} onClose={() => setCarrying(false)} />
      )}
    </div>
  )
}
