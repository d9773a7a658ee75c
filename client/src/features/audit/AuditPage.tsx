import { DownloadOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons'
import { useQuery } from '@tanstack/react-query'
import { auditActionLabel, auditObjectTypeLabel } from '@fazhi/shared'
import { Button, DatePicker, Empty, Form, Input, Select, Space, Switch, Table, Tag, Tooltip, type TableColumnsType } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useEffect, useMemo, useState } from 'react'
import { useSearchParams } from 'react-router-dom'
import { ErrorState } from '../../components/ErrorState'
import { PageHeader } from '../../components/PageHeader'
import { Section } from '../../components/Panel'
import { formatDateTime } from '../../lib/format'
import { useDownload } from '../exports/useDownload'
import { ACTION_FILTER_GROUPS } from './actions'
import { AuditChainStatus } from './AuditChainStatus'
import { AuditDiff } from './AuditDiff'
import { AuditRaw } from './AuditRaw'
import './audit.css'
import {
  AUDIT_PAGE_SIZES,
  auditFilterQuery,
  auditViewFromParams,
  auditViewToParams,
  EMPTY_AUDIT_FILTER,
  objectFilterProblem,
  type AuditFilter,
  type AuditView,
} from './filter'
import { auditPageQueryOptions, type AuditEventRow } from './queries'

interface FilterForm {
  user: string
  action: string | undefined
  object: string
  range: [Dayjs | null, Dayjs | null] | null
}

const DATE_FORMAT = 'YYYY-MM-DD'

/** China time to the second; seconds do not depend on the (whole-hour) zone offset. */
const formatEventTime = (iso: string) => `${formatDateTime(iso)}:${String(new Date(iso).getUTCSeconds()).padStart(2, '0')}`

const toForm = (f: AuditFilter): FilterForm => ({
  user: f.user,
  action: f.action || undefined,
  object: f.object,
  range: f.from || f.to ? [f.from ? dayjs(f.from) : null, f.to ? dayjs(f.to) : null] : null,
})

const fromForm = (v: FilterForm): AuditFilter => ({
  user: v.user ?? '',
  action: v.action ?? '',
  object: v.object ?? '',
  from: v.range?.[0]?.format(DATE_FORMAT) ?? '',
  to: v.range?.[1]?.format(DATE_FORMAT) ?? '',
})

const hasBody = (e: AuditEventRow) => e.before != null || e.after != null

/** The audit log for the security auditor (三员分立): read-only, filterable, exportable. */
export default function AuditPage() {
  const [params, setParams] = useSearchParams()
  const view = useMemo(() => auditViewFromParams(params), [params])
  const events = useQuery(auditPageQueryOptions(view))
  const [form] = Form.useForm<FilterForm>()
  const { download, pending, contextHolder } = useDownload()
  // 原始记录: every row as stored (codes, JSON), for the auditor who checks what the labels say.
  const [raw, setRaw] = useState(false)

  // The form follows the URL (back/forward, a pasted link).
  useEffect(() => form.setFieldsValue(toForm(view.filter)), [form, view.filter])

  const show = (next: AuditView) => setParams(auditViewToParams(next))
  const apply = (values: FilterForm) => show({ ...view, filter: fromForm(values), page: 1 })
  const clear = () => show({ ...view, filter: EMPTY_AUDIT_FILTER, page: 1 })

  const columns: TableColumnsType<AuditEventRow> = [
    { title: '时间（北京时间）', dataIndex: 'at', width: 176, render: (at: string) => <span className="mono">{formatEventTime(at)}</span> },
    {
      title: '用户',
      key: 'user',
      width: 160,
      render: (_: unknown, e) => {
        const who = raw ? e.username : e.actorLabel
        return who ? <span className={raw ? 'mono' : undefined}>{who}</span> : <span className="text-muted">—</span>
      },
    },
    { title: 'IP 地址', dataIndex: 'ip', width: 132, render: (ip: string | null) => (ip ? <span className="mono">{ip}</span> : <span className="text-muted">—</span>) },
    {
      title: '操作',
      dataIndex: 'action',
      width: 220,
      render: (action: string) =>
        raw ? (
          <span className="mono">{action}</span>
        ) : (
          <>
            {auditActionLabel(action)}
            {auditActionLabel(action) !== action && <span className="audit-code">{action}</span>}
          </>
        ),
    },
    {
      title: '对象',
      key: 'object',
      render: (_: unknown, e) =>
        e.objectType ? (
          <Tooltip title={`筛选对象 ${e.objectType}${e.objectId ? `:${e.objectId}` : ''}`}>
            <a
              onClick={(ev) => {
                ev.stopPropagation()
                show({ ...view, filter: { ...view.filter, object: e.objectId ? `${e.objectType}:${e.objectId}` : e.objectType! }, page: 1 })
              }}
            >
              {raw ? (
                <span className="mono">{e.objectId ? `${e.objectType}:${e.objectId}` : e.objectType}</span>
              ) : (
                (e.objectLabel ?? auditObjectTypeLabel(e.objectType))
              )}
            </a>
          </Tooltip>
        ) : (
          <span className="text-muted">—</span>
        ),
    },
    {
      title: '结果',
      dataIndex: 'success',
      width: 80,
      align: 'center',
      render: (success: boolean) => (success ? <Tag color="green">成功</Tag> : <Tag color="red">失败</Tag>),
    },
  ]

  const total = events.data?.total ?? 0
  const filtered = Object.keys(auditFilterQuery(view.filter)).length > 0

  return (
    <div className="page">
      {contextHolder}
      <PageHeader
        title="安全审计"
        subtitle="系统操作日志：谁在何时、从何处、对何对象做了什么；日志只可查阅，不可修改或删除"
        extra={
          <Space size="middle">
            <label className="audit-raw-switch">
              <Switch size="small" checked={raw} onChange={setRaw} aria-label="原始记录" /> 原始记录
            </label>
            <Button
              icon={<DownloadOutlined />}
              loading={pending !== null}
              onClick={() => download('audit', '/api/audit/export.csv', auditFilterQuery(view.filter), '审计日志.csv')}
            >
              导出 CSV
            </Button>
          </Space>
        }
      />
      <AuditChainStatus />
      <Section>
        <Form<FilterForm> form={form} layout="inline" className="audit-filter" onFinish={apply} initialValues={toForm(view.filter)} aria-label="筛选条件">
          <Form.Item label="用户" name="user">
            <Input allowClear placeholder="用户名，精确匹配" style={{ width: 160 }} />
          </Form.Item>
          <Form.Item label="操作" name="action">
            <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder="全部操作" options={ACTION_FILTER_GROUPS} style={{ width: 220 }} popupMatchSelectWidth={false} />
          </Form.Item>
          <Form.Item
            label="对象"
            name="object"
            rules={[{ validator: async (_, v: string | undefined) => { const p = objectFilterProblem(v ?? ''); if (p) throw new Error(p) } }]}
          >
            <Input allowClear placeholder="类型:编号，如 user:5" style={{ width: 180 }} />
          </Form.Item>
          <Form.Item label="日期" name="range">
            <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: 260 }} />
          </Form.Item>
          <Form.Item className="audit-filter-actions">
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
              查询
            </Button>
            <Button onClick={clear} disabled={!filtered}>
              重置
            </Button>
            <Tooltip title="刷新">
              <Button icon={<ReloadOutlined />} aria-label="刷新" onClick={() => events.refetch()} loading={events.isFetching && !events.isPending} />
            </Tooltip>
          </Form.Item>
        </Form>
        {events.isError && !events.data ? (
          <ErrorState error={events.error} onRetry={() => events.refetch()} />
        ) : (
          <Table<AuditEventRow>
            rowKey="id"
            size="middle"
            className={events.isPlaceholderData ? 'panel-refreshing' : undefined}
            loading={events.isPending}
            columns={columns}
            dataSource={events.data?.rows ?? []}
            expandable={{
              expandedRowRender: (e) => (raw ? <AuditRaw row={e} /> : <AuditDiff before={e.before} after={e.after} context={e} />),
              rowExpandable: (e) => raw || hasBody(e),
              expandRowByClick: true,
            }}
            rowClassName={(e) => [raw || hasBody(e) ? 'row-clickable' : '', e.success ? '' : 'audit-row-failed'].join(' ')}
            scroll={{ x: 960 }}
            pagination={{
              current: view.page,
              pageSize: view.pageSize,
              total,
              showSizeChanger: true,
              pageSizeOptions: AUDIT_PAGE_SIZES.map(String),
              showTotal: (n) => `共 ${n} 条`,
              onChange: (page, pageSize) => show({ ...view, page: pageSize === view.pageSize ? page : 1, pageSize }),
            }}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={filtered ? '没有符合筛选条件的记录' : '暂无审计记录'} /> }}
            aria-label="审计日志"
          />
        )}
      </Section>
    </div>
  )
}
