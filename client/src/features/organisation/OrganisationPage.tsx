import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons'
import { type Bureau, BUREAU_STATUS_LABELS, type BureauStatus, bureauStatus } from '@fazhi/shared'
import { useQuery } from '@tanstack/react-query'
import { App, Button, Select, Space, Table, Tag, Tree, type TableColumnsType } from 'antd'
import { useMemo, useState } from 'react'
import { PageHeader } from '../../components/PageHeader'
import { Panel } from '../../components/Panel'
import { bureausQuery } from '../catalog/queries'
import { useDownload } from '../exports/useDownload'
import { BureauModal } from './BureauModal'
import { ImportModal } from './ImportModal'
import { MergeModal } from './MergeModal'
import { choicesOf, filterBureaus, NO_FILTER, regionTree, yearsText, type BureauFilter } from './organisation'
import { regionsQuery } from './queries'
import { RegionModal } from './RegionModal'
import './organisation.css'

/** `/settings/organisation` (系统设置 → 组织机构): the office's regions and bureaus. */
export default function OrganisationPage() {
  return (
    <App component={false}>
      <OrganisationBody />
    </App>
  )
}

type Dialog = { kind: 'bureau'; bureau: Bureau | null } | { kind: 'merge'; bureau: Bureau } | { kind: 'region'; parentId: number | null } | { kind: 'import' }

const STATUS_COLORS: Record<BureauStatus, string> = { existing: 'green', abolished: 'default', merged: 'purple' }
const STATUS_OPTIONS = (Object.keys(BUREAU_STATUS_LABELS) as BureauStatus[]).map((s) => ({ value: s, label: BUREAU_STATUS_LABELS[s] }))

function OrganisationBody() {
  const bureaus = useQuery(bureausQuery())
  const regions = useQuery(regionsQuery())
  const { download, pending, contextHolder } = useDownload()
  const [filter, setFilter] = useState<BureauFilter>(NO_FILTER)
  const [dialog, setDialog] = useState<Dialog | null>(null)
  const list = useMemo(() => bureaus.data ?? [], [bureaus.data])
  const regionList = useMemo(() => regions.data ?? [], [regions.data])
  const shown = useMemo(() => filterBureaus(list, regionList, filter), [list, regionList, filter])
  const nameOf = useMemo(() => new Map(list.map((b) => [b.id, b.name])), [list])
  const set = (patch: Partial<BureauFilter>) => setFilter((f) => ({ ...f, ...patch }))

  const columns: TableColumnsType<Bureau> = [
    { title: '单位编码', dataIndex: 'code', width: 100, sorter: (a, b) => a.code.localeCompare(b.code) },
    { title: '单位名称', dataIndex: 'name', width: 220, sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN') },
    { title: '简称', dataIndex: 'shortName', width: 140 },
    { title: '单位类型', dataIndex: 'type', width: 140, sorter: (a, b) => a.type.localeCompare(b.type, 'zh-CN') },
    { title: '考核类别', dataIndex: 'category', width: 110, render: (c: string | null) => c ?? <span className="text-muted">—</span> },
    { title: '执法职能', dataIndex: 'hasEnforcement', width: 90, render: (v: boolean) => (v ? '有' : '无') },
    { title: '所属地区', dataIndex: 'regionName', width: 120 },
    { title: '存续年度', key: 'years', width: 120, sorter: (a, b) => a.activeFrom - b.activeFrom, render: (_, b) => yearsText(b) },
    {
      title: '状态',
      key: 'status',
      width: 160,
      render: (_, b) => {
        const status = bureauStatus(b)
        return (
          <Space size={4} wrap>
            <Tag color={STATUS_COLORS[status]}>{BUREAU_STATUS_LABELS[status]}</Tag>
            {b.successorId !== null && <span className="text-muted">并入{nameOf.get(b.successorId)}</span>}
          </Space>
        )
      },
    },
    {
      title: '操作',
      key: 'actions',
      width: 140,
      fixed: 'right',
      render: (_, b) => (
        <Space size={4}>
          <Button size="small" onClick={() => setDialog({ kind: 'bureau', bureau: b })}>
            编辑
          </Button>
          <Button size="small" disabled={b.successorId !== null} onClick={() => setDialog({ kind: 'merge', bureau: b })}>
            合并
          </Button>
        </Space>
      ),
    },
  ]

  return (
    <div className="page">
      {contextHolder}
      <PageHeader
        title="组织机构"
        subtitle="系统设置：地区与单位。单位的存续年度决定其在各年度是否参与填报、计入上报率。"
        extra={
          <Space wrap className="org-actions">
            <Button icon={<DownloadOutlined />} loading={pending === 'template'} onClick={() => download('template', '/api/bureaus/template.xlsx', {}, '单位导入模板.xlsx')}>
              下载模板
            </Button>
            <Button icon={<UploadOutlined />} onClick={() => setDialog({ kind: 'import' })} disabled={!regions.data}>
              从Excel导入
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'bureau', bureau: null })} disabled={!regions.data || !bureaus.data}>
              新增单位
            </Button>
          </Space>
        }
      />
      <div className="org-layout">
        <Panel
          title="地区"
          extra={
            <Button size="small" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'region', parentId: filter.regionId })}>
              新增地区
            </Button>
          }
          loading={regions.isPending}
          error={regions.error}
          onRetry={() => regions.refetch()}
          empty={regionList.length === 0}
          emptyText="尚无地区"
          bodyHeight={160}
        >
          {() => (
            <Tree<ReturnType<typeof regionTree>[number]>
              treeData={regionTree(regionList)}
              defaultExpandAll
              selectedKeys={filter.regionId === null ? [] : [filter.regionId]}
              onSelect={(keys) => set({ regionId: keys.length ? Number(keys[0]) : null })}
              aria-label="地区"
            />
          )}
        </Panel>
        <Panel
          title={`单位（${shown.length}）`}
          loading={bureaus.isPending || regions.isPending}
          error={bureaus.error}
          onRetry={() => bureaus.refetch()}
          empty={list.length === 0}
          emptyText="尚无单位，可新增或从Excel导入"
        >
          {() => (
            <>
              <div className="org-filters">
                <Select aria-label="单位类型" allowClear placeholder="单位类型" value={filter.type} onChange={(v) => set({ type: v ?? null })} options={choicesOf(list.map((b) => b.type))} />
                <Select aria-label="考核类别" allowClear placeholder="考核类别" value={filter.category} onChange={(v) => set({ category: v ?? null })} options={choicesOf(list.map((b) => b.category))} />
                <Select aria-label="状态" allowClear placeholder="状态" value={filter.status} onChange={(v) => set({ status: v ?? null })} options={STATUS_OPTIONS} />
              </div>
              <Table<Bureau> rowKey="id" size="middle" columns={columns} dataSource={shown} pagination={{ pageSize: 20, hideOnSinglePage: true }} scroll={{ x: 1240 }} aria-label="单位" />
            </>
          )}
        </Panel>
      </div>
      {dialog?.kind === 'bureau' && <BureauModal bureau={dialog.bureau} bureaus={list} regions={regionList} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'merge' && <MergeModal bureau={dialog.bureau} bureaus={list} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'region' && <RegionModal regions={regionList} parentId={dialog.parentId} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'import' && <ImportModal onClose={() => setDialog(null)} />}
    </div>
  )
}
