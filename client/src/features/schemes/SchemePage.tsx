import { CopyOutlined, DownloadOutlined, EyeOutlined, UnlockOutlined, UploadOutlined } from '@ant-design/icons'
import { type Scheme, type SchemeDraft, schemeDraftOf, type SchemeImport, type SchemePreview } from '@fazhi/shared'
import { useQuery } from '@tanstack/react-query'
import { Alert, App, Button, Modal, Popconfirm, Skeleton, Space, Table, Upload } from 'antd'
import { useState } from 'react'
import { api } from '../../api/client'
import { conflictDifferences } from '../../components/conflict'
import { RecordConflictAlert } from '../../components/ConflictAlert'
import { ErrorState, errorMessage } from '../../components/ErrorState'
import { PageHeader } from '../../components/PageHeader'
import { Section } from '../../components/Panel'
import { useRecordConflict } from '../../components/useRecordConflict'
import { useYear } from '../catalog/useYear'
import { YearSelect } from '../catalog/YearSelect'
import { useDownload } from '../exports/useDownload'
import { schemeQuery, useSchemeMutations } from './queries'
import { SchemeEditor } from './SchemeEditor'
import { SchemeView } from './SchemeView'

/** `/settings/scheme`: the office edits a year's 考核方案, sees what a change would do to the ranking, and saves it. */
export default function SchemePage() {
  return (
    <App component={false}>
      <SchemeBody />
    </App>
  )
}

function SchemeBody() {
  const { year, setYear, cycles } = useYear()
  const scheme = useQuery({ ...schemeQuery(year ?? 0), enabled: year !== null })
  return (
    <div className="page">
      <PageHeader title="考核方案" subtitle="系统设置 · 各年度的类别、指标、分值、评分规则与等次" extra={<YearSelect cycles={cycles.data ?? []} value={year} onChange={setYear} />} />
      {scheme.error ? (
        <ErrorState error={scheme.error} onRetry={() => void scheme.refetch()} />
      ) : scheme.data && year ? (
        <SchemeWorkspace key={`${year}-${scheme.data.version}`} year={year} scheme={scheme.data} hasPreviousYear={(cycles.data ?? []).some((c) => c.year === year - 1)} />
      ) : (
        <Skeleton active />
      )}
    </div>
  )
}

const CONFLICT_FIELDS = [
  { name: 'bonusCap', label: '加分上限' },
  { name: 'lateDeduction', label: '逾期扣分' },
  { name: 'excellentQuota', label: '优秀比例上限' },
  { name: 'indicators', label: '指标', text: (v: unknown) => `${(v as unknown[]).length} 项（分值合计 ${(v as SchemeDraft['indicators']).reduce((s, i) => s + i.weight, 0)}）` },
]

function SchemeWorkspace({ year, scheme, hasPreviousYear }: { year: number; scheme: Scheme; hasPreviousYear: boolean }) {
  const { message } = App.useApp()
  const [draft, setDraft] = useState<SchemeDraft>(() => schemeDraftOf(scheme))
  const [preview, setPreview] = useState<SchemePreview | null>(null)
  const [imported, setImported] = useState<SchemeImport | null>(null)
  const mutations = useSchemeMutations(year)
  const { download, pending, contextHolder } = useDownload()
  const conflict = useRecordConflict(scheme, () => api<Scheme>(`/api/schemes/${year}`))
  const fail = (err: unknown) => void message.error(errorMessage(err))

  const exportButton = (
    <Button icon={<DownloadOutlined />} loading={pending !== null} onClick={() => void download('scheme', `/api/schemes/${year}/export.xlsx`, {}, `${year}年度考核细则.xlsx`)}>
      导出Excel
    </Button>
  )

  if (!scheme.editable)
    return (
      <Section title={`${year} 年度考核方案`} extra={<Space wrap>{exportButton}</Space>}>
        {contextHolder}
        <Alert
          className="page-alert"
          type="info"
          showIcon
          title={scheme.frozen ? '该年度结果已定稿发布，方案已冻结，只能查看。如需修改，请重新开启方案，修改后再发布新版本。' : '该年度已锁定，方案只能查看。'}
          action={
            scheme.frozen && (
              <Popconfirm title="重新开启后可修改方案，修改后需重新发布结果。确定重新开启？" onConfirm={() => mutations.reopen.mutateAsync().then(() => message.success('方案已重新开启'), fail)}>
                <Button icon={<UnlockOutlined />}>重新开启</Button>
              </Popconfirm>
            )
          }
        />
        <SchemeView scheme={scheme} />
      </Section>
    )

  const openPreview = () => mutations.preview.mutateAsync(draft).then(setPreview, fail)
  const save = async () => {
    try {
      await mutations.save.mutateAsync({ ...draft, version: conflict.version ?? scheme.version })
      setPreview(null)
      message.success('考核方案已保存')
    } catch (err) {
      setPreview(null)
      if (!conflict.caught(err)) fail(err)
    }
  }
  const copyPrevious = () => mutations.copyFrom.mutateAsync(year - 1).then(() => message.success(`已复制 ${year - 1} 年度方案`), fail)
  const importFile = (file: File) => {
    mutations.importFile.mutateAsync(file).then(setImported, fail)
    return false
  }

  return (
    <Section
      title={`${year} 年度考核方案${scheme.configured ? '' : '（尚未设置，显示默认指标体系）'}`}
      extra={
        <Space wrap>
          {hasPreviousYear && (
            <Popconfirm title={`用 ${year - 1} 年度的方案替换本年度方案？`} onConfirm={copyPrevious}>
              <Button icon={<CopyOutlined />} loading={mutations.copyFrom.isPending}>
                复制上年方案
              </Button>
            </Popconfirm>
          )}
          {exportButton}
          <Upload accept=".xlsx" showUploadList={false} beforeUpload={importFile}>
            <Button icon={<UploadOutlined />} loading={mutations.importFile.isPending}>
              从Excel导入
            </Button>
          </Upload>
          <Button type="primary" icon={<EyeOutlined />} loading={mutations.preview.isPending} onClick={() => void openPreview()}>
            预览影响并保存
          </Button>
        </Space>
      }
    >
      {contextHolder}
      {conflict.conflict && (
        <RecordConflictAlert
          conflict={conflict.conflict}
          differences={conflict.conflict.latest ? conflictDifferences(CONFLICT_FIELDS, schemeDraftOf(conflict.conflict.latest), draft) : []}
          refreshing={conflict.refreshing}
          onRefresh={() => void conflict.refresh()}
          onLoadLatest={(latest) => {
            setDraft(schemeDraftOf(latest))
            conflict.clear()
          }}
        />
      )}
      <SchemeEditor scheme={scheme} draft={draft} onChange={setDraft} />
      <PreviewModal preview={preview} saving={mutations.save.isPending} onCancel={() => setPreview(null)} onSave={() => void save()} />
      <ImportModal
        imported={imported}
        onCancel={() => setImported(null)}
        onApply={(d) => {
          setDraft(d)
          setImported(null)
          message.info('已应用到编辑，请预览影响后保存')
        }}
      />
    </Section>
  )
}

const standing = (s: SchemePreview['changes'][number]['before']) => (s.rank === null ? '未排名' : `第${s.rank}名 · ${s.score ?? '—'}分 · ${s.grade ?? '—'}`)

function PreviewModal({ preview, saving, onCancel, onSave }: { preview: SchemePreview | null; saving: boolean; onCancel: () => void; onSave: () => void }) {
  return (
    <Modal title="保存前预览：排名变化" open={preview !== null} onCancel={onCancel} onOk={onSave} okText="确认保存" confirmLoading={saving} width={720}>
      {preview && (
        <>
          <p>{preview.changes.length ? `按新方案，${preview.rankedCount} 个已上报单位中有 ${preview.changes.length} 个的得分、名次或等次会变化：` : `按新方案，${preview.rankedCount} 个已上报单位的得分、名次和等次都不变。`}</p>
          {preview.changes.length > 0 && (
            <Table
              rowKey="bureauId"
              size="small"
              pagination={false}
              scroll={{ x: 560, y: 360 }}
              dataSource={preview.changes}
              columns={[
                { title: '单位', dataIndex: 'name', width: 160 },
                { title: '调整前', key: 'before', width: 200, render: (_, c) => standing(c.before) },
                { title: '调整后', key: 'after', width: 200, render: (_, c) => standing(c.after) },
              ]}
            />
          )}
        </>
      )}
    </Modal>
  )
}

function ImportModal({ imported, onCancel, onApply }: { imported: SchemeImport | null; onCancel: () => void; onApply: (draft: SchemeDraft) => void }) {
  const errors = imported?.errors ?? []
  return (
    <Modal
      title="从Excel导入：与当前方案的差异"
      open={imported !== null}
      onCancel={onCancel}
      width={760}
      footer={
        <Space>
          <Button onClick={onCancel}>取消</Button>
          <Button type="primary" disabled={errors.length > 0} onClick={() => imported && onApply(imported.scheme)}>
            应用到编辑
          </Button>
        </Space>
      }
    >
      {errors.length > 0 && (
        <Alert className="page-alert" type="error" showIcon title="以下单元格无法读取，请修改文件后重新导入" description={<ul>{errors.map((e, i) => <li key={i}>{e.row ? `第${e.row}行 ` : ''}{e.column} {e.message}</li>)}</ul>} />
      )}
      {imported && imported.differences.length === 0 && errors.length === 0 && <p>文件与当前方案一致，没有差异。</p>}
      {imported && imported.differences.length > 0 && (
        <Table
          rowKey={(d) => `${d.code}|${d.field}`}
          size="small"
          pagination={false}
          scroll={{ x: 600, y: 360 }}
          dataSource={imported.differences}
          columns={[
            { title: '指标/项目', dataIndex: 'code', width: 200 },
            { title: '内容', dataIndex: 'field', width: 110 },
            { title: '原值', dataIndex: 'before', width: 150, render: (v: string | null) => v ?? '—' },
            { title: '新值', dataIndex: 'after', width: 150, render: (v: string | null) => v ?? '—' },
          ]}
        />
      )}
    </Modal>
  )
}
