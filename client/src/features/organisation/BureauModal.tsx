import type { Bureau, BureauInput, Region } from '@fazhi/shared'
import { useQueryClient } from '@tanstack/react-query'
import { Alert, App, AutoComplete, Form, Input, InputNumber, Modal, Radio, TreeSelect } from 'antd'
import { useState } from 'react'
import { FileQuota } from '../evidence/FileQuota'
import { conflictDifferences, type ConflictField } from '../../components/conflict'
import { RecordConflictAlert } from '../../components/ConflictAlert'
import { errorMessage } from '../../components/ErrorState'
import { useRecordConflict } from '../../components/useRecordConflict'
import { bureausQuery } from '../catalog/queries'
import { choicesOf, regionTreeOptions } from './organisation'
import { useOrganisationMutations } from './queries'

type FormValues = Omit<BureauInput, 'category' | 'activeUntil'> & { category: string | null; activeUntil: number | null }

const CONFLICT_FIELDS: readonly ConflictField[] = [
  { name: 'code', label: '单位编码' },
  { name: 'name', label: '单位名称' },
  { name: 'shortName', label: '简称' },
  { name: 'type', label: '单位类型' },
  { name: 'category', label: '考核类别' },
  { name: 'hasEnforcement', label: '行政执法职能', text: (v) => (v ? '有' : '无') },
  { name: 'regionId', label: '所属地区编号' },
  { name: 'activeFrom', label: '起始年度' },
  { name: 'activeUntil', label: '终止年度' },
]

const valuesOf = (b: Bureau): FormValues => ({
  code: b.code,
  name: b.name,
  shortName: b.shortName,
  type: b.type,
  category: b.category,
  hasEnforcement: b.hasEnforcement,
  regionId: b.regionId,
  activeFrom: b.activeFrom,
  activeUntil: b.activeUntil,
})

interface BureauModalProps {
  /** The bureau to edit; null to add one. */
  bureau: Bureau | null
  bureaus: readonly Bureau[]
  regions: readonly Region[]
  onClose: () => void
}

/** 新增 or 编辑 a bureau: every field; a rename keeps its history. A 409 keeps what was typed (useRecordConflict). */
export function BureauModal({ bureau, bureaus, regions, onClose }: BureauModalProps) {
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const { createBureau, updateBureau } = useOrganisationMutations()
  const saveConflict = useRecordConflict(bureau, async () =>
    bureau ? ((await queryClient.fetchQuery({ ...bureausQuery(), staleTime: 0 })).find((b) => b.id === bureau.id) ?? null) : null,
  )
  const [form] = Form.useForm<FormValues>()
  const [error, setError] = useState<string | null>(null)
  const pending = createBureau.isPending || updateBureau.isPending
  const initial: Partial<FormValues> = bureau
    ? valuesOf(bureau)
    : { hasEnforcement: false, regionId: regions.length === 1 ? regions[0].id : undefined, activeFrom: new Date().getFullYear(), activeUntil: null, category: null }

  const finish = async (v: FormValues) => {
    setError(null)
    const body = { ...v, category: v.category || null, activeUntil: v.activeUntil ?? null }
    try {
      const saved = bureau ? await updateBureau.mutateAsync({ ...body, id: bureau.id, version: saveConflict.version! }) : await createBureau.mutateAsync(body)
      message.success(bureau ? `已保存 ${saved.name}` : `已新增 ${saved.name}`)
      onClose()
    } catch (err) {
      if (!bureau || !saveConflict.caught(err)) setError(errorMessage(err))
    }
  }

  return (
    <Modal
      open
      title={bureau ? `编辑单位：${bureau.name}` : '新增单位'}
      okText={bureau ? '保存' : '新增'}
      confirmLoading={pending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={560}
    >
      {saveConflict.conflict && (
        <RecordConflictAlert
          conflict={saveConflict.conflict}
          differences={saveConflict.conflict.latest ? conflictDifferences(CONFLICT_FIELDS, saveConflict.conflict.latest, form.getFieldsValue()) : []}
          refreshing={saveConflict.refreshing}
          onRefresh={saveConflict.refresh}
          onLoadLatest={(latest) => {
            form.setFieldsValue(valuesOf(latest))
            saveConflict.clear()
          }}
        />
      )}
      {bureau && <Alert className="page-alert" type="info" showIcon title="改名只需修改单位名称和简称，历年数据仍归属本单位。" />}
      {bureau && <FileQuota bureauId={bureau.id} mayChange />}
      <Form<FormValues> form={form} layout="vertical" name="bureau-form" initialValues={initial} onFinish={finish}>
        <div className="org-form-grid">
          <Form.Item name="code" label="单位编码" rules={[{ required: true, message: '请填写单位编码' }, { pattern: /^[A-Za-z0-9_.-]{1,32}$/, message: '1–32 位字母、数字、下划线、点或连字符' }]}>
            <Input autoComplete="off" placeholder="如 kjj" />
          </Form.Item>
          <Form.Item name="type" label="单位类型" rules={[{ required: true, whitespace: true, message: '请填写单位类型' }]}>
            <AutoComplete options={choicesOf(bureaus.map((b) => b.type))} placeholder="如 科技局" filterOption />
          </Form.Item>
        </div>
        <Form.Item name="name" label="单位名称" rules={[{ required: true, whitespace: true, message: '请填写单位名称' }, { max: 64, message: '不超过 64 个字' }]}>
          <Input placeholder="如 示例县科技局" />
        </Form.Item>
        <div className="org-form-grid">
          <Form.Item name="shortName" label="简称" rules={[{ required: true, whitespace: true, message: '请填写简称' }, { max: 32, message: '不超过 32 个字' }]}>
            <Input placeholder="如 科技局" />
          </Form.Item>
          <Form.Item name="category" label="考核类别" extra="决定适用的考核指标，可不填">
            <AutoComplete options={choicesOf(bureaus.map((b) => b.category))} placeholder="如 执法部门" allowClear filterOption />
          </Form.Item>
        </div>
        <div className="org-form-grid">
          <Form.Item name="hasEnforcement" label="行政执法职能" rules={[{ required: true, message: '请选择' }]}>
            <Radio.Group options={[{ value: true, label: '有' }, { value: false, label: '无' }]} />
          </Form.Item>
          <Form.Item name="regionId" label="所属地区" rules={[{ required: true, message: '请选择所属地区' }]}>
            <TreeSelect treeData={regionTreeOptions(regions)} treeDefaultExpandAll placeholder="选择地区" />
          </Form.Item>
        </div>
        <div className="org-form-grid">
          <Form.Item name="activeFrom" label="起始年度" rules={[{ required: true, message: '请填写起始年度' }]}>
            <InputNumber<number> min={2000} max={2100} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="activeUntil"
            label="终止年度"
            extra="撤销后的最后一个年度；仍存在则留空"
            dependencies={['activeFrom']}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_, v: number | null) =>
                  v == null || v >= getFieldValue('activeFrom') ? Promise.resolve() : Promise.reject(new Error('终止年度不能早于起始年度')),
              }),
            ]}
          >
            <InputNumber<number> min={2000} max={2100} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </div>
        {error && <Alert type="error" showIcon title={error} />}
      </Form>
    </Modal>
  )
}
